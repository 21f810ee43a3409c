//! `Vary`, appended to the handler's own and never replacing it.

use http::header::{Entry, VARY};
use http::{HeaderMap, HeaderValue};

const ORIGIN: HeaderValue = HeaderValue::from_static("Origin");
const PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// Which request headers the response depends on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Vary {
    /// Nothing (a plain `*` policy).
    #[default]
    None,
    /// `Origin`.
    Origin,
    /// `Origin` and the two preflight request headers.
    Preflight,
}

/// Appends `vary` as a new `Vary` field line, unless the response already varies on
/// `Origin` or on everything (`*`). Several field lines mean the same as one joined
/// list (RFC 9110, 5.3), so appending needs no rebuilding of the handler's value.
/// `has_vary`: whether the handler's response carried `Vary` (from
/// [`look_at`](crate::handler_headers::look_at), before the CORS headers went in).
#[inline(always)]
pub(crate) fn append_vary(headers: &mut HeaderMap, vary: Vary, has_vary: bool) {
    let value = match vary {
        Vary::None => return,
        Vary::Origin => ORIGIN,
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
            let already = entry.iter().any(|existing| {
                existing
                    .as_bytes()
                    .split(|&b| b == b',')
                    .map(<[u8]>::trim_ascii)
                    .any(|name| name == b"*" || name.eq_ignore_ascii_case(b"origin"))
            });
            if !already {
                entry.append(value);
            }
        }
    }
}
