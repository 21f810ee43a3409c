//! The trap on actix-web: two `CorsMiddleware`s on one request, the usual way being
//! `App::new().wrap(CorsMiddleware::new(..))` around a `#[cors]` route-macro handler
//! (which carries its own). Debug builds notice it at the first request through both and
//! panic, naming both policies and the route; release builds let the outer one decide
//! alone, with one set of headers (tested here too, for what release does).

use actix_web::dev::Service;
use actix_web::test::{TestRequest, init_service};
use actix_web::{App, HttpResponse, get, web};
use typed_cors::actix::CorsMiddleware;
use typed_cors::{Policy, cors};

#[cors(origins = ["https://app.example.com"], credentials)]
#[get("/items")]
async fn read() -> HttpResponse {
    HttpResponse::Ok().body("read")
}

fn everyone() -> Policy {
    Policy::builder().origins(["*"]).build().unwrap()
}

/// Sends a `GET /items` from the page through `read` inside an app-wide middleware;
/// returns the response's `Access-Control-*` and `Vary` lines.
async fn get_through_both(outer: CorsMiddleware) -> Vec<(String, String)> {
    let app = init_service(App::new().wrap(outer).service(read)).await;
    let request = TestRequest::get()
        .uri("/items")
        .insert_header(("origin", "https://app.example.com"))
        .to_request();
    let response = app.call(request).await.unwrap();
    let mut lines: Vec<(String, String)> = (response.headers().iter())
        .filter(|(n, _)| n.as_str().starts_with("access-control-") || *n == "vary")
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    lines.sort();
    lines
}

#[cfg(debug_assertions)]
#[actix_web::test]
#[should_panic(
    expected = "two CORS policies on one request: a policy built at run time (`CorsMiddleware::new` / `from_static`) (outer middleware) and `read` (tests/tests/actix_stacked.rs:"
)]
async fn debug_builds_name_both_policies_and_the_route() {
    get_through_both(CorsMiddleware::new(everyone())).await;
}

#[cfg(debug_assertions)]
#[actix_web::test]
#[should_panic(expected = "on one request: `read` (tests/tests/actix_stacked.rs:")]
async fn debug_builds_notice_the_same_policy_twice() {
    get_through_both(CorsMiddleware::of::<read>().into()).await;
}

/// A single middleware is no stack: the route's own, with nothing around it.
#[actix_web::test]
async fn one_middleware_per_request_passes() {
    let app = init_service(
        App::new().service(read).service(
            web::resource("/other")
                .wrap(CorsMiddleware::new(everyone()))
                .to(HttpResponse::Ok),
        ),
    )
    .await;
    for path in ["/items", "/other"] {
        let request = TestRequest::get()
            .uri(path)
            .insert_header(("origin", "https://app.example.com"))
            .to_request();
        assert!(
            app.call(request).await.unwrap().status().is_success(),
            "{path}"
        );
    }
}

/// What release builds do: the outer middleware decides, with one set of headers and one
/// `Vary` (the same in debug builds without the check: tried). Here that widens the
/// handler's policy (the page's origin, with credentials) to any origin: why debug builds
/// refuse to run it.
#[cfg(not(debug_assertions))]
#[actix_web::test]
async fn release_builds_let_the_outer_middleware_decide_alone() {
    let lines = get_through_both(CorsMiddleware::new(everyone())).await;
    assert_eq!(
        lines,
        [
            ("access-control-allow-origin".to_owned(), "*".to_owned()),
            ("vary".to_owned(), "Origin".to_owned()),
        ]
    );
}
