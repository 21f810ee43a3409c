//! The public face of the decision: the [`Decision`] that [`Policy::decide`] (on `http`
//! types, for any framework) and [`Policy::explain`] (for a test, a REPL or a log)
//! return, what to do with it, and [`classify`].

use http::header::{ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use http::{HeaderMap, Method, StatusCode};

use crate::plan::{Forward, Plan, Preflight, asks_private_network};
use crate::policy::{OriginRule, Policy};
use crate::request_headers::HttpRequest;
use crate::write;
use crate::{Allowance, Refusal, Verdict};

/// Whether a preflight that `answer` allows is refused for Private Network Access: the
/// plan looks at `Access-Control-Request-Private-Network` only for a policy that allows
/// it (a header look-up kept off the others' hot path), so the refusal is named here,
/// when the verdict or the log asks. Its answer is the one the same preflight gets
/// without the header, `Max-Age` included: Chromium fails it for the missing
/// `Access-Control-Allow-Private-Network` and caches no failed preflight, and it grants
/// the origin nothing the policy does not grant it anyway.
pub(crate) fn refuses_private_network<V>(
    policy: &Policy,
    answer: &Preflight<'_, V>,
    request: &HeaderMap,
) -> bool {
    answer.refusal.is_none()
        && answer.allow_origin.is_some()
        && !policy.0.private_network
        && asks_private_network(HttpRequest::new(&Method::OPTIONS, request))
}

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

/// What to do with a request: answer it now, or call the handler and decorate its
/// response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// Answer at once with this status and the decided headers, without calling the
    /// handler: a preflight (`204`), or a refused disallowed origin (`403`).
    Respond(StatusCode),
    /// Call the handler, then add the decided headers to its response, whatever its
    /// status.
    Forward,
}

/// The decision on one request: what to do ([`action`](Self::action)), why
/// ([`verdict`](Self::verdict)), and the headers to send
/// ([`apply_to`](Self::apply_to), the same writer the tower layer uses).
///
/// Its `Display` explains the verdict in one line, naming what the policy allows, with
/// every value taken from the request escaped:
///
/// ```
/// use typed_cors::Policy;
///
/// let policy = Policy::builder().origins(["https://app.example.com"]).methods(["PUT"]).build()?;
/// let request = http::Request::options("/profile")
///     .header("origin", "https://app.example.com")
///     .header("access-control-request-method", "PATCH")
///     .body(())?;
/// assert_eq!(
///     policy.explain(&request).to_string(),
///     "refused: method \"PATCH\" is not allowed (allowed: PUT; GET, HEAD and POST always pass)",
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
#[must_use]
pub struct Decision<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) plan: Plan<'a>,
    pub(crate) request: &'a HeaderMap,
}

impl<'a> Decision<'a> {
    /// Whether to answer now or call the handler.
    pub fn action(&self) -> Action {
        match self.plan {
            Plan::Preflight(_) => Action::Respond(StatusCode::NO_CONTENT),
            Plan::Refuse(_) => Action::Respond(StatusCode::FORBIDDEN),
            Plan::Forward(..) => Action::Forward,
        }
    }

    /// Allowed, and how; or refused, and why.
    pub fn verdict(&self) -> Verdict<'a> {
        let refusal = match &self.plan {
            Plan::Preflight(answer) => answer.refusal.map(|r| r.refusal()).or_else(|| {
                refuses_private_network(self.policy, answer, self.request)
                    .then_some(Refusal::PrivateNetworkNotAllowed)
            }),
            Plan::Refuse(refusal) => Some(refusal.refusal()),
            Plan::Forward(_, refusal) => refusal.map(|r| r.refusal()),
        };
        match refusal {
            Some(refusal) => Verdict::Refused(refusal.refined()),
            None => Verdict::Allowed(self.allowance()),
        }
    }

    /// Whether the request was allowed.
    pub fn is_allowed(&self) -> bool {
        self.verdict().is_allowed()
    }

    /// Which entry of `origins` allowed the request's origin.
    fn allowance(&self) -> Allowance {
        let OriginRule::List { patterns, .. } = &self.policy.0.origins else {
            return Allowance::AnyOrigin;
        };
        let origin = self.request.get(ORIGIN).map_or(&b""[..], |o| o.as_bytes());
        match patterns.iter().position(|p| {
            typed_cors_rules::subdomain_matches(
                p.scheme_prefix.as_bytes(),
                p.suffix.as_bytes(),
                origin,
            )
        }) {
            Some(index) if !self.policy.allows_exact_origin(origin) => Allowance::Pattern(index),
            _ => Allowance::ExactOrigin,
        }
    }

    /// Adds the decided headers to a response's headers: for [`Action::Respond`], the
    /// new answer's; for [`Action::Forward`], the handler's response's. The policy owns
    /// every `Access-Control-*` response header: any the handler set are removed first,
    /// on every path, so a handler can never widen the policy and there is never a second
    /// `Access-Control-Allow-Origin`. `Vary` is appended, never replacing the handler's.
    pub fn apply_to(self, headers: &mut HeaderMap) {
        let policy = self.policy;
        match self.plan {
            Plan::Preflight(answer) => {
                let mut answer_headers = HeaderMap::new();
                write::preflight(policy, policy, answer, &mut answer_headers);
                // The answer's headers replace whatever was there.
                if !headers.is_empty() {
                    write::forward(
                        policy,
                        policy,
                        Forward::Vary(crate::vary::Vary::None),
                        headers,
                    );
                }
                extend(headers, answer_headers);
            }
            Plan::Refuse(_) => {
                let mut answer_headers = HeaderMap::new();
                write::refusal(policy, &mut answer_headers);
                if !headers.is_empty() {
                    write::forward(
                        policy,
                        policy,
                        Forward::Vary(crate::vary::Vary::None),
                        headers,
                    );
                }
                extend(headers, answer_headers);
            }
            Plan::Forward(forward, _) => write::forward(policy, policy, forward, headers),
        }
    }
}

/// Appends every value of `from` to `to`.
fn extend(to: &mut HeaderMap, from: HeaderMap) {
    let mut name = None;
    for (next, value) in from {
        if next.is_some() {
            name = next;
        }
        if let Some(name) = &name {
            to.append(name.clone(), value);
        }
    }
}
