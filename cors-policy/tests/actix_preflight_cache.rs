//! The actix preflight-cache hole (issue 13), closed: a narrowed middleware's answer that
//! allows request headers says `Access-Control-Max-Age: 0` exactly when a handler that
//! may share its URL serves any method under another policy (a browser reuses the cached
//! header names for every method: a `GET`, `HEAD` or `POST` needs nothing more, and,
//! under Fetch and Firefox, another method needs only its own cached answer), in
//! both per-handler forms: `resource_for` and `#[cors]` above actix-web's route macros.
//! Otherwise it keeps the policy's own `max_age`.
//!
//! Every narrowed middleware of this process records itself (`actix/siblings.rs`), and
//! tests run side by side: each test has paths of its own, which no other test's may
//! match (the registry compares patterns from the last segment back, a parameter
//! matching any), so that no test's siblings are another's.

use std::future::Future;

use actix_web::http::Method;
use actix_web::test::{TestRequest, call_service, init_service};
use actix_web::{App, HttpResponse, delete, post, put, routes, web};
use typed_cors::actix::{CorsMiddleware, method_guard, resource_for};
use typed_cors::cors;

const APP: &str = "https://app.example.com";

fn run<F: Future>(future: F) -> F::Output {
    actix_web::rt::System::new().block_on(future)
}

/// Allows the request header `x-token` for the page, with credentials.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token"], max_age = 600)]
async fn update() -> HttpResponse {
    HttpResponse::Ok().body("updated")
}

/// The same policy as `update`'s, written again.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token"], max_age = 600)]
async fn update_twin() -> HttpResponse {
    HttpResponse::Ok().body("updated too")
}

/// Allows no request header.
#[cors(origins = ["https://app.example.com"], methods = [PUT], max_age = 600)]
async fn update_bare() -> HttpResponse {
    HttpResponse::Ok().body("updated")
}

/// Anyone may read; no request header.
#[cors(origins = ["*"])]
async fn read() -> HttpResponse {
    HttpResponse::Ok().body("read")
}

/// `DELETE` for the page, same `max_age`, no request header: another policy.
#[cors(origins = ["https://app.example.com"], credentials, methods = [DELETE], max_age = 600)]
async fn remove() -> HttpResponse {
    HttpResponse::Ok().body("removed")
}

/// The preflight of a `PUT` with `x-token` from the page.
fn put_preflight(uri: &str) -> TestRequest {
    TestRequest::default()
        .method(Method::OPTIONS)
        .uri(uri)
        .insert_header(("origin", APP))
        .insert_header(("access-control-request-method", "PUT"))
        .insert_header(("access-control-request-headers", "x-token"))
}

/// The answer's status, `Access-Control-Allow-Methods` and `Access-Control-Max-Age`.
macro_rules! answer {
    ($app:expr, $uri:expr) => {{
        let response = call_service($app, put_preflight($uri).to_request()).await;
        let header =
            |name| (response.headers().get(name)).map(|v| v.to_str().expect("ascii").to_owned());
        (
            response.status().as_u16(),
            header("access-control-allow-methods"),
            header("access-control-max-age"),
        )
    }};
}

fn uncached() -> (u16, Option<String>, Option<String>) {
    (204, Some("PUT".to_owned()), Some("0".to_owned()))
}

fn cached() -> (u16, Option<String>, Option<String>) {
    (204, Some("PUT".to_owned()), Some("600".to_owned()))
}

#[test]
fn resource_for_an_answer_allowing_headers_beside_another_policys_post_is_uncached() {
    run(async {
        let app = init_service(
            App::new()
                .service(
                    resource_for(
                        "/rf/beside-post",
                        [Method::POST],
                        CorsMiddleware::of::<read>(),
                    )
                    .to(read),
                )
                .service(
                    resource_for(
                        "/rf/beside-post",
                        [Method::PUT],
                        CorsMiddleware::of::<update>(),
                    )
                    .to(update),
                ),
        )
        .await;
        assert_eq!(answer!(&app, "/rf/beside-post"), uncached());
    });
}

#[test]
fn resource_for_one_policy_for_the_path_keeps_caching() {
    run(async {
        let app = init_service(
            App::new()
                .service(
                    resource_for(
                        "/one/one-policy",
                        [Method::GET, Method::HEAD],
                        CorsMiddleware::of::<update>(),
                    )
                    .to(update),
                )
                // An equal policy, written for another handler, is the same policy.
                .service(
                    resource_for(
                        "/one/one-policy",
                        [Method::POST],
                        CorsMiddleware::of::<update_twin>(),
                    )
                    .to(update_twin),
                )
                .service(
                    resource_for(
                        "/one/one-policy",
                        [Method::PUT],
                        CorsMiddleware::of::<update>(),
                    )
                    .to(update),
                ),
        )
        .await;
        assert_eq!(answer!(&app, "/one/one-policy"), cached());
    });
}

#[test]
fn an_answer_allowing_no_request_header_keeps_caching() {
    run(async {
        let app = init_service(
            App::new()
                .service(
                    resource_for(
                        "/bare/no-header",
                        [Method::GET],
                        CorsMiddleware::of::<read>(),
                    )
                    .to(read),
                )
                .service(
                    resource_for(
                        "/bare/no-header",
                        [Method::PUT],
                        CorsMiddleware::of::<update_bare>(),
                    )
                    .to(update_bare),
                ),
        )
        .await;
        let preflight = TestRequest::default()
            .method(Method::OPTIONS)
            .uri("/bare/no-header")
            .insert_header(("origin", APP))
            .insert_header(("access-control-request-method", "PUT"));
        let response = call_service(&app, preflight.to_request()).await;
        assert_eq!(response.status().as_u16(), 204);
        assert_eq!(
            response.headers().get("access-control-max-age").unwrap(),
            "600"
        );
    });
}

#[test]
fn another_policys_get_on_another_path_leaves_the_answer_cached() {
    run(async {
        let app = init_service(
            App::new()
                .service(
                    resource_for("/apart/tasks", [Method::GET], CorsMiddleware::of::<read>())
                        .to(read),
                )
                .service(
                    resource_for(
                        "/apart/alone",
                        [Method::PUT],
                        CorsMiddleware::of::<update>(),
                    )
                    .to(update),
                ),
        )
        .await;
        assert_eq!(answer!(&app, "/apart/alone"), cached());
    });
}

#[test]
fn a_sibling_in_a_scope_is_still_a_sibling() {
    run(async {
        // `/in-scope` in `scope("/scoped")` is `/scoped/in-scope`: the registry does not
        // know the prefix, and compares the patterns from their last segment back. (The
        // root's resource comes first: a request that the scope takes goes to the scope
        // only.)
        let app = init_service(
            App::new()
                .service(
                    resource_for(
                        "/scoped/in-scope",
                        [Method::PUT],
                        CorsMiddleware::of::<update>(),
                    )
                    .to(update),
                )
                .service(
                    web::scope("/scoped").service(
                        resource_for("/in-scope", [Method::POST], CorsMiddleware::of::<read>())
                            .to(read),
                    ),
                ),
        )
        .await;
        assert_eq!(answer!(&app, "/scoped/in-scope"), uncached());
    });
}

#[test]
fn parameters_of_other_names_are_siblings() {
    run(async {
        let app = init_service(
            App::new()
                .service(
                    resource_for("/param/{id}", [Method::PUT], CorsMiddleware::of::<update>())
                        .to(update),
                )
                .service(
                    resource_for("/param/{name}", [Method::GET], CorsMiddleware::of::<read>())
                        .to(read),
                ),
        )
        .await;
        assert_eq!(answer!(&app, "/param/7"), uncached());
    });
}

#[test]
fn a_middleware_not_told_its_path_counts_every_path() {
    run(async {
        // `for_methods` alone: a `GET` of another policy anywhere makes it uncached.
        let app = init_service(
            App::new()
                .service(
                    resource_for("/nowhere/read", [Method::GET], CorsMiddleware::of::<read>())
                        .to(read),
                )
                .service(
                    web::resource("/nowhere/unplaced")
                        .guard(method_guard([Method::PUT]))
                        .wrap(CorsMiddleware::of::<update>().for_methods([Method::PUT]))
                        .to(update),
                ),
        )
        .await;
        assert_eq!(answer!(&app, "/nowhere/unplaced"), uncached());
    });
}

/// The route-macro form: `PUT` under `update`'s policy, `POST` under another.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token"], max_age = 600)]
#[put("/macros/beside-post")]
async fn macro_update() -> HttpResponse {
    HttpResponse::Ok().body("updated")
}

#[cors(origins = ["*"])]
#[post("/macros/beside-post")]
async fn macro_post() -> HttpResponse {
    HttpResponse::Ok().body("posted")
}

/// One handler, one policy, for `GET` and `PUT` of its path.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token"], max_age = 600)]
#[routes]
#[get("/macros1/one-handler")]
#[put("/macros1/one-handler")]
async fn macro_both() -> HttpResponse {
    HttpResponse::Ok().body("both")
}

/// Alone on its path; `macro_elsewhere_post` has another policy on another path.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token"], max_age = 600)]
#[put("/macros2/alone")]
async fn macro_alone() -> HttpResponse {
    HttpResponse::Ok().body("alone")
}

#[cors(origins = ["*"])]
#[post("/macros2/tasks")]
async fn macro_elsewhere_post() -> HttpResponse {
    HttpResponse::Ok().body("posted")
}

#[test]
fn route_macros_an_answer_allowing_headers_beside_another_policys_post_is_uncached() {
    run(async {
        let app = init_service(App::new().service(macro_post).service(macro_update)).await;
        assert_eq!(answer!(&app, "/macros/beside-post"), uncached());
    });
}

#[test]
fn route_macros_one_policy_for_the_path_or_no_sibling_keeps_caching() {
    run(async {
        let app = init_service(
            App::new()
                .service(macro_both)
                .service(macro_alone)
                .service(macro_elsewhere_post),
        )
        .await;
        assert_eq!(answer!(&app, "/macros1/one-handler"), cached());
        assert_eq!(answer!(&app, "/macros2/alone"), cached());
    });
}

/// Fetch matches a cached answer's methods and its header names independently ("method
/// cache entry match", "header-name cache entry match"), as Firefox does: `PUT`'s answer
/// caches `PUT` and `x-token`, `DELETE`'s own caches `DELETE`, and a `DELETE` with
/// `x-token` then goes unasked to `remove`, whose policy never allowed `x-token`. So
/// `PUT`'s answer goes uncached beside a handler of any method with another policy.
/// Chromium keeps one entry per URL, replaced by each answer, and cannot show this.
#[test]
fn resource_for_an_answer_allowing_headers_beside_another_policys_delete_is_uncached() {
    run(async {
        let app = init_service(
            App::new()
                .service(
                    resource_for(
                        "/rf/beside-delete",
                        [Method::DELETE],
                        CorsMiddleware::of::<remove>(),
                    )
                    .to(remove),
                )
                .service(
                    resource_for(
                        "/rf/beside-delete",
                        [Method::PUT],
                        CorsMiddleware::of::<update>(),
                    )
                    .to(update),
                ),
        )
        .await;
        assert_eq!(answer!(&app, "/rf/beside-delete"), uncached());
    });
}

/// The route-macro form of the `PUT`/`DELETE` case above.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token"], max_age = 600)]
#[put("/macros3/beside-delete")]
async fn macro_update_beside_delete() -> HttpResponse {
    HttpResponse::Ok().body("updated")
}

#[cors(origins = ["https://app.example.com"], credentials, methods = [DELETE], max_age = 600)]
#[delete("/macros3/beside-delete")]
async fn macro_delete() -> HttpResponse {
    HttpResponse::Ok().body("removed")
}

#[test]
fn route_macros_an_answer_allowing_headers_beside_another_policys_delete_is_uncached() {
    run(async {
        let app = init_service(
            App::new()
                .service(macro_delete)
                .service(macro_update_beside_delete),
        )
        .await;
        assert_eq!(answer!(&app, "/macros3/beside-delete"), uncached());
    });
}
