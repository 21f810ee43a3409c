//! Classifying a request and deciding the CORS response headers, on `http` types only.
//!
//! Fetch standard, "CORS protocol": a request with `Origin` is a CORS request; an
//! `OPTIONS` one that also carries `Access-Control-Request-Method` is a preflight.

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN,
};
use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode};

use crate::policy::{NameRule, Policy};
use crate::vary::{Vary, append_vary};

const TRUE: HeaderValue = HeaderValue::from_static("true");
const ANY: HeaderValue = HeaderValue::from_static("*");
const ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");
const REQUEST_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-request-private-network");
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// What kind of request this is, as far as CORS is concerned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RequestKind {
    /// No `Origin` header.
    NotCors,
    /// `OPTIONS` with `Origin` and `Access-Control-Request-Method`.
    Preflight,
    /// Any other request with `Origin`.
    Actual,
}

/// Classifies a request by its method and headers.
pub fn classify(method: &Method, headers: &HeaderMap) -> RequestKind {
    if !headers.contains_key(ORIGIN) {
        RequestKind::NotCors
    } else if method == Method::OPTIONS && headers.contains_key(ACCESS_CONTROL_REQUEST_METHOD) {
        RequestKind::Preflight
    } else {
        RequestKind::Actual
    }
}

/// What to do with a request.
#[derive(Clone, Debug)]
#[must_use]
pub enum Decision {
    /// Answer at once with `status` and these headers, without calling the handler: a
    /// preflight (204), or a refused disallowed origin (403).
    Respond {
        /// The status of the answer.
        status: StatusCode,
        /// The headers to put on it.
        headers: CorsHeaders,
    },
    /// Call the handler, then add these headers to its response, whatever its status.
    Forward(CorsHeaders),
}

/// The CORS headers decided for one response. Applying them allocates nothing beyond
/// the header map's own storage: every value is prebuilt or cloned from the request.
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct CorsHeaders {
    allow_origin: Option<HeaderValue>,
    credentials: bool,
    expose_headers: Option<HeaderValue>,
    allow_methods: Option<HeaderValue>,
    allow_headers: Option<HeaderValue>,
    max_age: Option<HeaderValue>,
    private_network: bool,
    vary: Vary,
}

impl Policy {
    /// Decides how to answer a request with this method and these headers.
    pub fn decide(&self, method: &Method, headers: &HeaderMap) -> Decision {
        match classify(method, headers) {
            RequestKind::NotCors => Decision::Forward(self.vary_only(Vary::Origin)),
            RequestKind::Preflight => Decision::Respond {
                // 204: an ok status (the preflight fails on anything outside 200-299) and
                // no body to send; the inner service never sees the preflight.
                status: StatusCode::NO_CONTENT,
                headers: self.preflight(headers),
            },
            RequestKind::Actual => self.actual(headers),
        }
    }

    fn vary_only(&self, vary: Vary) -> CorsHeaders {
        CorsHeaders {
            vary: if self.varies_by_origin() {
                vary
            } else {
                Vary::None
            },
            ..CorsHeaders::default()
        }
    }

    /// The allowed `Origin` value, echoed (cheaply cloned) or `*`; `None` when the origin
    /// is disallowed, not UTF-8-safe bytes we can match, or ambiguous (repeated).
    fn allowed_origin(&self, headers: &HeaderMap) -> Option<HeaderValue> {
        let origin = single(headers, &ORIGIN)?;
        if !self.allows_origin(origin.as_bytes()) {
            return None;
        }
        Some(if self.varies_by_origin() {
            origin.clone()
        } else {
            ANY
        })
    }

    fn actual(&self, headers: &HeaderMap) -> Decision {
        let Some(allow_origin) = self.allowed_origin(headers) else {
            if self.0.refuse_disallowed && !is_same_origin(headers) {
                return Decision::Respond {
                    status: StatusCode::FORBIDDEN,
                    headers: self.vary_only(Vary::Origin),
                };
            }
            return Decision::Forward(self.vary_only(Vary::Origin).strip_cors());
        };
        Decision::Forward(CorsHeaders {
            allow_origin: Some(allow_origin),
            credentials: self.0.credentials,
            expose_headers: self.0.expose_headers.clone(),
            vary: self.vary_only(Vary::Origin).vary,
            ..CorsHeaders::default()
        })
    }

    fn preflight(&self, headers: &HeaderMap) -> CorsHeaders {
        let denied = CorsHeaders {
            vary: Vary::Preflight,
            ..CorsHeaders::default()
        };
        let Some(allow_origin) = self.allowed_origin(headers) else {
            return denied;
        };
        let Some(method) = single(headers, &ACCESS_CONTROL_REQUEST_METHOD) else {
            return denied;
        };
        if !self.allows_method(method.as_bytes()) {
            return denied;
        }
        let Some(allow_headers) = self.answer_request_headers(headers) else {
            return denied;
        };
        CorsHeaders {
            allow_origin: Some(allow_origin),
            credentials: self.0.credentials,
            allow_methods: match &self.0.methods {
                NameRule::Any => Some(ANY),
                NameRule::List { header, .. } => header.clone(),
            },
            allow_headers,
            max_age: self.0.max_age.clone(),
            private_network: self.0.private_network
                && headers
                    .get(REQUEST_PRIVATE_NETWORK)
                    .is_some_and(|v| v == "true"),
            vary: Vary::Preflight,
            ..CorsHeaders::default()
        }
    }

    /// Methods match case-sensitively (Fetch, "CORS-preflight fetch"), and browsers accept
    /// the CORS-safelisted GET, HEAD and POST without them being listed.
    fn allows_method(&self, method: &[u8]) -> bool {
        matches!(method, b"GET" | b"HEAD" | b"POST")
            || match &self.0.methods {
                NameRule::Any => !method.is_empty(),
                NameRule::List { names, .. } => names.iter().any(|m| m.as_bytes() == method),
            }
    }

    /// `Some(value to send)` when every requested header is allowed, `None` otherwise.
    /// Header names match case-insensitively. With `*`, the request's list is echoed:
    /// it also covers `Authorization`, which Fetch says `*` alone does not.
    fn answer_request_headers(&self, headers: &HeaderMap) -> Option<Option<HeaderValue>> {
        let mut requested = headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS).iter();
        match &self.0.allow_headers {
            NameRule::Any => {
                let first = requested.next();
                Some(match (first, requested.next()) {
                    (Some(list), None) => Some(list.clone()),
                    (None, _) => None,
                    (Some(_), Some(_)) => Some(ANY),
                })
            }
            NameRule::List { names, header } => {
                let all_allowed = requested.all(|value| {
                    value
                        .as_bytes()
                        .split(|&b| b == b',')
                        .map(<[u8]>::trim_ascii)
                        .filter(|name| !name.is_empty())
                        .all(|name| {
                            names
                                .iter()
                                .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
                        })
                });
                all_allowed.then(|| header.clone())
            }
        }
    }
}

/// The one value of a header that must not repeat; `None` if absent or repeated.
fn single<'a>(headers: &'a HeaderMap, name: &HeaderName) -> Option<&'a HeaderValue> {
    let mut values = headers.get_all(name).iter();
    let first = values.next()?;
    values.next().is_none().then_some(first)
}

/// `Sec-Fetch-Site: same-origin` is set by the browser and cannot be set by scripts;
/// same-origin requests carry `Origin` too (on POST), and must never be refused.
fn is_same_origin(headers: &HeaderMap) -> bool {
    headers
        .get(SEC_FETCH_SITE)
        .is_some_and(|v| v == "same-origin")
}

impl CorsHeaders {
    /// Whether the request was allowed (the response will carry `Access-Control-Allow-Origin`).
    pub fn is_allowed(&self) -> bool {
        self.allow_origin.is_some()
    }

    fn strip_cors(mut self) -> Self {
        self.vary = match self.vary {
            Vary::Origin => Vary::OriginStripping,
            other => other,
        };
        self
    }

    /// Adds the decided headers to a response's headers. CORS headers replace any the
    /// handler set, so there is never a second `Access-Control-Allow-Origin`; for a
    /// disallowed origin, a handler's own CORS headers are removed. `Vary` is appended,
    /// never replacing the handler's.
    pub fn apply_to(self, headers: &mut HeaderMap) {
        if let Some(origin) = self.allow_origin {
            headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            if self.credentials {
                headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
            }
            insert_some(headers, ACCESS_CONTROL_EXPOSE_HEADERS, self.expose_headers);
            insert_some(headers, ACCESS_CONTROL_ALLOW_METHODS, self.allow_methods);
            insert_some(headers, ACCESS_CONTROL_ALLOW_HEADERS, self.allow_headers);
            insert_some(headers, ACCESS_CONTROL_MAX_AGE, self.max_age);
            if self.private_network {
                headers.insert(ALLOW_PRIVATE_NETWORK, TRUE);
            }
        }
        if self.vary == Vary::OriginStripping {
            headers.remove(ACCESS_CONTROL_ALLOW_ORIGIN);
            headers.remove(ACCESS_CONTROL_ALLOW_CREDENTIALS);
        }
        append_vary(headers, self.vary);
    }
}

fn insert_some(headers: &mut HeaderMap, name: HeaderName, value: Option<HeaderValue>) {
    if let Some(value) = value {
        headers.insert(name, value);
    }
}
