//! Where the policy's prebuilt header values come from when a response is decorated:
//! cloned out of a [`Policy`], or, for a layer compiled for one policy, the constants the
//! macro generated (no clone at all, as a hand-written `const HeaderValue` would be).

use http::HeaderValue;

use crate::Policy;

/// `*`: the answer for any origin without credentials (and, in the fixed headers, for any
/// method).
pub(crate) const ANY: HeaderValue = HeaderValue::from_static("*");

/// The policy's constant header values. Public in a private module: nameable by no one,
/// usable as the layer's associated type.
// The bound of `PolicyHandle::Values`, so public; in a private module, so sealed. Without
// a layer it is reachable from nowhere, and rustc 1.88 (the MSRV) flags it with one too.
#[allow(unreachable_pub)]
pub trait HeaderValues {
    /// `Access-Control-Expose-Headers`.
    fn expose_headers(&self) -> Option<HeaderValue>;
    /// `Access-Control-Allow-Methods` (`*` for any method).
    fn allow_methods(&self) -> Option<HeaderValue>;
    /// `Access-Control-Allow-Headers` for a listed set (with `*`, the request's list is
    /// echoed instead).
    fn allow_headers(&self) -> Option<HeaderValue>;
    /// `Access-Control-Max-Age`.
    fn max_age(&self) -> Option<HeaderValue>;
}

/// A policy's own values: what [`FixedHeaders`](crate::policy::FixedHeaders) holds, decided
/// when the policy was built.
impl HeaderValues for Policy {
    #[inline(always)]
    fn expose_headers(&self) -> Option<HeaderValue> {
        self.0.headers.expose_headers.clone()
    }

    #[inline(always)]
    fn allow_methods(&self) -> Option<HeaderValue> {
        self.0.headers.allow_methods.clone()
    }

    #[inline(always)]
    fn allow_headers(&self) -> Option<HeaderValue> {
        self.0.headers.allow_headers.clone()
    }

    #[inline(always)]
    fn max_age(&self) -> Option<HeaderValue> {
        self.0.headers.max_age.clone()
    }
}
