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

use crate::handler_headers::{look_at, remove_cors_headers};
use crate::policy::{NameRule, Policy};
use crate::values::{ANY, HeaderValues};
use crate::vary::{Vary, append_vary};

const TRUE: HeaderValue = HeaderValue::from_static("true");
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

/// What the layer keeps for a forwarded request until the inner response is ready,
/// kept small so that the future stays small (a larger one is built aside and copied):
/// the echoed origin of an allowed request, whose other headers are the policy's
/// constants, or only the `Vary` to add. [`Decision`] holds the same as a [`CorsHeaders`].
/// Either way the handler's own `Access-Control-*` headers are removed first.
#[derive(Clone, Debug)]
pub(crate) enum Forward {
    /// Allowed: this `Access-Control-Allow-Origin`, then the policy's credentials and
    /// exposed headers, and `Vary: Origin` unless the policy is `*`.
    Allowed(HeaderValue),
    /// Not allowed, or not a CORS request under a policy that depends on `Origin`: only
    /// this `Vary`.
    Vary(Vary),
}

/// The request-dependent headers of an allowed preflight's answer.
struct PreflightAllowed {
    origin: HeaderValue,
    allow_headers: Option<HeaderValue>,
    private_network: bool,
}

/// [`Decision`], small: what to do, with [`Forward`] for forwarded requests, and the
/// preflight's headers still to be decided (straight into the answer).
pub(crate) enum Plan<'a> {
    /// Answer `204` with [`Policy::preflight`] for this (single) origin and this
    /// (single) requested method; `None` where the header is repeated.
    Preflight {
        origin: Option<&'a HeaderValue>,
        method: Option<&'a HeaderValue>,
    },
    /// Answer `403` with `Vary: Origin` (refused disallowed origin).
    Refuse,
    /// Call the handler, then apply these.
    Forward(Forward),
}

impl Policy {
    /// Decides how to answer a request with this method and these headers.
    pub fn decide(&self, method: &Method, headers: &HeaderMap) -> Decision {
        match self.plan(method, headers) {
            // 204: an ok status (the preflight fails on anything outside 200-299) and
            // no body to send; the inner service never sees the preflight.
            Plan::Preflight { origin, method } => Decision::Respond {
                status: StatusCode::NO_CONTENT,
                headers: self.preflight(origin, method, headers),
            },
            Plan::Refuse => Decision::Respond {
                status: StatusCode::FORBIDDEN,
                headers: self.refusal(),
            },
            Plan::Forward(forward) => Decision::Forward(self.forward_headers(forward)),
        }
    }

    /// [`decide`](Self::decide), looking up `Origin` once.
    #[inline(always)]
    pub(crate) fn plan<'a>(&self, method: &Method, headers: &'a HeaderMap) -> Plan<'a> {
        let mut origins = headers.get_all(ORIGIN).iter();
        let Some(first) = origins.next() else {
            // A `*` policy answers `*` on every response, CORS request or not, so that a
            // shared cache filled by a request without `Origin` (an `<img>`, curl) serves
            // CORS requests an answer they accept (Fetch, "CORS protocol and HTTP
            // caches"); any other policy varies on `Origin`.
            return Plan::Forward(match self.allowed_origin(None) {
                Some(any) => Forward::Allowed(any),
                None => Forward::Vary(self.vary(Vary::Origin)),
            });
        };
        // A repeated `Origin` is ambiguous: treated as a disallowed origin.
        let origin = origins.next().is_none().then_some(first);
        if method == Method::OPTIONS {
            let mut methods = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).iter();
            if let Some(first) = methods.next() {
                return Plan::Preflight {
                    origin,
                    method: methods.next().is_none().then_some(first),
                };
            }
        }
        self.actual(origin, headers)
    }

    /// The headers of a `403` refusal.
    #[inline]
    pub(crate) fn refusal(&self) -> CorsHeaders {
        self.vary_only(Vary::Origin)
    }

    #[inline]
    fn vary(&self, vary: Vary) -> Vary {
        if self.varies_by_origin() {
            vary
        } else {
            Vary::None
        }
    }

    #[inline]
    fn vary_only(&self, vary: Vary) -> CorsHeaders {
        CorsHeaders {
            vary: self.vary(vary),
            ..CorsHeaders::default()
        }
    }

    /// The allowed `Origin` value: `*` for a `*` policy, whatever the request's `Origin`
    /// (none, repeated, `null`); otherwise the request's single `Origin`, echoed (cheaply
    /// cloned). `None` when the origin is disallowed, missing or ambiguous (repeated).
    #[inline(always)]
    fn allowed_origin(&self, origin: Option<&HeaderValue>) -> Option<HeaderValue> {
        if !self.varies_by_origin() {
            return Some(ANY);
        }
        let origin = origin?;
        self.allows_origin_inline(origin.as_bytes())
            .then(|| origin.clone())
    }

    #[inline(always)]
    fn actual<'a>(&self, origin: Option<&HeaderValue>, headers: &HeaderMap) -> Plan<'a> {
        let Some(allow_origin) = self.allowed_origin(origin) else {
            if self.0.refuse_disallowed && !is_same_origin(headers) {
                return Plan::Refuse;
            }
            return Plan::Forward(Forward::Vary(self.vary(Vary::Origin)));
        };
        Plan::Forward(Forward::Allowed(allow_origin))
    }

    /// The headers of the answer to a preflight from `origin` (the request's single
    /// `Origin`, if any) with these request headers.
    pub(crate) fn preflight(
        &self,
        origin: Option<&HeaderValue>,
        method: Option<&HeaderValue>,
        headers: &HeaderMap,
    ) -> CorsHeaders {
        let Some(allowed) = self.preflight_allowed(self, origin, method, headers) else {
            return CorsHeaders {
                vary: Vary::Preflight,
                ..CorsHeaders::default()
            };
        };
        CorsHeaders {
            allow_origin: Some(allowed.origin),
            credentials: self.0.credentials,
            allow_methods: self.allow_methods(),
            allow_headers: allowed.allow_headers,
            max_age: self.max_age(),
            private_network: allowed.private_network,
            vary: Vary::Preflight,
            ..CorsHeaders::default()
        }
    }

    /// [`preflight`](Self::preflight) applied to `out`, the empty header map of the
    /// answer, without building the intermediate [`CorsHeaders`].
    #[inline(always)]
    #[cfg(feature = "tower")] // the layer's own path
    pub(crate) fn preflight_into(
        &self,
        values: &impl HeaderValues,
        origin: Option<&HeaderValue>,
        method: Option<&HeaderValue>,
        headers: &HeaderMap,
        out: &mut HeaderMap,
    ) {
        debug_assert!(out.is_empty(), "a new answer's header map");
        if let Some(allowed) = self.preflight_allowed(values, origin, method, headers) {
            // Distinct names into an empty map: appending is inserting.
            out.append(ACCESS_CONTROL_ALLOW_ORIGIN, allowed.origin);
            if self.0.credentials {
                out.append(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
            }
            if let Some(methods) = values.allow_methods() {
                out.append(ACCESS_CONTROL_ALLOW_METHODS, methods);
            }
            if let Some(allow_headers) = allowed.allow_headers {
                out.append(ACCESS_CONTROL_ALLOW_HEADERS, allow_headers);
            }
            if let Some(max_age) = values.max_age() {
                out.append(ACCESS_CONTROL_MAX_AGE, max_age);
            }
            if allowed.private_network {
                out.append(ALLOW_PRIVATE_NETWORK, TRUE);
            }
        }
        append_vary(out, Vary::Preflight, false);
    }

    /// The request-dependent part of an allowed preflight's answer; `None` when the
    /// preflight is denied.
    #[inline(always)]
    fn preflight_allowed(
        &self,
        values: &impl HeaderValues,
        origin: Option<&HeaderValue>,
        method: Option<&HeaderValue>,
        headers: &HeaderMap,
    ) -> Option<PreflightAllowed> {
        let origin = self.allowed_origin(origin)?;
        if !self.allows_method(method?.as_bytes()) {
            return None;
        }
        let allow_headers = self.answer_request_headers(values, headers)?;
        Some(PreflightAllowed {
            origin,
            allow_headers,
            private_network: self.0.private_network
                && headers
                    .get(REQUEST_PRIVATE_NETWORK)
                    .is_some_and(|v| v == "true"),
        })
    }

    /// Methods match case-sensitively (Fetch, "CORS-preflight fetch"), and browsers accept
    /// the CORS-safelisted GET, HEAD and POST without them being listed.
    #[inline(always)]
    fn allows_method(&self, method: &[u8]) -> bool {
        matches!(method, b"GET" | b"HEAD" | b"POST")
            || match &self.0.methods {
                NameRule::Any | NameRule::AnyAndAuthorization => !method.is_empty(),
                NameRule::List { names, .. } => names
                    .iter()
                    .any(|m| cors_policy_rules::bytes_eq(m.as_bytes(), method)),
            }
    }

    /// `Some(value to send)` when every requested header is allowed, `None` otherwise.
    /// Header names match case-insensitively.
    ///
    /// With `*`, the request's list is echoed rather than answered with `*`: Fetch's `*`
    /// never covers `Authorization`, but Chromium (156) still lets it through unless
    /// `CorsNonWildcardRequestHeadersSupport` is on, and would then reuse a cached `*`
    /// answer for a later request with `Authorization`. An echo admits exactly the names
    /// checked here, `authorization` only under `["*", "authorization"]`. A repeated
    /// `Access-Control-Request-Headers` (never sent by a browser) is refused under `*`,
    /// as there is no single list to echo.
    #[inline(always)]
    fn answer_request_headers(
        &self,
        values: &impl HeaderValues,
        headers: &HeaderMap,
    ) -> Option<Option<HeaderValue>> {
        let mut requested = headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS).iter();
        match &self.0.allow_headers {
            NameRule::Any | NameRule::AnyAndAuthorization => {
                let Some(list) = requested.next() else {
                    return Some(None);
                };
                let authorization_allowed =
                    matches!(self.0.allow_headers, NameRule::AnyAndAuthorization);
                let allowed = requested.next().is_none()
                    && (authorization_allowed || !names_authorization(list.as_bytes()));
                allowed.then(|| Some(list.clone()))
            }
            NameRule::List { names, .. } => {
                let all_allowed = requested.all(|value| all_names_allowed(value.as_bytes(), names));
                all_allowed.then(|| values.allow_headers())
            }
        }
    }
}

/// Whether every name in a comma-separated list (spaces around names ignored, empty
/// elements skipped) is one of `names` (lowercase), ignoring ASCII case.
#[inline]
fn all_names_allowed(list: &[u8], names: &[std::borrow::Cow<'static, str>]) -> bool {
    list.split(|&byte| byte == b',').all(|element| {
        let name = element.trim_ascii();
        // Browsers send lowercase names, so the exact comparisons usually decide.
        name.is_empty()
            || names
                .iter()
                .any(|n| cors_policy_rules::bytes_eq(n.as_bytes(), name))
            || names
                .iter()
                .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
    })
}

/// Whether a comma-separated list names `Authorization` (in any case, spaces around
/// names ignored).
#[inline]
fn names_authorization(list: &[u8]) -> bool {
    list.split(|&byte| byte == b',')
        .any(|element| element.trim_ascii().eq_ignore_ascii_case(b"authorization"))
}

/// `Sec-Fetch-Site: same-origin` is set by the browser and cannot be set by scripts;
/// same-origin requests carry `Origin` too (on POST), and must never be refused.
fn is_same_origin(headers: &HeaderMap) -> bool {
    headers
        .get(SEC_FETCH_SITE)
        .is_some_and(|v| v == "same-origin")
}

impl Policy {
    /// [`Forward`] as the [`CorsHeaders`] of a [`Decision`].
    fn forward_headers(&self, forward: Forward) -> CorsHeaders {
        match forward {
            Forward::Allowed(origin) => CorsHeaders {
                allow_origin: Some(origin),
                credentials: self.0.credentials,
                expose_headers: self.expose_headers(),
                vary: self.vary(Vary::Origin),
                ..CorsHeaders::default()
            },
            Forward::Vary(vary) => CorsHeaders {
                vary,
                ..CorsHeaders::default()
            },
        }
    }

    /// What [`CorsHeaders::apply_to`] does with the headers of [`Forward::Allowed`].
    #[inline(always)]
    #[cfg(feature = "tower")] // the layer's own path
    pub(crate) fn apply_allowed(
        &self,
        values: &impl HeaderValues,
        origin: HeaderValue,
        headers: &mut HeaderMap,
    ) {
        let found = look_at(headers);
        if found.has_cors {
            // The policy owns every CORS response header: nothing the handler set
            // survives (an `Expose-Headers` of its own would widen the policy).
            remove_cors_headers(headers);
        }
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if self.0.credentials {
            headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if let Some(expose) = values.expose_headers() {
            headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose);
        }
        append_vary(headers, self.vary(Vary::Origin), found.has_vary);
    }
}

/// What [`CorsHeaders::apply_to`] does with the headers of [`Forward::Vary`]: the
/// handler's CORS headers removed, `vary` appended.
#[inline(always)]
#[cfg(feature = "tower")] // the layer's own path
pub(crate) fn apply_vary_only(vary: Vary, headers: &mut HeaderMap) {
    let found = look_at(headers);
    if found.has_cors {
        remove_cors_headers(headers);
    }
    append_vary(headers, vary, found.has_vary);
}

impl CorsHeaders {
    /// Whether the request was allowed (the response will carry `Access-Control-Allow-Origin`).
    pub fn is_allowed(&self) -> bool {
        self.allow_origin.is_some()
    }

    /// Adds the decided headers to a response's headers. The policy owns every
    /// `Access-Control-*` response header: any the handler set are removed first, on
    /// every path, so a handler can never widen the policy and there is never a second
    /// `Access-Control-Allow-Origin`. `Vary` is appended, never replacing the handler's.
    pub fn apply_to(self, headers: &mut HeaderMap) {
        let found = look_at(headers);
        if found.has_cors {
            remove_cors_headers(headers);
        }
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
        append_vary(headers, self.vary, found.has_vary);
    }
}

fn insert_some(headers: &mut HeaderMap, name: HeaderName, value: Option<HeaderValue>) {
    if let Some(value) = value {
        headers.insert(name, value);
    }
}
