//! Log events through `tracing` (feature `tracing`, on by default): one event at `debug`
//! for every refused CORS request, one at `trace` for every allowed one, under the
//! target `cors_policy`, so `RUST_LOG=cors_policy=debug` shows why requests were
//! refused. Nothing is formatted unless a subscriber wants the event: with the feature
//! off, or the level filtered out, this is one relaxed atomic load per request.

use http::{HeaderMap, Method};

use crate::plan::Plan;
use crate::{Policy, PolicyName};

/// Records the decision `plan` of `policy` on a request with this method and headers.
#[inline(always)]
pub(crate) fn decided(
    policy: &Policy,
    plan: &Plan<'_>,
    method: &Method,
    request: &HeaderMap,
    name: Option<&PolicyName>,
) {
    #[cfg(feature = "tracing")]
    {
        if plan.is_refused() {
            if tracing::enabled!(target: "cors_policy", tracing::Level::DEBUG) {
                event::refused(policy, plan, method, request, name);
            }
        } else if tracing::enabled!(target: "cors_policy", tracing::Level::TRACE) {
            event::allowed(policy, plan, method, request, name);
        }
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (policy, plan, method, request, name);
}

#[cfg(feature = "tracing")]
mod event {
    use http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
    use http::{HeaderMap, Method};

    use crate::decide::Decision;
    use crate::explain::Escaped;
    use crate::plan::Plan;
    use crate::{Policy, PolicyName, Verdict};

    /// A request header's value, escaped, or empty.
    fn header<'a>(decision: &'a Decision<'_>, name: http::HeaderName) -> Escaped<'a> {
        Escaped(
            decision
                .request
                .get(name)
                .map_or(&b""[..], |v| v.as_bytes()),
        )
    }

    #[cold]
    pub(super) fn refused(
        policy: &Policy,
        plan: &Plan<'_>,
        method: &Method,
        request: &HeaderMap,
        name: Option<&PolicyName>,
    ) {
        let decision = &Decision {
            policy,
            plan: plan.clone(),
            request,
        };
        let reason = match decision.verdict() {
            Verdict::Refused(refusal) => refusal.code(),
            Verdict::Allowed(_) => "allowed",
        };
        tracing::debug!(
            target: "cors_policy",
            reason,
            origin = %header(decision, ORIGIN),
            method = %method,
            request_method = %header(decision, ACCESS_CONTROL_REQUEST_METHOD),
            request_headers = %header(decision, ACCESS_CONTROL_REQUEST_HEADERS),
            policy = name.map_or("", |n| n.name),
            policy_file = name.map_or("", |n| n.file),
            policy_line = name.map_or(0, |n| n.line),
            "CORS request {decision}",
        );
    }

    #[cold]
    pub(super) fn allowed(
        policy: &Policy,
        plan: &Plan<'_>,
        method: &Method,
        request: &HeaderMap,
        name: Option<&PolicyName>,
    ) {
        let decision = &Decision {
            policy,
            plan: plan.clone(),
            request,
        };
        tracing::trace!(
            target: "cors_policy",
            origin = %header(decision, ORIGIN),
            method = %method,
            policy = name.map_or("", |n| n.name),
            "CORS request {decision}",
        );
    }
}
