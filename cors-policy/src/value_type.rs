//! A framework's header value type, as the decision and the writer use it: its bytes,
//! a copy of other bytes (rare), and the writer's own constants in that type.
//!
//! The core decides and writes on the framework's own values (`http` 1 for tower and
//! axum, `http` 0.2 for actix-web 4), so that the `Origin` an allowed request echoes is
//! the request's own value (a reference count), never converted or re-parsed.

use crate::vary;

/// A header value type the core reads requests and writes answers in.
pub(crate) trait ValueType: Clone + std::fmt::Debug {
    /// `*`.
    const ANY: Self;
    /// `true`.
    const TRUE: Self;
    /// `Vary: Origin`.
    const VARY_ORIGIN: Self;
    /// `Vary: Origin, Sec-Fetch-Site`.
    const VARY_ORIGIN_AND_SITE: Self;
    /// A preflight answer's `Vary`.
    const VARY_PREFLIGHT: Self;

    /// The value's bytes, as sent.
    fn bytes(&self) -> &[u8];

    /// A new value holding `bytes`, if they are a valid value (only a refused
    /// preflight's filtered header list is ever built this way).
    fn copied(bytes: &[u8]) -> Option<Self>;
}

impl ValueType for http::HeaderValue {
    const ANY: Self = crate::header_values::ANY;
    const TRUE: Self = Self::from_static("true");
    const VARY_ORIGIN: Self = Self::from_static(vary::ORIGIN);
    const VARY_ORIGIN_AND_SITE: Self = Self::from_static(vary::ORIGIN_AND_SITE);
    const VARY_PREFLIGHT: Self = Self::from_static(vary::PREFLIGHT);

    #[inline(always)]
    fn bytes(&self) -> &[u8] {
        self.as_bytes()
    }

    #[cold]
    fn copied(bytes: &[u8]) -> Option<Self> {
        Self::from_bytes(bytes).ok()
    }
}
