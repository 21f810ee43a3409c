//! One path, three handlers, three policies (issue 11), under `/t/per-method` (wired with
//! `typed_cors::axum`) and, as the control, `/t/one-policy` (the same handlers under one
//! `CorsLayer`, the wiring the per-method router replaces).
//!
//! | method | policy |
//! | --- | --- |
//! | `GET` | `origins = ["*"]` |
//! | `PUT` | the page's origin, credentials, `methods = [PUT, DELETE]`, `max_age = 600` |
//! | `DELETE` | the partner's origin only, `max_age = 600` |
//!
//! `PUT`'s policy lists `DELETE` too, as a policy copied from a one-policy path would:
//! the per-method router must still never let `PUT`'s cached answer cover `DELETE`.
//!
//! On actix-web ([`configure_actix`]) the path has a resource per method, each with its
//! own `CorsMiddleware` (`examples::actix::resources::for_method`): actix routes each
//! preflight to the resource of the method it asks for. What it cannot do is what
//! `typed_cors::axum` does on top: narrow each answer's `Access-Control-Allow-Methods`
//! to the methods of the path that share its policy. A middleware sees one resource, not
//! its neighbours, and the library has no per-method counterpart for actix. So `PUT`'s
//! resource there has [`per_method_update_alone()`]: `PUT`'s policy listing `PUT` only,
//! which is what the narrowing makes of it, and what an actix user writes by hand. With
//! `per_method_update` itself, Chromium lets `PUT`'s cached answer cover the `DELETE`,
//! which then runs the partner-only handler for the page (the test fails: tried). The
//! one-policy control is the same on both.

use std::convert::Infallible;

use axum::Router;
use axum::handler::Handler;
use axum::middleware::from_fn;
use axum::routing::{MethodRouter, get};
use examples::actix::resources::{for_method, with_cors as actix_cors};
use examples::log::mark_handler_called;
use typed_cors::{CorsLayer, cors};

/// `GET`: anyone may read.
#[cors(origins = ["*"])]
pub async fn per_method_read() -> &'static str {
    "read"
}

/// `PUT`: the page, with credentials.
#[cors(
    origins = ["http://127.0.0.1:8701"],
    credentials,
    methods = [PUT, DELETE],
    allow_headers = ["content-type"],
    max_age = 600
)]
pub async fn per_method_update() -> &'static str {
    "updated"
}

/// `PUT` on actix-web: [`per_method_update()`]'s policy, but listing `PUT` alone (see the
/// module's docs).
#[cors(
    origins = ["http://127.0.0.1:8701"],
    credentials,
    methods = [PUT],
    allow_headers = ["content-type"],
    max_age = 600
)]
pub async fn per_method_update_alone() -> &'static str {
    "updated"
}

/// `DELETE`: only the partner.
#[cors(origins = ["http://127.0.0.1:8702"], methods = [DELETE], max_age = 600)]
pub async fn per_method_remove() -> &'static str {
    "removed"
}

/// The suite's per-method endpoints.
pub fn routes() -> Router {
    // The log's marker wraps each handler, inside its policy: preflights, answered
    // without a handler, must show none called.
    let marked = || from_fn(mark_handler_called);
    let per_method: MethodRouter = typed_cors::axum::get(
        per_method_read.layer(marked()),
        CorsLayer::of::<per_method_read>(),
    )
    .put(
        per_method_update.layer(marked()),
        CorsLayer::of::<per_method_update>(),
    )
    .delete(
        per_method_remove.layer(marked()),
        CorsLayer::of::<per_method_remove>(),
    )
    .into();
    let one_policy = get(per_method_read)
        .put(per_method_update)
        .delete(per_method_remove)
        .layer::<_, Infallible>(from_fn(mark_handler_called))
        .layer::<_, Infallible>(CorsLayer::of::<per_method_update>());
    Router::new()
        .route("/t/per-method", per_method)
        .route("/t/one-policy", one_policy)
}

/// The suite's per-method endpoints on actix-web: `/t/per-method` as a resource per
/// method, each with its own policy, and `/t/one-policy` as one resource under `PUT`'s.
pub fn configure_actix(config: &mut actix_web::web::ServiceConfig) {
    use actix_web::http::Method;
    use actix_web::web;
    const PATH: &str = "/t/per-method";
    config
        .service(actix_cors::<per_method_read>(
            for_method(PATH, Method::GET).to(per_method_read),
        ))
        .service(actix_cors::<per_method_update_alone>(
            for_method(PATH, Method::PUT).to(per_method_update_alone),
        ))
        .service(actix_cors::<per_method_remove>(
            for_method(PATH, Method::DELETE).to(per_method_remove),
        ))
        .service(actix_cors::<per_method_update>(
            web::resource("/t/one-policy")
                .route(web::get().to(per_method_read))
                .route(web::put().to(per_method_update))
                .route(web::delete().to(per_method_remove)),
        ));
}

#[cfg(test)]
mod tests {
    use typed_cors::{CorsPolicy, Policy};

    use super::*;

    /// The actix `PUT` policy is the axum one with `DELETE` left out, nothing else.
    #[test]
    fn the_actix_put_policy_differs_only_in_methods() {
        let put = |methods: &[&str]| {
            Policy::builder()
                .origins([examples::PAGE_ORIGIN])
                .credentials()
                .methods(methods)
                .allow_headers(["content-type"])
                .max_age(600)
                .build()
                .expect("a valid policy")
        };
        assert!(*per_method_update::policy() == put(&["PUT", "DELETE"]));
        assert!(*per_method_update_alone::policy() == put(&["PUT"]));
    }
}
