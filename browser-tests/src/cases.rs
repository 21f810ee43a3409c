//! API endpoints that only the suite needs, each with its own policy, under `/t/`.
//!
//! | endpoint | policy |
//! | --- | --- |
//! | `PUT /t/cached` | page origin, `x-case` header, `max_age = 600` |
//! | `PUT /t/uncached` | page origin, `x-case` header, `max_age = 0` |
//! | `PUT /t/default-cache` | page origin, `x-case` header, no `max_age` |
//! | `PATCH /t/patch` | page origin, `methods = ["PATCH"]` |
//! | `PUT /t/mixed-case` | page origin, `allow_headers = ["X-Mixed-Case"]` |
//! | `GET /t/status/{code}` | page origin; answers with status `code` |
//! | `PUT /t/any-header` | page origin, `allow_headers = ["*"]`, `max_age = 600` |
//! | `OPTIONS /t/options` | page origin, `methods = ["OPTIONS"]`: an `OPTIONS` that is not a preflight reaches its handler |
//!
//! [`routes`] serves them on axum, [`configure_actix`] on actix-web, under the same
//! policies (the handlers' `#[cors]`).

use std::convert::Infallible;

use axum::Router;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::middleware::from_fn;
use axum::routing::{MethodRouter, get, options, patch, put};
use examples::actix::resources::with_cors as actix_cors;
use examples::log::mark_handler_called;
use typed_cors::{CorsLayer, PolicyHandle, cors};

// The page origin is `examples::PAGE_ORIGIN`; attributes take literals only.

/// `PUT /t/cached`: preflights may be cached for 600 s.
#[cors(
    origins = ["http://127.0.0.1:8701"],
    methods = [PUT],
    allow_headers = ["x-case"],
    max_age = 600
)]
pub async fn cached() -> &'static str {
    "stored"
}

/// `PUT /t/uncached`: preflights must not be cached.
#[cors(
    origins = ["http://127.0.0.1:8701"],
    methods = [PUT],
    allow_headers = ["x-case"],
    max_age = 0
)]
pub async fn uncached() -> &'static str {
    "stored"
}

/// `PUT /t/default-cache`: no `max_age`, so browsers use their default.
#[cors(
    origins = ["http://127.0.0.1:8701"],
    methods = [PUT],
    allow_headers = ["x-case"]
)]
pub async fn default_cache() -> &'static str {
    "stored"
}

/// `PATCH /t/patch`.
#[cors(origins = ["http://127.0.0.1:8701"], methods = ["PATCH"])]
pub async fn patched() -> &'static str {
    "patched"
}

/// `PUT /t/mixed-case`: the policy spells the header in mixed case.
#[cors(origins = ["http://127.0.0.1:8701"], methods = [PUT], allow_headers = ["X-Mixed-Case"])]
pub async fn mixed_case() -> &'static str {
    "header names match case-insensitively"
}

/// `GET /t/status/{code}`: a handler failing with `code`.
#[cors(origins = ["http://127.0.0.1:8701"])]
pub async fn status(Path(code): Path<u16>) -> (StatusCode, &'static str) {
    (
        StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        "failed on purpose",
    )
}

/// `PUT /t/any-header`: any request header but `Authorization` (Fetch's `*`), with the
/// preflight cached, so that a cached answer can be seen not to cover `Authorization`.
#[cors(origins = ["http://127.0.0.1:8701"], methods = [PUT], allow_headers = ["*"], max_age = 600)]
pub async fn any_header() -> &'static str {
    "any header but authorization"
}

/// `OPTIONS /t/options`: the actual `OPTIONS` request (after its preflight, which asks
/// for `OPTIONS`) reaches this handler.
#[cors(origins = ["http://127.0.0.1:8701"], methods = ["OPTIONS"])]
pub async fn options_reached() -> &'static str {
    "options reached the handler"
}

/// `GET /t/status/{code}` on actix-web: the handler returns an error with status `code`,
/// which actix turns into the response (its own error path, not a response the handler
/// made).
pub async fn status_actix(
    code: actix_web::web::Path<u16>,
) -> Result<&'static str, actix_web::Error> {
    let status = actix_web::http::StatusCode::from_u16(code.into_inner())
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR);
    Err(actix_web::error::InternalError::new("failed on purpose", status).into())
}

fn with_cors<H: PolicyHandle>(route: MethodRouter, cors: CorsLayer<H>) -> MethodRouter {
    route
        .layer::<_, Infallible>(from_fn(mark_handler_called))
        .layer::<_, Infallible>(cors)
}

/// The suite's own endpoints, to merge with the demo API's.
pub fn routes() -> Router {
    Router::new()
        .route(
            "/t/cached",
            with_cors(put(cached), CorsLayer::of::<cached>()),
        )
        .route(
            "/t/uncached",
            with_cors(put(uncached), CorsLayer::of::<uncached>()),
        )
        .route(
            "/t/default-cache",
            with_cors(put(default_cache), CorsLayer::of::<default_cache>()),
        )
        .route(
            "/t/patch",
            with_cors(patch(patched), CorsLayer::of::<patched>()),
        )
        .route(
            "/t/mixed-case",
            with_cors(put(mixed_case), CorsLayer::of::<mixed_case>()),
        )
        .route(
            "/t/status/{code}",
            with_cors(get(status), CorsLayer::of::<status>()),
        )
        .route(
            "/t/any-header",
            with_cors(put(any_header), CorsLayer::of::<any_header>()),
        )
        .route(
            "/t/options",
            with_cors(options(options_reached), CorsLayer::of::<options_reached>()),
        )
}

/// The suite's own endpoints on actix-web, each resource under its handler's policy.
pub fn configure_actix(config: &mut actix_web::web::ServiceConfig) {
    use actix_web::web::{self, resource};
    config
        .service(actix_cors::<cached>(
            resource("/t/cached").route(web::put().to(cached)),
        ))
        .service(actix_cors::<uncached>(
            resource("/t/uncached").route(web::put().to(uncached)),
        ))
        .service(actix_cors::<default_cache>(
            resource("/t/default-cache").route(web::put().to(default_cache)),
        ))
        .service(actix_cors::<patched>(
            resource("/t/patch").route(web::patch().to(patched)),
        ))
        .service(actix_cors::<mixed_case>(
            resource("/t/mixed-case").route(web::put().to(mixed_case)),
        ))
        .service(actix_cors::<status>(
            resource("/t/status/{code}").route(web::get().to(status_actix)),
        ))
        .service(actix_cors::<any_header>(
            resource("/t/any-header").route(web::put().to(any_header)),
        ))
        .service(actix_cors::<options_reached>(
            resource("/t/options").route(
                web::route()
                    .method(actix_web::http::Method::OPTIONS)
                    .to(options_reached),
            ),
        ));
}

#[cfg(test)]
mod tests {
    use typed_cors::CorsPolicy;

    use super::*;

    #[test]
    fn policies_name_the_page_origin() {
        let page = examples::PAGE_ORIGIN.as_bytes();
        assert!(cached::policy().allows_origin(page));
        assert!(uncached::policy().allows_origin(page));
        assert!(default_cache::policy().allows_origin(page));
        assert!(patched::policy().allows_origin(page));
        assert!(mixed_case::policy().allows_origin(page));
        assert!(status::policy().allows_origin(page));
        assert!(any_header::policy().allows_origin(page));
        assert!(options_reached::policy().allows_origin(page));
        assert!(!status::policy().allows_origin(examples::PARTNER_ORIGIN.as_bytes()));
    }
}
