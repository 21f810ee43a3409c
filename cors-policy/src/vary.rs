//! `Vary`, appended to the handler's own and never replacing it.

use http::header::{Entry, VARY};
use http::{HeaderMap, HeaderValue};

const ORIGIN: HeaderValue = HeaderValue::from_static("Origin");
const ORIGIN_AND_SITE: HeaderValue = HeaderValue::from_static("Origin, Sec-Fetch-Site");
const PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// Every value [`append_vary`] writes, for an edge that converts them to other header
/// types once, not per response (`actix/edge.rs`).
#[cfg_attr(not(feature = "actix"), allow(dead_code))]
pub(crate) const VALUES: [HeaderValue; 3] = [ORIGIN, ORIGIN_AND_SITE, PREFLIGHT];

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
/// [`look_at`](crate::handler_headers::look_at), before the CORS headers went in).
#[inline(always)]
pub(crate) fn append_vary(headers: &mut HeaderMap, vary: Vary, has_vary: bool) {
    let value = match vary {
        Vary::None => return,
        Vary::Origin => ORIGIN,
        Vary::OriginAndSite => ORIGIN_AND_SITE,
        Vary::Preflight => PREFLIGHT,
    };
    if !has_vary {
        headers.append(VARY, value);
        return;
    }
    // One lookup of `Vary`: the entry both answers "is it there" and appends.
    match headers.entry(VARY) {
        Entry::Vacant(entry) => {
            entry.insert(value);
        }
        Entry::Occupied(mut entry) => {
            let names = || {
                entry
                    .iter()
                    .flat_map(|existing| existing.as_bytes().split(|&b| b == b','))
                    .map(<[u8]>::trim_ascii)
            };
            let varies_on = |wanted: &[u8]| names().any(|name| name.eq_ignore_ascii_case(wanted));
            let already = names().any(|name| name == b"*")
                || varies_on(b"origin")
                    && (vary != Vary::OriginAndSite || varies_on(b"sec-fetch-site"));
            if !already {
                entry.append(value);
            }
        }
    }
}
