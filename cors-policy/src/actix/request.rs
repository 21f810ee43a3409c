//! The request as the decision reads it, on actix-web's own header map (`http` 0.2
//! values): no conversion, and the `Origin` an allowed request echoes is the request's
//! own value, cloned (a reference count).

use actix_web::http::Method;
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};

use crate::request_headers::{Field, Known, RequestHeaders};
use crate::value_type::ValueType;
use crate::vary;

/// The names the decision reads, in actix's type. `static`s: a custom name held in a
/// `const` would be built and dropped at every use.
static ORIGIN: HeaderName = header::ORIGIN;
static REQUEST_METHOD: HeaderName = header::ACCESS_CONTROL_REQUEST_METHOD;
static REQUEST_HEADERS: HeaderName = header::ACCESS_CONTROL_REQUEST_HEADERS;
static REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
static SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// The actix name of a [`Known`] header.
#[inline(always)]
pub(super) fn actix_name(name: Known) -> &'static HeaderName {
    match name {
        Known::Origin => &ORIGIN,
        Known::RequestMethod => &REQUEST_METHOD,
        Known::RequestHeaders => &REQUEST_HEADERS,
        Known::RequestPrivateNetwork => &REQUEST_PRIVATE_NETWORK,
        Known::SecFetchSite => &SEC_FETCH_SITE,
    }
}

impl ValueType for HeaderValue {
    const ANY: Self = Self::from_static("*");
    const TRUE: Self = Self::from_static("true");
    const VARY_ORIGIN: Self = Self::from_static(vary::ORIGIN);
    const VARY_ORIGIN_AND_SITE: Self = Self::from_static(vary::ORIGIN_AND_SITE);
    const VARY_PREFLIGHT: Self = Self::from_static(vary::PREFLIGHT);

    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        self.as_bytes()
    }

    #[cold]
    fn copied(bytes: &[u8]) -> Option<Self> {
        Self::from_bytes(bytes).ok()
    }
}

/// An actix request: its method and headers.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ActixRequest<'a> {
    method: &'a Method,
    headers: &'a HeaderMap,
}

impl<'a> ActixRequest<'a> {
    #[inline(always)]
    pub(crate) fn new(method: &'a Method, headers: &'a HeaderMap) -> Self {
        Self { method, headers }
    }
}

impl<'a> RequestHeaders<'a> for ActixRequest<'a> {
    type Value = HeaderValue;

    #[inline(always)]
    fn is_options(self) -> bool {
        *self.method == Method::OPTIONS
    }

    #[inline(always)]
    fn first(self, name: Known) -> Option<&'a HeaderValue> {
        self.headers.get(actix_name(name))
    }

    /// One hashed look-up: actix keeps a name's values together, so the look-up that
    /// finds the first also tells whether there are more.
    #[inline(always)]
    fn field(self, name: Known) -> Option<Field<'a, HeaderValue>> {
        let all = self.headers.get_all(actix_name(name)).as_slice();
        match all {
            [] => None,
            [one] => Some(Field::One(one)),
            [first, ..] => Some(Field::Repeated(first)),
        }
    }

    fn all(self, name: Known) -> impl Iterator<Item = &'a HeaderValue> {
        self.headers.get_all(actix_name(name))
    }
}
