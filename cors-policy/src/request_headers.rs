//! How the decision reads a request: its method and the few headers it looks at, by
//! well-known name, in the framework's own types. [`HttpRequest`] reads `http` 1 (the
//! tower layer, axum, [`Policy::decide`](crate::Policy::decide)); the actix middleware
//! reads actix-web's own map (`actix/request.rs`), with no conversion.

use http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::value_type::ValueType;

/// Every request header the decision reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Known {
    /// `Origin`.
    Origin,
    /// `Access-Control-Request-Method`.
    RequestMethod,
    /// `Access-Control-Request-Headers`.
    RequestHeaders,
    /// `Access-Control-Request-Private-Network`.
    RequestPrivateNetwork,
    /// `Sec-Fetch-Site`.
    SecFetchSite,
}

impl Known {
    /// Every name, for a test or a conversion that needs them all.
    #[cfg_attr(not(feature = "actix"), allow(dead_code))]
    pub(crate) const ALL: [Known; 5] = [
        Known::Origin,
        Known::RequestMethod,
        Known::RequestHeaders,
        Known::RequestPrivateNetwork,
        Known::SecFetchSite,
    ];
}

/// A request as the decision reads it. `Copy`: a pair of references, passed by value
/// into code that is inlined, so that it folds into plain look-ups.
pub(crate) trait RequestHeaders<'a>: Copy {
    /// The framework's header value type.
    type Value: ValueType + 'a;

    /// Whether the method is `OPTIONS`.
    fn is_options(self) -> bool;

    /// The first value of `name`, if any (`HeaderMap::get`).
    fn first(self, name: Known) -> Option<&'a Self::Value>;

    /// `name`'s value, and whether it is repeated.
    fn field(self, name: Known) -> Option<Field<'a, Self::Value>>;

    /// Every value of `name`, in order (only for the rare repeated list).
    fn all(self, name: Known) -> impl Iterator<Item = &'a Self::Value>;
}

/// A request header looked up by name: its one value, or the first of several.
#[derive(Debug)]
pub(crate) enum Field<'a, V> {
    /// The header's only value.
    One(&'a V),
    /// The first of the header's several values (field lines).
    Repeated(&'a V),
}

impl<V> Clone for Field<'_, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V> Copy for Field<'_, V> {}

impl<'a, V> Field<'a, V> {
    /// The first (or only) value.
    #[inline(always)]
    pub(crate) fn first(self) -> &'a V {
        match self {
            Field::One(value) | Field::Repeated(value) => value,
        }
    }

    /// The value, unless the header is repeated (ambiguous).
    #[inline(always)]
    pub(crate) fn single(self) -> Option<&'a V> {
        match self {
            Field::One(value) => Some(value),
            Field::Repeated(_) => None,
        }
    }
}

/// How [`HttpRequest`] finds the request's headers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lookup {
    /// With `HeaderMap::get` only: the caller checked [`has_repeated_header`] is false.
    ///
    /// `get` lets the compiler see that the request's memory does not escape; the
    /// `get_all` that a repeated header needs does not (its result holds the map's
    /// address), and with it in the layer's code the compiler kept a second 224-byte
    /// copy of every request (callgrind: 29 instructions of `memcpy` and more per
    /// request, in every scenario).
    Unrepeated,
    /// Any request: `get` when no header is repeated, else `get_all`.
    Any,
}

/// Whether some header of the request has several values (field lines): then `get`
/// alone cannot tell a repeated `Origin` from a single one. Rare (HTTP/2 clients may
/// send `Cookie` in pieces); two loads and a compare.
#[inline(always)]
pub(crate) fn has_repeated_header(headers: &HeaderMap) -> bool {
    headers.len() != headers.keys_len()
}

/// The names, in `static`s: looked up by reference (`HeaderMap::get::<&HeaderName>`, 12
/// instructions fewer per look-up than by value, callgrind), and a custom name in a
/// `const` would be built and dropped at every use.
static NAMES: [HeaderName; 5] = [
    ORIGIN,
    ACCESS_CONTROL_REQUEST_METHOD,
    ACCESS_CONTROL_REQUEST_HEADERS,
    REQUEST_PRIVATE_NETWORK,
    SEC_FETCH_SITE,
];

const REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// The `http` 1 name of a [`Known`] header.
#[inline(always)]
pub(crate) fn http_name(name: Known) -> &'static HeaderName {
    &NAMES[name as usize]
}

/// [`http_name`] by value, for `HeaderMap::get::<HeaderName>` (as `Known`'s `first`
/// always looked up): a hand-written layer's look-up of `Origin` is that function too,
/// and the benchmark's floor shares its code with ours, as before this trait.
#[inline(always)]
fn http_name_owned(name: Known) -> HeaderName {
    match name {
        Known::Origin => ORIGIN,
        Known::RequestMethod => ACCESS_CONTROL_REQUEST_METHOD,
        Known::RequestHeaders => ACCESS_CONTROL_REQUEST_HEADERS,
        Known::RequestPrivateNetwork => REQUEST_PRIVATE_NETWORK,
        Known::SecFetchSite => SEC_FETCH_SITE,
    }
}

/// An `http` 1 request: its method and headers, and how to look them up.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HttpRequest<'a, 'm> {
    method: &'m Method,
    headers: &'a HeaderMap,
    lookup: Lookup,
}

impl<'a, 'm> HttpRequest<'a, 'm> {
    /// Any request.
    #[inline(always)]
    pub(crate) fn new(method: &'m Method, headers: &'a HeaderMap) -> Self {
        Self::with(method, headers, Lookup::Any)
    }

    /// A request whose headers are found the `lookup` way.
    #[inline(always)]
    pub(crate) fn with(method: &'m Method, headers: &'a HeaderMap, lookup: Lookup) -> Self {
        debug_assert!(lookup == Lookup::Any || !has_repeated_header(headers));
        Self {
            method,
            headers,
            lookup,
        }
    }
}

impl<'a> RequestHeaders<'a> for HttpRequest<'a, '_> {
    type Value = HeaderValue;

    #[inline(always)]
    fn is_options(self) -> bool {
        self.method == Method::OPTIONS
    }

    #[inline(always)]
    fn first(self, name: Known) -> Option<&'a HeaderValue> {
        self.headers.get(http_name_owned(name))
    }

    #[inline(always)]
    fn field(self, name: Known) -> Option<Field<'a, HeaderValue>> {
        if self.lookup == Lookup::Unrepeated || !has_repeated_header(self.headers) {
            self.headers.get(http_name(name)).map(Field::One)
        } else {
            field_of_repeating(self.headers, http_name(name))
        }
    }

    fn all(self, name: Known) -> impl Iterator<Item = &'a HeaderValue> {
        self.headers.get_all(http_name(name)).iter()
    }
}

/// [`HttpRequest::field`] in a request with a repeated header (of any name).
#[cold]
#[inline(never)]
fn field_of_repeating<'a>(
    headers: &'a HeaderMap,
    name: &HeaderName,
) -> Option<Field<'a, HeaderValue>> {
    let mut values = headers.get_all(name).iter();
    let first = values.next()?;
    Some(match values.next() {
        None => Field::One(first),
        Some(_) => Field::Repeated(first),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_name_is_its_own() {
        let names: Vec<&str> = Known::ALL.iter().map(|&k| http_name(k).as_str()).collect();
        assert_eq!(
            names,
            [
                "origin",
                "access-control-request-method",
                "access-control-request-headers",
                "access-control-request-private-network",
                "sec-fetch-site",
            ]
        );
    }

    /// A header looked up with `get` alone (the layer's usual way, after checking that
    /// no header is repeated) is the one `get_all` finds; a map with a repeated header
    /// of another name still finds single values as single.
    #[test]
    fn both_lookups_find_the_same_fields() {
        let value = |v: &'static str| HeaderValue::from_static(v);
        let mut single = HeaderMap::new();
        single.append(ORIGIN, value("https://a.example"));
        assert!(!has_repeated_header(&single));
        let mut cookies = single.clone();
        cookies.append("cookie", value("a=1"));
        cookies.append("cookie", value("b=2"));
        assert!(has_repeated_header(&cookies));
        let mut origins = single.clone();
        origins.append(ORIGIN, value("https://b.example"));
        let get = Method::GET;
        let found = |headers: &HeaderMap, lookup| {
            HttpRequest::with(&get, headers, lookup)
                .field(Known::Origin)
                .map(|f| (f.first().clone(), f.single().is_some()))
        };
        let one = Some((value("https://a.example"), true));
        assert_eq!(found(&single, Lookup::Unrepeated), one);
        assert_eq!(found(&single, Lookup::Any), one);
        assert_eq!(found(&cookies, Lookup::Any), one);
        assert_eq!(
            found(&origins, Lookup::Any),
            Some((value("https://a.example"), false))
        );
        assert_eq!(found(&HeaderMap::new(), Lookup::Unrepeated), None);
    }
}
