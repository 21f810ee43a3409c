//! The methods a `MethodRouter` routes, as bits, and which of them a preflight asks for.

use axum::routing::MethodFilter;

/// `GET`.
pub const GET: u16 = 1;
/// `HEAD`.
pub const HEAD: u16 = 1 << 1;
/// `POST`.
pub const POST: u16 = 1 << 2;
/// `PUT`.
pub const PUT: u16 = 1 << 3;
/// `DELETE`.
pub const DELETE: u16 = 1 << 4;
/// `PATCH`.
pub const PATCH: u16 = 1 << 5;
/// `OPTIONS`.
pub const OPTIONS: u16 = 1 << 6;

/// Every method the per-method router can route.
pub(crate) const ROUTABLE: u16 = GET | HEAD | POST | PUT | DELETE | PATCH | OPTIONS;

/// axum's filter for the methods `bits`; `None` for none.
pub(crate) fn filter(bits: u16) -> Option<MethodFilter> {
    const FILTERS: [(u16, MethodFilter); 7] = [
        (GET, MethodFilter::GET),
        (HEAD, MethodFilter::HEAD),
        (POST, MethodFilter::POST),
        (PUT, MethodFilter::PUT),
        (DELETE, MethodFilter::DELETE),
        (PATCH, MethodFilter::PATCH),
        (OPTIONS, MethodFilter::OPTIONS),
    ];
    FILTERS
        .into_iter()
        .filter(|(bit, _)| bits & bit != 0)
        .map(|(_, filter)| filter)
        .reduce(MethodFilter::or)
}

/// Every routable method with its name, in the order `Access-Control-Allow-Methods`
/// lists them.
pub(crate) const ALL: [(u16, &str); 7] = [
    (GET, "GET"),
    (HEAD, "HEAD"),
    (POST, "POST"),
    (PUT, "PUT"),
    (DELETE, "DELETE"),
    (PATCH, "PATCH"),
    (OPTIONS, "OPTIONS"),
];

/// The method a preflight's `Access-Control-Request-Method` names, routed as axum routes
/// that request: by exact bytes (methods are case-sensitive: `patch` is not `PATCH`, and
/// axum sends it to the fallback), `HEAD` to `GET`'s handler when the path has no `HEAD`
/// handler of its own. `0` for a method no handler can serve.
#[inline(always)]
pub(crate) fn requested(method: &[u8], routed: u16) -> u16 {
    let bit = match method {
        b"GET" => GET,
        b"HEAD" => HEAD,
        b"POST" => POST,
        b"PUT" => PUT,
        b"DELETE" => DELETE,
        b"PATCH" => PATCH,
        b"OPTIONS" => OPTIONS,
        _ => return 0,
    };
    if bit == HEAD && routed & HEAD == 0 {
        GET
    } else {
        bit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_follows_get_only_without_a_head_handler() {
        assert_eq!(requested(b"HEAD", GET | PUT), GET);
        assert_eq!(requested(b"HEAD", GET | HEAD), HEAD);
        assert_eq!(requested(b"PUT", GET | PUT), PUT);
    }

    #[test]
    fn methods_match_exactly() {
        assert_eq!(requested(b"patch", PATCH), 0);
        assert_eq!(requested(b"PROPFIND", PATCH), 0);
        assert_eq!(requested(b"", GET), 0);
        assert_eq!(requested(b"Get", GET), 0);
    }
}
