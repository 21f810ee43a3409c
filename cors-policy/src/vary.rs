//! `Vary`, appended to the handler's own and never replacing it.

use crate::header_sink::HeaderSink;
use crate::value_type::ValueType;

/// The text of `Vary: Origin`.
pub(crate) const ORIGIN: &str = "Origin";
/// The text of `Vary: Origin, Sec-Fetch-Site`.
pub(crate) const ORIGIN_AND_SITE: &str = "Origin, Sec-Fetch-Site";
/// The text of a preflight answer's `Vary`.
pub(crate) const PREFLIGHT: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// Which request headers the response depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Vary {
    /// Nothing (a plain `*` policy).
    #[default]
    None,
    /// `Origin`.
    Origin,
    /// `Origin` and `Sec-Fetch-Site`: a `refuse_disallowed` policy answers a disallowed
    /// origin with `403`, unless the browser says the request is same-origin.
    OriginAndSite,
    /// `Origin` and the two preflight request headers.
    Preflight,
}

/// Appends `vary` as a new `Vary` field line, unless the response already varies on
/// everything (`*`) or on every name of `vary` (`Origin`, and `Sec-Fetch-Site` for
/// [`Vary::OriginAndSite`]). Several field lines mean the same as one joined
/// list (RFC 9110, 5.3), so appending needs no rebuilding of the handler's value.
/// `has_vary`: whether the handler's response carried `Vary` (from
/// [`HeaderSink::look_at`], before the CORS headers went in).
#[inline(always)]
pub(crate) fn append_vary<S: HeaderSink>(headers: &mut S, vary: Vary, has_vary: bool) {
    let value = match vary {
        Vary::None => return,
        Vary::Origin => S::Value::VARY_ORIGIN,
        Vary::OriginAndSite => S::Value::VARY_ORIGIN_AND_SITE,
        Vary::Preflight => S::Value::VARY_PREFLIGHT,
    };
    headers.append_vary(value, vary, has_vary);
}

/// Whether the response's `Vary` lines already cover `vary`: `*`, or every name of
/// `vary` that a non-preflight answer adds (`Origin`, and `Sec-Fetch-Site` for
/// [`Vary::OriginAndSite`]).
#[inline]
pub(crate) fn already_varies<'v, I: Iterator<Item = &'v [u8]>>(
    lines: impl Fn() -> I,
    vary: Vary,
) -> bool {
    let names = || {
        lines()
            .flat_map(|line| line.split(|&b| b == b','))
            .map(<[u8]>::trim_ascii)
    };
    let varies_on = |wanted: &[u8]| names().any(|name| name.eq_ignore_ascii_case(wanted));
    names().any(|name| name == b"*")
        || varies_on(b"origin") && (vary != Vary::OriginAndSite || varies_on(b"sec-fetch-site"))
}
