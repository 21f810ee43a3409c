//! Named, reusable policies: `#[derive(CorsPolicy)]` and the items `#[cors]` generates.

use crate::Policy;

/// A type that names a CORS policy validated at compile time.
///
/// Implemented by `#[derive(CorsPolicy)]` on a unit struct, and by `#[cors(...)]` for the
/// braced struct it places beside a handler, under the handler's name. Write
/// `CorsLayer::of::<Name>()` to apply it.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a CORS policy",
    label = "not a CORS policy",
    note = "annotate the handler with `#[cors(...)]`, or derive `CorsPolicy` on a unit struct with a `#[cors(...)]` attribute"
)]
pub trait CorsPolicy {
    /// The validated policy.
    const POLICY: Policy;

    /// The same policy in a `static`, so layers share it without reference counting.
    fn policy() -> &'static Policy;
}
