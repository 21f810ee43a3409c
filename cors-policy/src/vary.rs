//! `Vary`, appended to the handler's own and never replacing it.

use http::header::{Entry, VARY};
use http::{HeaderMap, HeaderValue};

const ORIGIN: HeaderValue = HeaderValue::from_static("Origin");
const PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// Up to this many header names, [`may_have_vary`] looks for `Vary` through the names.
const SCAN_LIMIT: usize = 8;

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

/// Whether the handler's response may already carry `Vary`, looked at before the CORS
/// headers go in (fewer names to look through): certainly not when it has no headers;
/// with up to [`SCAN_LIMIT`] names, a look through them, cheaper than hashing (measured
/// with callgrind: most handlers set no `Vary`); with more, assumed, and the hashed
/// `entry` of [`append_vary`] decides.
#[inline(always)]
pub(crate) fn may_have_vary(headers: &HeaderMap) -> bool {
    !headers.is_empty()
        && (headers.keys_len() > SCAN_LIMIT || headers.keys().any(|name| name == VARY))
}

/// Appends `vary` as a new `Vary` field line, unless the response already varies on
/// `Origin` or on everything (`*`). Several field lines mean the same as one joined
/// list (RFC 9110, 5.3), so appending needs no rebuilding of the handler's value.
/// `may_have_vary`: [`may_have_vary`] of the response before the CORS headers went in.
#[inline(always)]
pub(crate) fn append_vary(headers: &mut HeaderMap, vary: Vary, may_have_vary: bool) {
    let value = match vary {
        Vary::None => return,
        Vary::Origin => ORIGIN,
        Vary::Preflight => PREFLIGHT,
    };
    if !may_have_vary {
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
