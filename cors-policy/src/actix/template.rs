//! The writer's usual answers, recorded once per middleware and replayed on actix's
//! header map.
//!
//! What the one writer writes depends on the policy, on the request's plan and on the
//! handler's response. In the usual cases it depends on the policy and on a few facts
//! only, and the request's values it writes (the allowed origin, a `*` policy's echo of
//! the requested headers) pass through it unchanged:
//!
//! - a forwarded request whose response carries neither `Vary` nor an
//!   `Access-Control-*` header: the writer writes into an empty map, and what it writes
//!   depends on whether the request was allowed (with which origin) or, if not, on the
//!   [`Vary`] of the plan;
//! - a preflight that is allowed, or whose origin is refused (then the answer carries no
//!   CORS header at all, `plan.rs` says): it depends on whether the origin is allowed,
//!   whether the request listed headers and whether the answer allows Private Network
//!   Access.
//!
//! So the middleware has the writer write each of these shapes once, when it is built,
//! on sentinel values, into an empty `http` 1 map, and keeps its lines in actix's types:
//! a constant (converted once), or "the allowed origin" / "the requested headers",
//! recognised as the very bytes of the sentinel the writer was given (the same
//! allocation, not merely equal bytes). A request of such a shape then gets those lines
//! appended to its actix response, with its own actix values in the echoed slots: no
//! conversion and no `http` 1 map on the way out. Every other case (a handler's `Vary`
//! or CORS header, a refused preflight from an allowed origin, a `403` refusal) takes
//! the general path of `edge.rs` and `service.rs`. The middleware's property tests
//! compare both paths' answers with the model's on generated policies and requests.

use actix_web::http::header::{
    HeaderMap as ActixHeaders, HeaderName as ActixName, HeaderValue as ActixValue,
};
use bytes::Bytes;
use http::{HeaderMap, HeaderValue};

use super::edge::{actix_name, copied};
use crate::Refusal;
use crate::handle::PolicyHandle;
use crate::plan::{Forward, Preflight};
use crate::vary::Vary;

/// One line the writer wrote: a name, and where its value comes from.
#[derive(Debug)]
enum Slot {
    /// A constant of the policy or of the writer, converted once.
    Constant(ActixValue),
    /// The allowed origin (the request's own `Origin`, or `*`).
    Origin,
    /// The request's `Access-Control-Request-Headers`, echoed.
    RequestedHeaders,
}

/// The lines the writer writes for one shape of request, in its order.
#[derive(Debug)]
pub(super) struct Template(Box<[(ActixName, Slot)]>);

impl Template {
    /// Appends the lines to `to` (which carries neither `Vary` nor a CORS header), with
    /// `origin` and `requested` in their slots.
    #[inline]
    pub(super) fn apply(
        &self,
        to: &mut ActixHeaders,
        origin: Option<&ActixValue>,
        requested: Option<&ActixValue>,
    ) {
        for (name, slot) in &*self.0 {
            let value = match slot {
                Slot::Constant(value) => Some(value),
                Slot::Origin => origin,
                Slot::RequestedHeaders => requested,
            };
            // A slot the request has no value for cannot be recorded for its shape.
            if let Some(value) = value {
                to.append(name.clone(), value.clone());
            }
        }
    }
}

/// The sentinel values handed to the writer while recording.
struct Sentinels {
    origin: HeaderValue,
    requested: HeaderValue,
}

impl Sentinels {
    fn new() -> Self {
        // Allocations of their own: no constant of a policy can share their address.
        let own = |text: &str| {
            HeaderValue::from_maybe_shared(Bytes::from(text.as_bytes().to_vec()))
                .expect("a valid header value")
        };
        Self {
            origin: own("https://origin.sentinel.invalid"),
            requested: own("requested-headers-sentinel"),
        }
    }

    /// Records what `write` wrote into an empty map.
    fn record(&self, write: impl FnOnce(&mut HeaderMap)) -> Template {
        let mut written = HeaderMap::new();
        write(&mut written);
        let is = |value: &HeaderValue, sentinel: &HeaderValue| {
            std::ptr::eq(value.as_bytes(), sentinel.as_bytes())
        };
        let lines = written
            .iter()
            .filter_map(|(name, value)| {
                let slot = if is(value, &self.origin) {
                    Slot::Origin
                } else if is(value, &self.requested) {
                    Slot::RequestedHeaders
                } else {
                    Slot::Constant(copied(value.as_bytes())?)
                };
                Some((actix_name(name), slot))
            })
            .collect();
        Template(lines)
    }
}

/// Every recorded shape of one middleware.
#[derive(Debug)]
pub(super) struct Templates {
    /// A forwarded, allowed request.
    allowed: Template,
    /// A forwarded request that is not allowed, by the [`Vary`] of its plan.
    vary: [Template; 4],
    /// An allowed preflight, by (headers requested, Private Network Access allowed).
    preflight: [Template; 4],
    /// A preflight from a refused origin.
    refused_origin: Template,
}

/// The index of a [`Vary`] in [`Templates::vary`].
fn vary_index(vary: Vary) -> usize {
    match vary {
        Vary::None => 0,
        Vary::Origin => 1,
        Vary::OriginAndSite => 2,
        Vary::Preflight => 3,
    }
}

/// The index of an allowed preflight's shape in [`Templates::preflight`].
fn preflight_index(requested: bool, private_network: bool) -> usize {
    usize::from(requested) * 2 + usize::from(private_network)
}

impl Templates {
    /// Has the writer write every shape for `policy`.
    pub(super) fn new(policy: &impl PolicyHandle) -> Self {
        let sentinels = Sentinels::new();
        policy.with_policy(|policy, values| {
            let forward = |forward: Forward| {
                sentinels.record(|map| policy.write_forward(values, forward, map))
            };
            let preflight = |answer: Preflight<'_>| {
                sentinels.record(|map| policy.write_preflight(values, answer, map))
            };
            let allowed_preflight = |index: usize| {
                preflight(Preflight {
                    allow_origin: Some(sentinels.origin.clone()),
                    refusal: None,
                    requested_headers: (index / 2 == 1).then_some(&sentinels.requested),
                    private_network: index % 2 == 1,
                })
            };
            Self {
                allowed: forward(Forward::Allowed(sentinels.origin.clone())),
                vary: [
                    Vary::None,
                    Vary::Origin,
                    Vary::OriginAndSite,
                    Vary::Preflight,
                ]
                .map(|vary| forward(Forward::Vary(vary))),
                preflight: [0, 1, 2, 3].map(allowed_preflight),
                // What `plan_preflight` gives for a refused origin (the refusal itself
                // is not written: the answer carries no CORS header).
                refused_origin: preflight(Preflight {
                    allow_origin: None,
                    refusal: Some(Refusal::RepeatedOrigin),
                    requested_headers: None,
                    private_network: false,
                }),
            }
        })
    }

    /// The lines of a forwarded, allowed request.
    #[inline]
    pub(super) fn allowed(&self) -> &Template {
        &self.allowed
    }

    /// The lines of a forwarded request that is not allowed: only its plan's `Vary`.
    #[inline]
    pub(super) fn vary(&self, vary: Vary) -> &Template {
        &self.vary[vary_index(vary)]
    }

    /// The lines of a preflight's answer, if it has a recorded shape.
    #[inline]
    pub(super) fn preflight(&self, answer: &Preflight<'_>) -> Option<&Template> {
        // Every field named: a new one must be thought about here.
        let Preflight {
            allow_origin,
            refusal,
            requested_headers,
            private_network,
        } = answer;
        match (allow_origin, refusal) {
            (None, _) => Some(&self.refused_origin),
            (Some(_), None) => Some(
                &self.preflight[preflight_index(requested_headers.is_some(), *private_network)],
            ),
            // The answer depends on what was refused and on the policy's rule.
            (Some(_), Some(_)) => None,
        }
    }
}
