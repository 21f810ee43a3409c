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
//! the per-method router must still never let `PUT`'s cached answer cover `DELETE`. But
//! it also allows `content-type`, beside a `GET` handler with another policy: its answer
//! says `Access-Control-Max-Age: 0` (a cached answer's header names would cover the
//! `GET`), so the browser asks for a later `DELETE` whatever the answer lists. The
//! narrowing alone is shown at `/t/per-method-bare` (and `/t/per-method-bare-macros` in
//! the actix route-macro form): `PUT` under [`per_method_bare_update()`], which allows no
//! request header, so its answer stays cached for 600 s, and `DELETE` under
//! `DELETE`'s policy above.
//!
//! On actix-web ([`configure_actix`]) the path has a resource per method, each with its
//! own `CorsMiddleware` narrowed to its method (`examples::actix::resources::for_method`,
//! which does what `typed_cors::actix::resource_for` does): actix routes each preflight
//! to the resource of the method it asks for, and `PUT`'s answer lists `PUT` alone, as
//! `typed_cors::axum` narrows it. `/t/per-method-macros` is the same path wired with
//! `#[cors]` above actix-web's route macros (axum serves it as `/t/per-method`). The
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

/// `DELETE`: only the partner.
#[cors(origins = ["http://127.0.0.1:8702"], methods = [DELETE], max_age = 600)]
pub async fn per_method_remove() -> &'static str {
    "removed"
}

/// `PUT` at `/t/per-method-bare`: the page, with credentials, no request header, so its
/// answer is cached beside `DELETE`'s other policy. Lists `DELETE` too.
#[cors(
    origins = ["http://127.0.0.1:8701"],
    credentials,
    methods = [PUT, DELETE],
    max_age = 600
)]
pub async fn per_method_bare_update() -> &'static str {
    "updated"
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
    let bare: MethodRouter = typed_cors::axum::put(
        per_method_bare_update.layer(marked()),
        CorsLayer::of::<per_method_bare_update>(),
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
        // The actix route-macro form's path: the same router on axum.
        .route("/t/per-method-macros", per_method.clone())
        .route("/t/per-method", per_method)
        // The actix route-macro form's path: the same router on axum.
        .route("/t/per-method-bare-macros", bare.clone())
        .route("/t/per-method-bare", bare)
        .route("/t/one-policy", one_policy)
}

/// The suite's per-method endpoints on actix-web: `/t/per-method` as a resource per
/// method, each with its own policy, `/t/per-method-macros` as three route-macro
/// handlers ([`macros`]), `/t/per-method-bare` and `/t/per-method-bare-macros` alike,
/// and `/t/one-policy` as one resource under `PUT`'s.
pub fn configure_actix(config: &mut actix_web::web::ServiceConfig) {
    use actix_web::http::Method;
    use actix_web::web;
    const PATH: &str = "/t/per-method";
    const BARE: &str = "/t/per-method-bare";
    config
        .service(for_method::<per_method_read>(PATH, Method::GET).to(per_method_read))
        .service(for_method::<per_method_update>(PATH, Method::PUT).to(per_method_update))
        .service(for_method::<per_method_remove>(PATH, Method::DELETE).to(per_method_remove))
        .service(macros::read)
        .service(macros::update)
        .service(macros::remove)
        .service(for_method::<per_method_bare_update>(BARE, Method::PUT).to(per_method_bare_update))
        .service(for_method::<per_method_remove>(BARE, Method::DELETE).to(per_method_remove))
        .service(macros::bare_update)
        .service(macros::bare_remove)
        .service(actix_cors::<per_method_update>(
            web::resource("/t/one-policy")
                .route(web::get().to(per_method_read))
                .route(web::put().to(per_method_update))
                .route(web::delete().to(per_method_remove)),
        ));
}

/// `/t/per-method` on actix-web with `#[cors]` above the route macros: the same three
/// policies (`PUT`'s lists `DELETE` too). The log's marker wraps each handler, inside its
/// policy (a route's last `wrap` is the policy's).
// actix-web's macro keeps the handler's `pub` on the function it moves into the route's
// `register`, where it reaches nothing; the route's struct is the public item.
#[allow(unreachable_pub)]
pub mod macros {
    use actix_web::middleware::from_fn;
    use actix_web::{delete, get, put};
    use examples::actix::log::mark_handler_called;
    use typed_cors::cors;

    /// `GET`: anyone may read.
    #[cors(origins = ["*"])]
    #[get("/t/per-method-macros", wrap = "from_fn(mark_handler_called)")]
    pub async fn read() -> &'static str {
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
    #[put("/t/per-method-macros", wrap = "from_fn(mark_handler_called)")]
    pub async fn update() -> &'static str {
        "updated"
    }

    /// `DELETE`: only the partner.
    #[cors(origins = ["http://127.0.0.1:8702"], methods = [DELETE], max_age = 600)]
    #[delete("/t/per-method-macros", wrap = "from_fn(mark_handler_called)")]
    pub async fn remove() -> &'static str {
        "removed"
    }

    /// `PUT` at `/t/per-method-bare-macros`: no request header, its answer cached.
    #[cors(
        origins = ["http://127.0.0.1:8701"],
        credentials,
        methods = [PUT, DELETE],
        max_age = 600
    )]
    #[put("/t/per-method-bare-macros", wrap = "from_fn(mark_handler_called)")]
    pub async fn bare_update() -> &'static str {
        "updated"
    }

    /// `DELETE` at `/t/per-method-bare-macros`: only the partner.
    #[cors(origins = ["http://127.0.0.1:8702"], methods = [DELETE], max_age = 600)]
    #[delete("/t/per-method-bare-macros", wrap = "from_fn(mark_handler_called)")]
    pub async fn bare_remove() -> &'static str {
        "removed"
    }

    #[cfg(test)]
    mod tests {
        use typed_cors::CorsPolicy;

        /// The same policies as the axum handlers'.
        #[test]
        fn the_policies_are_the_per_method_ones() {
            use super::super::{per_method_read, per_method_remove, per_method_update};
            assert!(*super::read::policy() == *per_method_read::policy());
            assert!(*super::update::policy() == *per_method_update::policy());
            assert!(*super::remove::policy() == *per_method_remove::policy());
            use super::super::per_method_bare_update;
            assert!(*super::bare_update::policy() == *per_method_bare_update::policy());
            assert!(*super::bare_remove::policy() == *per_method_remove::policy());
        }
    }
}
