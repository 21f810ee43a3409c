//! Named, reusable policies: `#[derive(CorsPolicy)]` and the items `#[cors]` generates.

use http::HeaderValue;

use crate::{Policy, PolicyName};

/// A type that names a CORS policy validated at compile time.
///
/// Implemented by `#[derive(CorsPolicy)]` on a unit struct, and by `#[cors(...)]` for the
/// braced struct it places beside a handler, under the handler's name. Write
/// `CorsLayer::of::<Name>()` to apply it.
///
/// Only the macros implement it: they validate the policy first, and the layer trusts
/// `POLICY`, the hidden header-value constants and [`policy`](Self::policy) to describe
/// the same policy. The hidden items are not API; an impl written by hand is not
/// supported (for a policy built in code, use [`Policy::builder`] and `CorsLayer::new`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a CORS policy",
    label = "not a CORS policy",
    note = "annotate the handler with `#[cors(...)]`, or derive `CorsPolicy` on a unit struct with a `#[cors(...)]` attribute"
)]
pub trait CorsPolicy {
    /// The validated policy.
    const POLICY: Policy;

    /// `POLICY`'s `Access-Control-Expose-Headers`, also as a constant of its own, which a
    /// layer compiled for this policy inserts without cloning (generated from the same
    /// tokens as `POLICY`'s, and checked equal by the tests).
    #[doc(hidden)]
    const EXPOSE_HEADERS: Option<HeaderValue>;
    /// `POLICY`'s `Access-Control-Allow-Methods` (`*` for any method), likewise.
    #[doc(hidden)]
    const ALLOW_METHODS: Option<HeaderValue>;
    /// `POLICY`'s `Access-Control-Allow-Headers` for a listed set, likewise.
    #[doc(hidden)]
    const ALLOW_HEADERS: Option<HeaderValue>;
    /// `POLICY`'s `Access-Control-Max-Age`, likewise.
    #[doc(hidden)]
    const MAX_AGE: Option<HeaderValue>;

    /// Where the policy was written, for log events (`None` until the macros record it).
    const NAME: Option<&'static PolicyName> = None;

    /// The same policy in a `static`, so layers share it without reference counting.
    fn policy() -> &'static Policy;
}
