//! What the handler's response already holds, looked at once before the policy's
//! headers go in: its `Vary`, and any `Access-Control-*` header of its own, which the
//! policy removes on every path (the policy owns every CORS response header, so a
//! handler can never widen it).

use http::HeaderMap;
use http::header::VARY;

/// The result of one pass over the names of the handler's response.
#[derive(Clone, Copy, Debug)]
pub(crate) struct HandlerHeaders {
    /// The response carries `Vary`.
    pub(crate) has_vary: bool,
    /// The response carries at least one `Access-Control-*` header.
    pub(crate) has_cors: bool,
}

/// Looks through the response's names once. Most handler responses hold a few names
/// and neither `Vary` nor CORS headers, so one linear pass is cheaper than the hashed
/// look-ups it saves (measured with callgrind).
#[inline(always)]
pub(crate) fn look_at(headers: &HeaderMap) -> HandlerHeaders {
    let mut found = HandlerHeaders {
        has_vary: false,
        has_cors: false,
    };
    if headers.is_empty() {
        return found;
    }
    for name in headers.keys() {
        if *name == VARY {
            found.has_vary = true;
        } else if is_cors_name(name.as_str()) {
            found.has_cors = true;
        }
    }
    found
}

/// `Access-Control-*`, in the lowercase form `HeaderName` keeps.
#[inline(always)]
pub(crate) fn is_cors_name(name: &str) -> bool {
    name.len() > 15 && name.as_bytes()[..15] == *b"access-control-"
}

/// Removes every `Access-Control-*` header: the standard ones, `…-Allow-Private-Network`
/// and any other, so that nothing the handler set can add to what the policy grants.
/// Called only when [`look_at`] found one.
#[cold]
pub(crate) fn remove_cors_headers(headers: &mut HeaderMap) {
    while let Some(name) = headers.keys().find(|n| is_cors_name(n.as_str())).cloned() {
        headers.remove(name);
    }
}

#[cfg(test)]
mod tests {
    use http::HeaderValue;

    use super::*;

    #[test]
    fn every_cors_name_and_only_those_are_removed() {
        let mut headers = HeaderMap::new();
        for name in [
            "access-control-allow-origin",
            "access-control-expose-headers",
            "access-control-allow-private-network",
            "access-control-x",
            "access-control-",
            "x-access-control-allow-origin",
            "vary",
        ] {
            headers.append(name, HeaderValue::from_static("v"));
        }
        headers.append("access-control-x", HeaderValue::from_static("again"));
        let found = look_at(&headers);
        assert!(found.has_vary && found.has_cors);
        remove_cors_headers(&mut headers);
        let mut left: Vec<_> = headers.keys().map(|n| n.as_str()).collect();
        left.sort_unstable();
        // `access-control-` alone is no CORS header name (nothing follows the prefix).
        assert_eq!(
            left,
            ["access-control-", "vary", "x-access-control-allow-origin"]
        );
        let found = look_at(&headers);
        assert!(found.has_vary && !found.has_cors);
        assert!(!look_at(&HeaderMap::new()).has_vary);
    }
}
