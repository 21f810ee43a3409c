//! Log events through `tracing` (feature `tracing`, on by default): one event at `debug`
//! for every refused CORS request, one at `trace` for every allowed one, under the
//! target `typed_cors`, so `RUST_LOG=typed_cors=debug` shows why requests were
//! refused. Nothing is formatted unless a subscriber wants the event: with the feature
//! off, or the level filtered out, this is one relaxed atomic load per request.

use http::{HeaderMap, Method};

use crate::plan::Plan;
use crate::{Policy, PolicyName};

/// Records the decision `plan` of `policy` on a request with this method and headers.
///
/// `policy` is asked for only once an event is wanted: a layer passes a closure that
/// returns its handle's [`policy_ref`](crate::PolicyHandle::policy_ref), never the
/// compiled policy's constant copy, whose address must not reach an out-of-line call.
#[inline(always)]
pub(crate) fn decided<'p>(
    policy: impl FnOnce() -> &'p Policy,
    plan: &Plan<'_>,
    method: &Method,
    request: &HeaderMap,
    name: Option<&PolicyName>,
) {
    // One relaxed load and a compare when no subscriber wants `debug` (the usual
    // production setup): every other look is in the cold function.
    #[cfg(feature = "tracing")]
    if may_record() {
        event::maybe(policy(), plan, method, request, name);
    }
    #[cfg(not(feature = "tracing"))]
    let _ = (policy, plan, method, request, name);
}

/// Whether [`decided`] may record an event: a subscriber may want `debug` (or `trace`).
/// One relaxed load and a compare; `false` without the feature `tracing`.
#[inline(always)]
#[cfg_attr(not(any(feature = "tower", feature = "actix")), allow(dead_code))] // the layers ask first
pub(crate) fn may_record() -> bool {
    #[cfg(feature = "tracing")]
    {
        tracing::level_enabled!(tracing::Level::DEBUG)
    }
    #[cfg(not(feature = "tracing"))]
    {
        false
    }
}

/// Whether a subscriber wants the event of `plan` (once [`may_record`] said one may):
/// for an edge that must convert the request before recording it.
#[cfg_attr(not(feature = "actix"), allow(dead_code))]
#[inline(always)]
pub(crate) fn wanted<V>(plan: &Plan<'_, V>) -> bool {
    #[cfg(feature = "tracing")]
    {
        event::wanted(plan)
    }
    #[cfg(not(feature = "tracing"))]
    {
        let _ = plan;
        false
    }
}

/// An event decided now and recorded later, or never: a router-wide default learns only
/// after the route ran whether its decision is the one that applies.
#[cfg(feature = "tower")] // only the router-wide default defers its event
#[derive(Debug)]
pub(crate) struct Deferred {
    #[cfg(feature = "tracing")]
    event: Option<event::Owned>,
}

#[cfg(feature = "tower")]
impl Deferred {
    /// Prepares the event of `plan`, formatted now only if a subscriber wants it
    /// (`policy` as for [`decided`]).
    #[inline(always)]
    pub(crate) fn prepare<'p>(
        policy: impl FnOnce() -> &'p Policy,
        plan: &Plan<'_>,
        method: &Method,
        request: &HeaderMap,
        name: Option<&PolicyName>,
    ) -> Self {
        #[cfg(feature = "tracing")]
        {
            Self {
                event: event::wanted(plan)
                    .then(|| event::Owned::if_wanted(policy(), plan, method, request, name))
                    .flatten(),
            }
        }
        #[cfg(not(feature = "tracing"))]
        {
            let _ = (policy, plan, method, request, name);
            Self {}
        }
    }

    /// Records the prepared event.
    pub(crate) fn record(self) {
        #[cfg(feature = "tracing")]
        if let Some(event) = self.event {
            event.record(" (router-wide default)");
        }
    }
}

#[cfg(feature = "tracing")]
mod event {
    use http::header::{ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
    use http::{HeaderMap, Method};

    use crate::decide::{Decision, refuses_private_network};
    use crate::explain::Escaped;
    use crate::plan::Plan;
    use crate::{Policy, PolicyName};

    /// Whether a subscriber may want the event of `plan`, from the plan alone (an edge
    /// asks before converting the request): `debug` for a refused CORS request, or for a
    /// preflight that may be refused for Private Network Access (which only the request
    /// tells, see [`refused`]); `trace` for the others.
    pub(super) fn wanted<V>(plan: &Plan<'_, V>) -> bool {
        enabled(plan.is_refused() || plan.may_refuse_private_network())
    }

    /// Whether a subscriber wants the event of a refused (`debug`) or other (`trace`)
    /// request.
    fn enabled(refused: bool) -> bool {
        if refused {
            tracing::enabled!(target: "typed_cors", tracing::Level::DEBUG)
        } else {
            tracing::enabled!(target: "typed_cors", tracing::Level::TRACE)
        }
    }

    /// Whether `plan` refuses the CORS request: as [`Plan::is_refused`] says, or a Private
    /// Network Access preflight to a policy without `private_network`, which the plan
    /// does not look for (a header look-up kept off the hot path). Two flags and one header,
    /// not the whole verdict, for each allowed preflight while `debug` is on.
    fn refused(policy: &Policy, plan: &Plan<'_>, request: &HeaderMap) -> bool {
        plan.is_refused()
            || matches!(plan, Plan::Preflight(answer)
                if refuses_private_network(policy, answer, request))
    }

    /// The events a subscriber wants, once `debug` may be.
    #[cold]
    pub(super) fn maybe(
        policy: &Policy,
        plan: &Plan<'_>,
        method: &Method,
        request: &HeaderMap,
        name: Option<&PolicyName>,
    ) {
        if wanted(plan)
            && let Some(event) = Owned::if_wanted(policy, plan, method, request, name)
        {
            event.record("");
        }
    }

    /// An event's fields, formatted (every request value escaped), to record now or
    /// later.
    #[derive(Debug)]
    pub(super) struct Owned {
        refused: bool,
        reason: &'static str,
        origin: String,
        method: String,
        request_method: String,
        request_headers: String,
        name: Option<PolicyName>,
        message: String,
    }

    impl Owned {
        /// The event of `plan`, if a subscriber wants it.
        #[cold]
        pub(super) fn if_wanted(
            policy: &Policy,
            plan: &Plan<'_>,
            method: &Method,
            request: &HeaderMap,
            name: Option<&PolicyName>,
        ) -> Option<Self> {
            let refused = refused(policy, plan, request);
            enabled(refused).then(|| Self::new(policy, plan, refused, method, request, name))
        }

        #[cold]
        fn new(
            policy: &Policy,
            plan: &Plan<'_>,
            refused: bool,
            method: &Method,
            request: &HeaderMap,
            name: Option<&PolicyName>,
        ) -> Self {
            let decision = Decision {
                policy,
                plan: plan.clone(),
                request,
            };
            let header =
                |name| Escaped(request.get(name).map_or(&b""[..], |v| v.as_bytes())).to_string();
            Self {
                refused,
                reason: decision.verdict().refusal().map_or("allowed", |r| r.code()),
                origin: header(ORIGIN),
                method: method.to_string(),
                request_method: header(ACCESS_CONTROL_REQUEST_METHOD),
                request_headers: header(ACCESS_CONTROL_REQUEST_HEADERS),
                name: name.copied(),
                message: decision.to_string(),
            }
        }

        /// Records the event, its message followed by `context`.
        #[cold]
        pub(super) fn record(self, context: &str) {
            let name = self.name.as_ref();
            if self.refused {
                tracing::debug!(
                    target: "typed_cors",
                    reason = self.reason,
                    origin = %self.origin,
                    method = %self.method,
                    request_method = %self.request_method,
                    request_headers = %self.request_headers,
                    policy = name.map_or("", |n| n.name),
                    policy_file = name.map_or("", |n| n.file),
                    policy_line = name.map_or(0, |n| n.line),
                    "CORS request {}{context}",
                    self.message,
                );
            } else {
                tracing::trace!(
                    target: "typed_cors",
                    origin = %self.origin,
                    method = %self.method,
                    policy = name.map_or("", |n| n.name),
                    "CORS request {}{context}",
                    self.message,
                );
            }
        }
    }
}
