//! Routing a preflight to the actix-web route macro that handles the method it asks for.
//!
//! `#[cors]` above `#[get("/profile")]` (or another route macro of actix-web) adds an
//! `OPTIONS` registration for the same path, wrapped in the handler's middleware and
//! guarded by [`preflight_asks`]. actix-web checks a resource's guards while routing, so
//! without it a preflight would never reach the `GET` resource's middleware. The guard
//! passes a preflight only when its `Access-Control-Request-Method` is one of the
//! methods the handler is registered for, byte for byte, as actix routes the request it
//! announces: the preflight for a `PUT` reaches the `PUT` handler's policy, not the
//! policy of whichever handler of the path was registered first, and a method that no
//! handler serves gets actix's `404` (a refused preflight). The registration carries the
//! route's own `guard`s too, so that handlers told apart by a guard each answer their
//! own preflights (the macro crate's `actix_routes.rs` says why that is safe).
//!
//! Every registration of the path (the user's routes and the `OPTIONS` one) carries
//! [`middleware_for`]`::<handler, { PUT | ... }>("/path")`: the handler's policy, narrowed
//! to the methods the handler serves on that path (`narrowed.rs`), so that its preflight
//! answers never list a method that another handler of the path serves, and recorded at
//! the path, so that they go uncached when their header names would cover another
//! handler's request there, of any method, under another policy (`siblings.rs`).
//!
//! Generated code only; reached through `__private`.

use actix_web::guard::GuardContext;
use actix_web::http::Method;
use actix_web::http::header::{ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};

use super::{CorsMiddleware, Narrowed};
use crate::{Compiled, CorsPolicy};

/// One bit per method that actix-web's route macros name: `GET`.
pub const GET: u16 = 1 << 0;
/// `POST`.
pub const POST: u16 = 1 << 1;
/// `PUT`.
pub const PUT: u16 = 1 << 2;
/// `DELETE`.
pub const DELETE: u16 = 1 << 3;
/// `HEAD`.
pub const HEAD: u16 = 1 << 4;
/// `CONNECT`.
pub const CONNECT: u16 = 1 << 5;
/// A registration for `OPTIONS` itself: a request that is not a preflight may pass.
pub const OPTIONS: u16 = 1 << 6;
/// `TRACE`.
pub const TRACE: u16 = 1 << 7;
/// `PATCH`.
pub const PATCH: u16 = 1 << 8;

/// Every bit with its method, in the order `Access-Control-Allow-Methods` lists them.
const NAMES: [(u16, Method); 9] = [
    (GET, Method::GET),
    (HEAD, Method::HEAD),
    (POST, Method::POST),
    (PUT, Method::PUT),
    (DELETE, Method::DELETE),
    (PATCH, Method::PATCH),
    (OPTIONS, Method::OPTIONS),
    (CONNECT, Method::CONNECT),
    (TRACE, Method::TRACE),
];

/// The middleware of handler `P` at `path` (the route's, as written), where it serves
/// `METHODS`: its preflight answers list only those of the policy's methods, and go
/// uncached when their header names would cover another policy's handler, of any
/// method, on the path ([`CorsMiddleware::for_resource`]). Made in the route's
/// `register`.
pub fn middleware_for<P: CorsPolicy + 'static, const METHODS: u16>(
    path: &str,
) -> CorsMiddleware<Narrowed<Compiled<P>>> {
    let served = NAMES
        .iter()
        .filter(|(bit, _)| METHODS & bit != 0)
        .map(|(_, method)| method.clone());
    CorsMiddleware::of::<P>().for_resource(path, served)
}

/// Whether an `OPTIONS` request belongs to a registration for the methods in `METHODS`:
/// a preflight (with `Origin` and `Access-Control-Request-Method`, as
/// [`classify`](crate::classify) says) when it asks for one of them, any other `OPTIONS`
/// request when `METHODS` has [`OPTIONS`]. Requests of other methods pass: the
/// registration's method guard decides those.
pub fn preflight_asks<const METHODS: u16>(ctx: &GuardContext<'_>) -> bool {
    let head = ctx.head();
    if head.method != Method::OPTIONS {
        return true;
    }
    let asked = match (
        head.headers().contains_key(ORIGIN),
        head.headers().get(ACCESS_CONTROL_REQUEST_METHOD),
    ) {
        (true, Some(asked)) => method_bit(asked.as_bytes()),
        _ => OPTIONS,
    };
    METHODS & asked != 0
}

/// The bit of a method as actix compares it (case-sensitively); `0` for a method no
/// route macro names, which no registration serves.
fn method_bit(method: &[u8]) -> u16 {
    match method {
        b"GET" => GET,
        b"POST" => POST,
        b"PUT" => PUT,
        b"DELETE" => DELETE,
        b"HEAD" => HEAD,
        b"CONNECT" => CONNECT,
        b"OPTIONS" => OPTIONS,
        b"TRACE" => TRACE,
        b"PATCH" => PATCH,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use actix_web::guard::Guard;
    use actix_web::test::TestRequest;

    use super::*;

    fn passes<const METHODS: u16>(request: TestRequest) -> bool {
        let request = request.to_srv_request();
        actix_web::guard::fn_guard(preflight_asks::<METHODS>).check(&request.guard_ctx())
    }

    fn preflight(asks: &str) -> TestRequest {
        TestRequest::default()
            .method(Method::OPTIONS)
            .insert_header(("origin", "https://app.example.com"))
            .insert_header(("access-control-request-method", asks))
    }

    #[test]
    fn a_preflight_passes_only_for_the_methods_it_asks_for() {
        assert!(passes::<{ GET | PUT }>(preflight("PUT")));
        assert!(passes::<{ GET | PUT }>(preflight("GET")));
        assert!(!passes::<{ GET | PUT }>(preflight("DELETE")));
        // actix compares methods case-sensitively, and so does the guard.
        assert!(!passes::<PATCH>(preflight("patch")));
        assert!(!passes::<{ GET | OPTIONS }>(preflight("PURGE")));
    }

    #[test]
    fn other_options_requests_pass_only_an_options_registration() {
        let plain = || TestRequest::default().method(Method::OPTIONS);
        assert!(!passes::<GET>(plain()));
        assert!(passes::<OPTIONS>(plain()));
        // Without `Origin` it is no preflight, whatever else it carries.
        let no_origin = plain().insert_header(("access-control-request-method", "GET"));
        assert!(!passes::<GET>(no_origin));
    }

    #[test]
    fn other_methods_are_left_to_the_method_guard() {
        assert!(passes::<OPTIONS>(TestRequest::get()));
    }
}
