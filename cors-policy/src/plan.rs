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
        let mut origins = headers.get_all(ORIGIN).iter();
        let Some(first) = origins.next() else {
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
        let origin = match origins.next() {
            None => Some(first),
            Some(_) => None,
        };
        if method == Method::OPTIONS {
            let mut methods = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).iter();
            if let Some(requested) = methods.next() {
                let requested = match methods.next() {
                    None => Ok(requested),
                    Some(_) => Err(Refusal::RepeatedRequestMethod),
                };
                return Plan::Preflight(self.plan_preflight(origin, requested, headers));
            }
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
    pub(crate) fn plan_preflight<'a>(
        &self,
        origin: Option<&'a HeaderValue>,
        requested: Result<&'a HeaderValue, Refusal<'a>>,
        headers: &'a HeaderMap,
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
        let mut lists = headers.get_all(ACCESS_CONTROL_REQUEST_HEADERS).iter();
        answer.requested_headers = lists.next();
        if answer.refusal.is_none() {
            answer.refusal = self.refused_request_header(answer.requested_headers, lists);
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
                    .any(|m| cors_policy_rules::bytes_eq(m.as_bytes(), method)),
            }
    }

    /// The first requested header the policy does not allow, if any. Header names match
    /// case-insensitively; `first` is the first `Access-Control-Request-Headers` line,
    /// `more` the others.
    ///
    /// Fetch's `*` never covers `Authorization`, and a requested name `*` is refused too
    /// (see [`not_covered_by_star`]). A `*` policy's answer echoes the request's list
    /// (see [`write`](crate::write)); a repeated list, never sent by a browser, has no
    /// single value to echo and is refused.
    #[inline(always)]
    fn refused_request_header<'a>(
        &self,
        first: Option<&'a HeaderValue>,
        mut more: impl Iterator<Item = &'a HeaderValue>,
    ) -> Option<Refusal<'a>> {
        let first = first?;
        match &self.0.allow_headers {
            NameRule::Any | NameRule::AnyAndAuthorization => {
                if more.next().is_some() {
                    return Some(Refusal::RepeatedRequestHeaders);
                }
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
                if let Some(name) = first_not_listed(first.as_bytes(), allowed) {
                    return Some(Refusal::HeaderNotAllowed(name));
                }
                // Browsers send one list; more lines are checked the same way.
                more.find_map(|list| first_not_listed(list.as_bytes(), allowed))
                    .map(Refusal::HeaderNotAllowed)
            }
        }
    }
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
/// elements skipped) that is not one of `allowed`. A plain loop: measured cheaper than
/// the same search through iterator adapters (callgrind, preflight).
#[inline(always)]
fn first_not_listed<'a>(
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
        .any(|n| cors_policy_rules::bytes_eq(n.as_bytes(), name))
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
fn is_same_origin(headers: &HeaderMap) -> bool {
    headers
        .get(SEC_FETCH_SITE)
        .is_some_and(|v| v == "same-origin")
}
