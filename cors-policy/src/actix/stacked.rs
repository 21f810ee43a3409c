//! Two `CorsMiddleware`s on one request, noticed in debug builds, as the tower layer
//! notices two layers (`claim.rs`).
//!
//! A request has one policy. Stacked, the outer middleware answers every preflight alone
//! (the inner one never sees it), and on an actual request the outer one replaces the
//! inner one's `Access-Control-*` headers with its own and keeps one `Origin` in `Vary`:
//! the response is well formed, but the inner policy, the one written next to the
//! handler, decides nothing. The usual way there is `App::new().wrap(CorsMiddleware..)`
//! around a `#[cors]` route-macro handler (which carries its own middleware). Debug
//! builds panic at the first request through both, naming both policies and the route;
//! release builds do nothing (the check costs an insertion into the request's
//! extensions).

use actix_web::HttpMessage;
use actix_web::dev::ServiceRequest;

use crate::PolicyName;

/// Which middleware already decides the request: the outer one's policy.
#[derive(Clone, Copy, Debug)]
struct DecidedBy(Option<&'static PolicyName>);

/// Panics if a middleware outside this one already decides `request`; otherwise marks
/// it as decided by this one, whose policy is `name` (as its handle says).
pub(super) fn check_not_stacked(request: &ServiceRequest, name: Option<&'static PolicyName>) {
    if let Some(DecidedBy(outer)) = request.extensions().get::<DecidedBy>().copied() {
        panic!(
            "typed-cors: two CORS policies on one request: {} (outer middleware) and {} \
             (inner middleware) both apply to `{} {}`, and the outer one answers every \
             preflight of the path. Wrap each request in one `CorsMiddleware`: a `#[cors]` \
             handler above actix-web's route macro already carries its own, so do not also \
             wrap its `App` or scope in one.",
            described(outer),
            described(name),
            request.method(),
            request.path(),
        );
    }
    request.extensions_mut().insert(DecidedBy(name));
}

/// `` `app::read` (src/app.rs:12) `` for a policy of `#[cors]`, or a built one.
fn described(name: Option<&'static PolicyName>) -> String {
    match name {
        Some(PolicyName { name, file, line }) => format!("`{name}` ({file}:{line})"),
        None => "a policy built at run time (`CorsMiddleware::new` / `from_static`)".to_owned(),
    }
}
