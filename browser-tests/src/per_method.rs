//! One path, three handlers, three policies (issue 11), under `/t/per-method` (wired with
//! `cors_policy::axum`) and, as the control, `/t/one-policy` (the same handlers under one
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

use std::convert::Infallible;

use axum::Router;
use axum::handler::Handler;
use axum::middleware::from_fn;
use axum::routing::{MethodRouter, get};
use cors_policy::{CorsLayer, cors};
use examples::log::mark_handler_called;

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

/// The suite's per-method endpoints.
pub fn routes() -> Router {
    // The log's marker wraps each handler, inside its policy: preflights, answered
    // without a handler, must show none called.
    let marked = || from_fn(mark_handler_called);
    let per_method: MethodRouter = cors_policy::axum::get(
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
