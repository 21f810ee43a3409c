//! How a route's own policy tells a router-wide default that it decided a request, and
//! how two own policies stacked on one route are noticed.
//!
//! One policy decides each request: the most specific. A default sits outside the
//! routes, so it learns whether a route had its own policy only after the route ran: it
//! puts an [`OwnPolicyClaim`] into the request's extensions, every own policy on the way
//! (a [`Cors`](crate::Cors) layer, a per-method router's preflight answer) sets it, and
//! the default applies itself only to requests nobody claimed.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use http::Request;

/// Put into a request's extensions by a router-wide default; set by the own policy that
/// decides the request.
#[derive(Clone, Debug, Default)]
pub(crate) struct OwnPolicyClaim(Arc<AtomicBool>);

impl OwnPolicyClaim {
    /// Whether an own policy claimed the request.
    pub(crate) fn is_claimed(&self) -> bool {
        self.0.load(Ordering::Acquire)
    }
}

/// Marks `request` as decided by an own policy, for a default above (if any). Without a
/// default, one look into the empty extensions: no allocation, no atomic.
#[inline(always)]
pub(crate) fn claim<B>(request: &Request<B>) {
    if let Some(claim) = request.extensions().get::<OwnPolicyClaim>() {
        claim.0.store(true, Ordering::Release);
    }
}

/// Which own policy already decides a request, put into its extensions by the outer of
/// two stacked layers (debug builds only: it costs an allocation per request).
#[cfg(debug_assertions)]
#[derive(Clone, Copy, Debug)]
struct DecidedBy(&'static str);

/// Debug builds: notices a second own policy on the way to the handler (a CORS layer on a
/// `MethodRouter` that already has one, or around a per-method router) and panics with
/// both policies and the route. Release builds do nothing: there the outer layer decides
/// every request of the route alone (it answers the preflights; on actual requests its
/// headers replace the inner one's), so the trap costs nothing to notice where it is
/// noticed.
#[cfg(debug_assertions)]
pub(crate) fn checked_not_stacked<B, H>(mut request: Request<B>) -> Request<B> {
    let this = policy_name::<H>();
    if let Some(DecidedBy(outer)) = request.extensions().get::<DecidedBy>() {
        panic!(
            "typed-cors: two CORS policies on one route: `{outer}` (outer layer) and `{this}` \
             (inner layer) both apply to `{} {}`, and the outer one answers every preflight of \
             the path. Give each handler its own layer with \
             `typed_cors::axum::get(handler, CorsLayer::of::<handler>()).put(…)`, or make the \
             outer one a router-wide default with `.as_default()`.",
            request.method(),
            request.uri().path(),
        );
    }
    request.extensions_mut().insert(DecidedBy(this));
    request
}

/// The policy a handle stands for, as users wrote it: `app::read` for
/// `Compiled<app::read>`, "a shared policy" for a `SharedPolicy`.
#[cfg(debug_assertions)]
fn policy_name<H>() -> &'static str {
    let name = std::any::type_name::<H>();
    match name.split_once("Compiled<") {
        Some((_, inner)) => inner.strip_suffix('>').unwrap_or(inner),
        None => "a shared policy (`CorsLayer::new` / `from_static`)",
    }
}
