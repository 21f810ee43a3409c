//! The decision itself, made once per request on `http` types, without allocating:
//! what to answer and why. The layer and [`Policy::decide`] both call [`Policy::plan`];
//! [`write`](crate::write) turns its result into headers.
//!
//! Fetch standard, "CORS protocol": a request with `Origin` is a CORS request; an
//! `OPTIONS` one that also carries `Access-Control-Request-Method` is a preflight.

use http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use http::{HeaderMap, HeaderName, HeaderValue, Method};

use crate::Refusal;
use crate::header_values::ANY;
use crate::policy::{NameRule, Policy};
use crate::vary::Vary;

const REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// Every request header [`Policy::plan`] and the log events read: an edge that holds
/// the request in other header types converts these and only these (`actix/edge.rs`).
#[cfg_attr(not(feature = "actix"), allow(dead_code))]
pub(crate) const READ: [HeaderName; 5] = [
    ORIGIN,
    ACCESS_CONTROL_REQUEST_METHOD,
    ACCESS_CONTROL_REQUEST_HEADERS,
    REQUEST_PRIVATE_NETWORK,
    SEC_FETCH_SITE,
];

/// What to do with a request, and why; borrowed from the request's headers.
#[derive(Clone, Debug)]
pub(crate) enum Plan<'a> {
    /// Answer `204` now with these headers, without calling the handler.
    Preflight(Preflight<'a>),
    /// Answer `403` now (a disallowed origin under `refuse_disallowed`).
    Refuse(Refusal<'a>),
    /// Call the handler, then write `Forward` on its response; `None` when allowed.
    Forward(Forward, Option<Refusal<'a>>),
}

/// What the layer keeps for a forwarded request until the inner response is ready,
/// kept small so that the future stays small: the `Access-Control-Allow-Origin` of an
/// allowed request (the rest are the policy's constants), or only the `Vary` to add.
#[derive(Clone, Debug)]
pub(crate) enum Forward {
    /// Allowed: this `Access-Control-Allow-Origin`, then the policy's credentials and
    /// exposed headers, and `Vary: Origin` unless the policy is `*`.
    Allowed(HeaderValue),
    /// Not allowed, or not a CORS request under a policy that depends on `Origin`.
    Vary(Vary),
}

/// The answer to a preflight.
#[derive(Clone, Debug)]
pub(crate) struct Preflight<'a> {
    /// `Access-Control-Allow-Origin`; `None` when the origin is refused, and then the
    /// answer carries no CORS header at all.
    pub(crate) allow_origin: Option<HeaderValue>,
    /// Why the preflight fails, if it does. With an allowed origin, the answer still
    /// names the origin and the policy's own methods and headers, so that the browser's
    /// console says what is wrong (the method, the header), not "no origin header".
    pub(crate) refusal: Option<Refusal<'a>>,
    /// The request's `Access-Control-Request-Headers`, for a `*` policy's echo.
    pub(crate) requested_headers: Option<&'a HeaderValue>,
    /// Answer `Access-Control-Allow-Private-Network: true`.
    pub(crate) private_network: bool,
}

impl Plan<'_> {
    /// Whether a CORS request is refused (cheap: no look at the request; a Private
    /// Network Access refusal, named only by `Decision::verdict`, counts as allowed here,
    /// and a request without `Origin` is not a CORS request).
    #[inline(always)]
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))] // only the log asks
    pub(crate) fn is_refused(&self) -> bool {
        match self {
            Plan::Preflight(answer) => answer.refusal.is_some(),
            Plan::Refuse(_) => true,
            // A request without `Origin` is not a CORS request: nothing was refused.
            Plan::Forward(_, refusal) => refusal.is_some_and(|r| r != Refusal::NoOrigin),
        }
    }
}

impl Policy {
    /// Decides how to answer a request with this method and these headers.
    #[inline(always)]
    pub(crate) fn plan<'a>(&self, method: &Method, headers: &'a HeaderMap) -> Plan<'a> {
        self.plan_with(method, headers, Lookup::Any)
    }

    /// [`plan`](Self::plan), finding the request's headers the `lookup` way.
    #[inline(always)]
    pub(crate) fn plan_with<'a>(
        &self,
        method: &Method,
        headers: &'a HeaderMap,
        lookup: Lookup,
    ) -> Plan<'a> {
        let Some(first) = Field::of(headers, &ORIGIN, lookup) else {
            // A `*` policy answers `*` on every response, CORS request or not, so that a
            // shared cache filled by a request without `Origin` (an `<img>`, curl) serves
            // CORS requests an answer they accept (Fetch, "CORS protocol and HTTP
            // caches"); any other policy varies on `Origin`.
            return Plan::Forward(
                match self.allowed_origin(None) {
                    Ok(any) => Forward::Allowed(any),
                    Err(_) => Forward::Vary(self.vary(Vary::Origin)),
                },
                (self.varies_by_origin()).then_some(Refusal::NoOrigin),
            );
        };
        // A repeated `Origin` is ambiguous: treated as a disallowed origin.
        let origin = first.single();
        if method == Method::OPTIONS
            && let Some(requested) = Field::of(headers, &ACCESS_CONTROL_REQUEST_METHOD, lookup)
        {
            let requested = requested.single().ok_or(Refusal::RepeatedRequestMethod);
            let answer = self.plan_preflight_with(origin, requested, headers, lookup);
            return Plan::Preflight(answer);
        }
        match self.allowed_origin(origin) {
            Ok(allow_origin) => Plan::Forward(Forward::Allowed(allow_origin), None),
            Err(refusal) if self.0.refuse_disallowed && !is_same_origin(headers) => {
                Plan::Refuse(refusal)
            }
            Err(refusal) => Plan::Forward(Forward::Vary(self.vary(Vary::Origin)), Some(refusal)),
        }
    }

    /// What an answer (other than a preflight's) varies on: nothing for a `*` policy;
    /// `Origin`; and `Sec-Fetch-Site` too for a `refuse_disallowed` policy, whose answer
    /// to a disallowed origin depends on it (`403`, or the handler's when same-origin).
    #[inline(always)]
    pub(crate) fn vary(&self, vary: Vary) -> Vary {
        match vary {
            _ if !self.varies_by_origin() => Vary::None,
            Vary::Origin if self.0.refuse_disallowed => Vary::OriginAndSite,
            other => other,
        }
    }

    /// The allowed `Origin` value: `*` for a `*` policy, whatever the request's `Origin`
    /// (none, repeated, `null`); otherwise the request's single `Origin`, echoed (cheaply
    /// cloned).
    #[inline(always)]
    fn allowed_origin<'a>(
        &self,
        origin: Option<&'a HeaderValue>,
    ) -> Result<HeaderValue, Refusal<'a>> {
        if !self.varies_by_origin() {
            return Ok(ANY);
        }
        let origin = origin.ok_or(Refusal::RepeatedOrigin)?;
        if self.allows_origin_inline(origin.as_bytes()) {
            Ok(origin.clone())
        } else {
            Err(Refusal::OriginNotAllowed(origin))
        }
    }

    /// The answer to a preflight from `origin` (the request's single `Origin`, if any)
    /// for the `requested` method (the per-method router calls it once it has routed
    /// the preflight by that method).
    #[inline(always)]
    #[cfg_attr(not(feature = "axum"), allow(dead_code))] // only the per-method router
    pub(crate) fn plan_preflight<'a>(
        &self,
        origin: Option<&'a HeaderValue>,
        requested: Result<&'a HeaderValue, Refusal<'a>>,
        headers: &'a HeaderMap,
    ) -> Preflight<'a> {
        self.plan_preflight_with(origin, requested, headers, Lookup::Any)
    }

    /// [`plan_preflight`](Self::plan_preflight), finding the request's headers the
    /// `lookup` way.
    #[inline(always)]
    fn plan_preflight_with<'a>(
        &self,
        origin: Option<&'a HeaderValue>,
        requested: Result<&'a HeaderValue, Refusal<'a>>,
        headers: &'a HeaderMap,
        lookup: Lookup,
    ) -> Preflight<'a> {
        let mut answer = Preflight {
            allow_origin: None,
            refusal: None,
            requested_headers: None,
            private_network: false,
        };
        match self.allowed_origin(origin) {
            Ok(allow_origin) => answer.allow_origin = Some(allow_origin),
            Err(refusal) => {
                answer.refusal = Some(refusal);
                return answer;
            }
        }
        answer.refusal = match requested {
            Ok(method) if self.allows_method(method.as_bytes()) => None,
            Ok(method) => Some(Refusal::MethodNotAllowed(method)),
            Err(refusal) => Some(refusal),
        };
        let lists = Field::of(headers, &ACCESS_CONTROL_REQUEST_HEADERS, lookup);
        answer.requested_headers = lists.map(Field::first);
        if answer.refusal.is_none() {
            answer.refusal = self.refused_request_header(lists, headers);
        }
        // Only a policy with `private_network` looks at the header (a hashed look-up);
        // for the others, `Decision::verdict` names the refusal when asked.
        answer.private_network =
            self.0.private_network && answer.refusal.is_none() && asks_private_network(headers);
        answer
    }

    /// Methods match case-sensitively (Fetch, "CORS-preflight fetch"), and browsers accept
    /// the CORS-safelisted GET, HEAD and POST without them being listed.
    #[inline(always)]
    pub(crate) fn allows_method(&self, method: &[u8]) -> bool {
        matches!(method, b"GET" | b"HEAD" | b"POST")
            || match &self.0.methods {
                NameRule::Any | NameRule::AnyAndAuthorization => !method.is_empty(),
                NameRule::List { names, .. } => names
                    .iter()
                    .any(|m| typed_cors_rules::bytes_eq(m.as_bytes(), method)),
            }
    }

    /// The first requested header the policy does not allow, if any. Header names match
    /// case-insensitively; `lists` are the request's `Access-Control-Request-Headers`
    /// lines, read from `headers` again only when there are several.
    ///
    /// Fetch's `*` never covers `Authorization`, and a requested name `*` is refused too
    /// (see [`not_covered_by_star`]). A `*` policy's answer echoes the request's list
    /// (see [`write`](crate::write)); a repeated list, never sent by a browser, has no
    /// single value to echo and is refused.
    #[inline(always)]
    fn refused_request_header<'a>(
        &self,
        lists: Option<Field<'a>>,
        headers: &'a HeaderMap,
    ) -> Option<Refusal<'a>> {
        let lists = lists?;
        match &self.0.allow_headers {
            NameRule::Any | NameRule::AnyAndAuthorization => {
                let Some(first) = lists.single() else {
                    return Some(Refusal::RepeatedRequestHeaders);
                };
                if matches!(self.0.allow_headers, NameRule::AnyAndAuthorization) {
                    return None;
                }
                names(first.as_bytes())
                    .find(|name| not_covered_by_star(name))
                    .map(Refusal::HeaderNotAllowed)
            }
            NameRule::List { names: allowed, .. } => {
                // The slice itself (static data of a compiled policy), not a reference to
                // the policy's field: a closure holding the latter would make the
                // compiled policy's constant copy real (a 288-byte copy per request).
                let allowed: &[std::borrow::Cow<'static, str>] = allowed;
                if let Some(name) = first_not_listed(lists.first().as_bytes(), allowed) {
                    return Some(Refusal::HeaderNotAllowed(name));
                }
                // Browsers send one list; more lines are checked the same way.
                match lists {
                    Field::One(_) => None,
                    Field::Repeated(_) => first_not_listed_in_later_lines(headers, allowed),
                }
            }
        }
    }
}

/// How [`Policy::plan_with`] finds the request's headers.
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

/// A request header looked up by name: its one value, or the first of several.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Field<'a> {
    /// The header's only value.
    One(&'a HeaderValue),
    /// The first of the header's several values (field lines).
    Repeated(&'a HeaderValue),
}

impl<'a> Field<'a> {
    /// The request's `name` header, if it has one.
    #[inline(always)]
    pub(crate) fn of(headers: &'a HeaderMap, name: &HeaderName, lookup: Lookup) -> Option<Self> {
        debug_assert!(lookup == Lookup::Any || !has_repeated_header(headers));
        if lookup == Lookup::Unrepeated || !has_repeated_header(headers) {
            headers.get(name).map(Field::One)
        } else {
            Self::of_repeating(headers, name)
        }
    }

    /// [`Field::of`] in a request with a repeated header (of any name).
    #[cold]
    #[inline(never)]
    fn of_repeating(headers: &'a HeaderMap, name: &HeaderName) -> Option<Self> {
        let mut values = headers.get_all(name).iter();
        let first = values.next()?;
        Some(match values.next() {
            None => Field::One(first),
            Some(_) => Field::Repeated(first),
        })
    }

    /// The first (or only) value.
    #[inline(always)]
    pub(crate) fn first(self) -> &'a HeaderValue {
        match self {
            Field::One(value) | Field::Repeated(value) => value,
        }
    }

    /// The value, unless the header is repeated (ambiguous).
    #[inline(always)]
    pub(crate) fn single(self) -> Option<&'a HeaderValue> {
        match self {
            Field::One(value) => Some(value),
            Field::Repeated(_) => None,
        }
    }
}

/// The first name not in `allowed` among the second and later
/// `Access-Control-Request-Headers` lines (never sent by browsers).
#[cold]
#[inline(never)]
fn first_not_listed_in_later_lines<'a>(
    headers: &'a HeaderMap,
    allowed: &[std::borrow::Cow<'static, str>],
) -> Option<Refusal<'a>> {
    headers
        .get_all(ACCESS_CONTROL_REQUEST_HEADERS)
        .iter()
        .skip(1)
        .find_map(|list| first_not_listed(list.as_bytes(), allowed))
        .map(Refusal::HeaderNotAllowed)
}

/// The names of a comma-separated list, spaces around them trimmed, empty ones skipped.
#[inline]
pub(crate) fn names(list: &[u8]) -> impl Iterator<Item = &[u8]> {
    list.split(|&byte| byte == b',')
        .map(<[u8]>::trim_ascii)
        .filter(|name| !name.is_empty())
}

/// Whether `allow_headers = ["*"]` leaves out this requested name: `authorization`,
/// which Fetch's `*` never covers, and `*` itself, a valid header name a script can send
/// (`fetch(url, {headers: {"*": "1"}})`) that an echo would turn into the wildcard,
/// which Chromium reads as covering `Authorization` too.
#[inline]
pub(crate) fn not_covered_by_star(name: &[u8]) -> bool {
    name == b"*" || name.eq_ignore_ascii_case(b"authorization")
}

/// The first name of a comma-separated list (spaces around names ignored, empty
/// elements skipped) that is not one of `allowed`.
///
/// First the list as browsers send it (Fetch, "CORS-unsafe request-header names":
/// lowercase, sorted, joined by bare commas): each allowed name is compared with the
/// list at the current place, and a match followed by a comma or the end is consumed,
/// without looking for the comma byte by byte (callgrind: the byte loop was about 150
/// instructions of a two-name preflight). Anything else (spaces, another case, a name
/// not listed) ends the fast part, and the rest of the list is read the general way:
/// every name consumed before was listed, so the answer is the same.
#[inline(always)]
fn first_not_listed<'a>(
    list: &'a [u8],
    allowed: &[std::borrow::Cow<'static, str>],
) -> Option<&'a [u8]> {
    let mut rest = list;
    'names: loop {
        for name in allowed {
            let name = name.as_bytes();
            let Some(candidate) = rest.get(..name.len()) else {
                continue;
            };
            if !typed_cors_rules::bytes_eq(candidate, name) {
                continue;
            }
            match rest.get(name.len()) {
                None => return None,
                Some(b',') => {
                    rest = &rest[name.len() + 1..];
                    continue 'names;
                }
                // A longer name that starts with this one, or spaces: another allowed
                // name, or the general way, decides.
                Some(_) => {}
            }
        }
        break;
    }
    first_not_listed_anywhere(rest, allowed)
}

/// [`first_not_listed`] for any list: a plain loop (measured cheaper than the same
/// search through iterator adapters).
#[inline(always)]
fn first_not_listed_anywhere<'a>(
    list: &'a [u8],
    allowed: &[std::borrow::Cow<'static, str>],
) -> Option<&'a [u8]> {
    for element in list.split(|&byte| byte == b',') {
        let name = element.trim_ascii();
        if !name.is_empty() && !is_listed(allowed, name) {
            return Some(name);
        }
    }
    None
}

/// Whether `name` is one of `allowed` (lowercase), ignoring ASCII case.
#[inline(always)]
fn is_listed(allowed: &[std::borrow::Cow<'static, str>], name: &[u8]) -> bool {
    // Browsers send lowercase names, so the exact comparisons usually decide.
    allowed
        .iter()
        .any(|n| typed_cors_rules::bytes_eq(n.as_bytes(), name))
        || allowed
            .iter()
            .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// A Private Network Access preflight: `Access-Control-Request-Private-Network: true`.
#[inline]
pub(crate) fn asks_private_network(headers: &HeaderMap) -> bool {
    headers
        .get(REQUEST_PRIVATE_NETWORK)
        .is_some_and(|v| v == "true")
}

/// `Sec-Fetch-Site: same-origin` is set by the browser and cannot be set by scripts;
/// same-origin requests carry `Origin` too (on POST), and must never be refused.
#[inline]
fn is_same_origin(headers: &HeaderMap) -> bool {
    headers
        .get(SEC_FETCH_SITE)
        .is_some_and(|v| v == "same-origin")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    /// The browser-shaped fast part of `first_not_listed` never changes the answer of
    /// the general loop: every list of up to six bytes over names that are prefixes of
    /// one another, another case, spaces and commas.
    #[test]
    fn the_fast_header_check_answers_as_the_general_loop() {
        let allowed: [Cow<'static, str>; 3] = ["x".into(), "xy".into(), "y".into()];
        let alphabet = b"xyX ,z";
        let mut lists = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = lists
                .iter()
                .filter(|list| list.len() == lists.last().map_or(0, Vec::len))
                .flat_map(|list| {
                    alphabet.iter().map(move |&byte| {
                        let mut longer = list.clone();
                        longer.push(byte);
                        longer
                    })
                })
                .collect();
            lists.extend(longer);
        }
        assert_eq!(lists.len(), (0..=6).map(|n| 6usize.pow(n)).sum::<usize>());
        for list in &lists {
            assert_eq!(
                first_not_listed(list, &allowed),
                first_not_listed_anywhere(list, &allowed),
                "{:?}",
                String::from_utf8_lossy(list),
            );
        }
        // What browsers send, and the cases named in the fast part.
        assert_eq!(first_not_listed(b"x,xy,y", &allowed), None);
        assert_eq!(first_not_listed(b"xy,x", &allowed), None);
        assert_eq!(first_not_listed(b"x,xyz", &allowed), Some(&b"xyz"[..]));
        assert_eq!(first_not_listed(b"x, Y ,", &allowed), None);
        assert_eq!(first_not_listed(b"x,z,y", &allowed), Some(&b"z"[..]));
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
        let found = |headers: &HeaderMap, lookup| {
            Field::of(headers, &ORIGIN, lookup).map(|f| (f.first().clone(), f.single().is_some()))
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
