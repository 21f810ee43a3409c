//! `typed_cors::axum`: one path, several handlers, each with its own policy; preflights
//! routed by the method they ask for.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode};
use tower::ServiceExt;
use typed_cors::{CorsLayer, cors};

const APP: &str = "https://app.example.com";
const ADMIN: &str = "https://admin.example.com";

#[cors(origins = ["*"], allow_headers = ["x-trace"])]
async fn read() -> &'static str {
    "read"
}

/// Lists `DELETE` too, as a copied policy might: the path's answer must not.
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT, DELETE], max_age = 600)]
async fn update() -> &'static str {
    "updated"
}

#[cors(origins = ["https://admin.example.com"], methods = [DELETE], max_age = 600)]
async fn remove() -> &'static str {
    "removed"
}

#[cors(origins = ["https://admin.example.com"], methods = [OPTIONS])]
async fn describe() -> &'static str {
    "described"
}

#[cors(origins = ["https://app.example.com"], allow_headers = ["x-trace"])]
async fn head_only() -> &'static str {
    ""
}

fn items() -> Router {
    Router::new().route(
        "/items",
        typed_cors::axum::get(read, CorsLayer::of::<read>())
            .put(update, CorsLayer::of::<update>())
            .delete(remove, CorsLayer::of::<remove>())
            .into(),
    )
}

async fn send(
    app: Router,
    method: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::builder()
        .method(Method::from_bytes(method.as_bytes()).unwrap())
        .uri("/items");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = app
        .oneshot(request.body(Body::empty()).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, 1 << 16).await.unwrap();
    (
        parts.status,
        parts.headers,
        String::from_utf8(body.to_vec()).unwrap(),
    )
}

async fn preflight(app: Router, origin: &str, method: &str) -> (StatusCode, HeaderMap, String) {
    send(
        app,
        "OPTIONS",
        &[
            ("origin", origin),
            ("access-control-request-method", method),
        ],
    )
    .await
}

fn one<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let mut values = headers.get_all(name).iter();
    let first = values.next().map(|v| v.to_str().unwrap());
    assert!(values.next().is_none(), "{name} is repeated: {headers:?}");
    first
}

fn refused(headers: &HeaderMap) -> bool {
    headers
        .keys()
        .all(|n| !n.as_str().starts_with("access-control-"))
        && one(headers, "vary")
            == Some("Origin, Access-Control-Request-Method, Access-Control-Request-Headers")
}

#[tokio::test]
async fn each_actual_request_gets_its_own_handlers_policy() {
    let (status, headers, body) = send(items(), "GET", &[("origin", ADMIN)]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "read"));
    assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));

    let (_, headers, body) = send(items(), "PUT", &[("origin", APP)]).await;
    assert_eq!(body, "updated");
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        one(&headers, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(one(&headers, "vary"), Some("Origin"));

    let (_, headers, _) = send(items(), "PUT", &[("origin", ADMIN)]).await;
    assert_eq!(one(&headers, "access-control-allow-origin"), None);

    let (_, headers, body) = send(items(), "DELETE", &[("origin", ADMIN)]).await;
    assert_eq!(body, "removed");
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(one(&headers, "access-control-allow-credentials"), None);
}

#[tokio::test]
async fn each_preflight_gets_the_policy_of_the_handler_for_its_method() {
    let (status, headers, _) = preflight(items(), APP, "PUT").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        one(&headers, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(one(&headers, "access-control-max-age"), Some("600"));

    let (_, headers, _) = preflight(items(), APP, "DELETE").await;
    assert!(
        refused(&headers),
        "DELETE's policy refuses the app: {headers:?}"
    );

    let (_, headers, _) = preflight(items(), ADMIN, "DELETE").await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(
        one(&headers, "access-control-allow-methods"),
        Some("DELETE")
    );

    let (_, headers, _) = preflight(items(), ADMIN, "PUT").await;
    assert!(
        refused(&headers),
        "PUT's policy refuses the admin: {headers:?}"
    );

    // A preflighted GET (a non-safelisted header) gets `read`'s `*` policy.
    let (_, headers, _) = send(
        items(),
        "OPTIONS",
        &[
            ("origin", ADMIN),
            ("access-control-request-method", "GET"),
            ("access-control-request-headers", "x-trace"),
        ],
    )
    .await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));
    assert_eq!(
        one(&headers, "access-control-allow-headers"),
        Some("x-trace")
    );
}

#[tokio::test]
async fn an_answer_lists_only_methods_that_share_its_policy() {
    // `update` lists PUT and DELETE, but DELETE has a handler with another policy: a
    // cached answer for PUT must not cover it.
    let (_, headers, _) = preflight(items(), APP, "PUT").await;
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PUT"));
}

/// A preflight for a method no handler serves is refused. From an origin that a policy
/// of the path allows, the answer is that policy's refusal of the method (the first
/// handler written whose policy allows the origin): its origin and methods, never the
/// method asked for, and no `Max-Age`, so that the browser's console names the method
/// instead of saying the origin has no `Access-Control-Allow-Origin`.
#[tokio::test]
async fn a_method_without_a_handler_gets_a_refused_preflight() {
    let repeated = [
        ("origin", APP),
        ("access-control-request-method", "PUT"),
        ("access-control-request-method", "PUT"),
    ];
    // `read` (GET, any origin, no method beyond the safelisted ones, which need no
    // `Access-Control-Allow-Methods`) is written first: its answer.
    for method in ["PATCH", "POST", "put", "PROPFIND", ""] {
        let (status, headers, _) = preflight(items(), APP, method).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{method}");
        assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));
        assert_eq!(one(&headers, "access-control-allow-methods"), None);
        assert_eq!(one(&headers, "access-control-max-age"), None, "{method}");
    }
    // Repeated headers are ambiguous: refused.
    let (_, headers, _) = send(items(), "OPTIONS", &repeated).await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));
    assert_eq!(one(&headers, "access-control-max-age"), None);

    // Without a policy for every origin: the policy that allows the origin answers, and
    // an origin none allows gets no CORS header at all.
    let narrow = || {
        Router::new().route(
            "/items",
            typed_cors::axum::put(update, CorsLayer::of::<update>())
                .delete(remove, CorsLayer::of::<remove>())
                .into(),
        )
    };
    let (_, headers, _) = preflight(narrow(), APP, "PATCH").await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(
        one(&headers, "access-control-allow-credentials"),
        Some("true")
    );
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PUT"));
    assert_eq!(one(&headers, "access-control-max-age"), None);
    let (_, headers, _) = preflight(narrow(), ADMIN, "PATCH").await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(ADMIN));
    assert_eq!(
        one(&headers, "access-control-allow-methods"),
        Some("DELETE")
    );
    for origin in ["https://evil.example", "null"] {
        let (status, headers, _) = preflight(narrow(), origin, "PATCH").await;
        assert_eq!(status, StatusCode::NO_CONTENT);
        assert!(refused(&headers), "{origin}: {headers:?}");
    }
    let (_, headers, _) = send(narrow(), "OPTIONS", &repeated).await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(one(&headers, "access-control-max-age"), None);

    // A method the answering policy itself allows (`POST`, safelisted) with a header it
    // allows: no `Access-Control-Allow-Headers`, so that the browser fails the preflight
    // and caches no header name for the URL, which `PUT`'s or `DELETE`'s requests would
    // then use without asking their own policies.
    for asked in ["x-trace", "content-type"] {
        let (_, headers, _) = send(
            items(),
            "OPTIONS",
            &[
                ("origin", APP),
                ("access-control-request-method", "POST"),
                ("access-control-request-headers", asked),
            ],
        )
        .await;
        assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));
        assert_eq!(
            one(&headers, "access-control-allow-headers"),
            None,
            "{asked}"
        );
    }
}

#[cors(origins = ["https://app.example.com"], methods = ["*"])]
async fn patch_any() -> &'static str {
    "patched"
}

/// A method the answer would list but for its case is refused with no
/// `Access-Control-Allow-Methods` at all (a Chromium that uppercases methods would accept
/// the list), also when the list is a `*` policy's narrowed to the route's methods.
#[tokio::test]
async fn a_method_served_but_for_its_case_is_answered_without_methods() {
    let star = || {
        Router::new().route(
            "/items",
            typed_cors::axum::patch(patch_any, CorsLayer::of::<patch_any>()).into(),
        )
    };
    let (_, headers, _) = preflight(star(), APP, "PATCH").await;
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PATCH"));
    for method in ["patch", "Patch"] {
        let (status, headers, _) = preflight(star(), APP, method).await;
        assert_eq!(status, StatusCode::NO_CONTENT, "{method}");
        assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
        assert_eq!(
            one(&headers, "access-control-allow-methods"),
            None,
            "{method}: {headers:?}"
        );
        assert_eq!(one(&headers, "access-control-max-age"), None, "{method}");
    }
    // Another method it does not serve: the route's methods, so the console names it.
    let (_, headers, _) = preflight(star(), APP, "PROPFIND").await;
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PATCH"));
}

#[tokio::test]
async fn head_follows_gets_handler_unless_it_has_its_own() {
    let (_, headers, _) = send(
        items(),
        "OPTIONS",
        &[
            ("origin", ADMIN),
            ("access-control-request-method", "HEAD"),
            ("access-control-request-headers", "x-trace"),
        ],
    )
    .await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));
    let (status, headers, _) = send(items(), "HEAD", &[("origin", ADMIN)]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));

    let with_head = || {
        Router::new().route(
            "/items",
            typed_cors::axum::get(read, CorsLayer::of::<read>())
                .head(head_only, CorsLayer::of::<head_only>())
                .into(),
        )
    };
    let preflight_head = [
        ("origin", ADMIN),
        ("access-control-request-method", "HEAD"),
        ("access-control-request-headers", "x-trace"),
    ];
    let (_, headers, _) = send(with_head(), "OPTIONS", &preflight_head).await;
    assert!(
        refused(&headers),
        "HEAD's own policy refuses the admin: {headers:?}"
    );
    let (_, headers, _) = send(with_head(), "HEAD", &[("origin", ADMIN)]).await;
    assert_eq!(one(&headers, "access-control-allow-origin"), None);
}

#[tokio::test]
async fn options_without_a_requested_method_reaches_the_options_handler() {
    let with_options = Router::new().route(
        "/items",
        typed_cors::axum::get(read, CorsLayer::of::<read>())
            .options(describe, CorsLayer::of::<describe>())
            .into(),
    );
    let (status, headers, body) = send(with_options.clone(), "OPTIONS", &[("origin", ADMIN)]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "described"));
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(ADMIN));
    // A preflight asking for OPTIONS gets the OPTIONS handler's policy, not the handler.
    let (status, headers, body) = preflight(with_options.clone(), ADMIN, "OPTIONS").await;
    assert_eq!((status, body.as_str()), (StatusCode::NO_CONTENT, ""));
    assert_eq!(
        one(&headers, "access-control-allow-methods"),
        Some("OPTIONS")
    );
    let (_, headers, _) = preflight(with_options, ADMIN, "GET").await;
    assert_eq!(one(&headers, "access-control-allow-origin"), Some("*"));

    // Without an OPTIONS handler: axum's 405, with its `Allow`.
    let (status, headers, _) = send(items(), "OPTIONS", &[("origin", APP)]).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(one(&headers, "allow"), Some("GET,HEAD,PUT,DELETE"));
    let (status, _, _) = send(items(), "PATCH", &[("origin", APP)]).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn preflights_never_reach_a_handler() {
    let calls = Arc::new(AtomicUsize::new(0));
    let counted = {
        let calls = calls.clone();
        move || {
            let calls = calls.clone();
            async move {
                calls.fetch_add(1, Ordering::SeqCst);
                "counted"
            }
        }
    };
    let app = Router::new().route(
        "/items",
        typed_cors::axum::put(counted.clone(), CorsLayer::of::<update>())
            .options(counted, CorsLayer::of::<describe>())
            .into(),
    );
    for method in ["PUT", "OPTIONS", "DELETE"] {
        preflight(app.clone(), APP, method).await;
    }
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    send(app, "PUT", &[("origin", APP)]).await;
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn state_reaches_the_handlers() {
    #[cors(origins = ["https://app.example.com"], methods = [PUT])]
    async fn stateful(
        axum::extract::State(name): axum::extract::State<&'static str>,
    ) -> &'static str {
        name
    }
    let app: Router = Router::new()
        .route(
            "/items",
            typed_cors::axum::put(stateful, CorsLayer::of::<stateful>()).into(),
        )
        .with_state("state");
    let (_, headers, body) = send(app.clone(), "PUT", &[("origin", APP)]).await;
    assert_eq!(body, "state");
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    let (_, headers, _) = preflight(app, APP, "PUT").await;
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PUT"));
}

/// A fallback added to the converted router gets only the methods the router cannot
/// route (extension methods, `TRACE`, `CONNECT`), never the preflights (it took them
/// when the preflight answer sat in the fallback: every preflight of the path was then
/// refused silently) nor a method the router routes or answers with `405`.
#[tokio::test]
async fn a_fallback_added_after_conversion_gets_only_the_other_methods() {
    let route: axum::routing::MethodRouter = typed_cors::axum::get(read, CorsLayer::of::<read>())
        .put(update, CorsLayer::of::<update>())
        .into();
    let app = Router::new().route("/items", route.fallback(|| async { "fallback" }));
    let (status, headers, body) = preflight(app.clone(), APP, "PUT").await;
    assert_eq!((status, body.as_str()), (StatusCode::NO_CONTENT, ""));
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PUT"));
    let (status, _, body) = send(app.clone(), "PROPFIND", &[("origin", APP)]).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "fallback"));
    let (status, headers, _) = send(app, "PATCH", &[("origin", APP)]).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(one(&headers, "allow"), Some("GET,HEAD,PUT"));
}

/// An `OPTIONS` handler added after conversion would take the preflights: axum refuses
/// the overlapping route when the router is built, instead of it failing silently.
#[test]
#[should_panic(expected = "Overlapping method route")]
fn an_options_handler_added_after_conversion_is_refused_when_building() {
    let route: axum::routing::MethodRouter =
        typed_cors::axum::get(read, CorsLayer::of::<read>()).into();
    let _ = route.options(|| async { "options" });
}

/// The hole review 2 of the preflight cache found: a handler the router does not know
/// of is invisible to its cached answers, so a `POST` added after `.into()` could
/// receive, without a preflight, a header name that `PUT`'s cached answer allowed
/// (Fetch caches header names per origin and URL, for every method). Every method the
/// router can route is now its own, so adding one after conversion panics when the
/// router is built, as axum's overlapping routes do.
#[test]
#[should_panic(expected = "Overlapping method route")]
fn a_handler_added_after_conversion_is_refused_when_building() {
    let route: axum::routing::MethodRouter =
        typed_cors::axum::put(store, CorsLayer::of::<store>()).into();
    let _ = route.post(create);
}

/// The same handler given by a second `Router::route` on the path (axum merges the two
/// method routers): refused when the router is built.
#[test]
#[should_panic(expected = "Overlapping method route")]
fn a_second_route_on_the_same_path_is_refused_when_building() {
    let _: Router = Router::new()
        .route(
            "/notes",
            typed_cors::axum::put(store, CorsLayer::of::<store>()).into(),
        )
        .route("/notes", axum::routing::post(create));
}

/// `HEAD` goes to `GET`'s handler, as axum sends it, but explicitly: a `HEAD` handler
/// added after conversion is refused too.
#[test]
#[should_panic(expected = "Overlapping method route")]
fn a_head_handler_added_after_conversion_is_refused_when_building() {
    let route: axum::routing::MethodRouter =
        typed_cors::axum::get(read, CorsLayer::of::<read>()).into();
    let _ = route.head(|| async { "head" });
}

/// A `405` for a method no handler serves says which ones are routed (RFC 9110 requires
/// `Allow` on a `405`), the same list for every method of the path: `OPTIONS` is not
/// in it (only preflights are answered), unless an `OPTIONS` handler is routed.
#[tokio::test]
async fn method_not_allowed_lists_the_routed_methods() {
    for method in ["OPTIONS", "PATCH", "POST", "TRACE", "PROPFIND"] {
        let (status, headers, _) = send(items(), method, &[]).await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert_eq!(
            one(&headers, "allow"),
            Some("GET,HEAD,PUT,DELETE"),
            "{method}"
        );
    }
    let with_options: Router = Router::new().route(
        "/items",
        typed_cors::axum::put(update, CorsLayer::of::<update>())
            .options(describe, CorsLayer::of::<describe>())
            .into(),
    );
    let (status, headers, _) = send(with_options, "GET", &[]).await;
    assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(one(&headers, "allow"), Some("PUT,OPTIONS"));
}

#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], allow_headers = ["x-token", "content-type"], max_age = 600)]
async fn store() -> &'static str {
    "stored"
}

#[cors(origins = ["https://admin.example.com"], credentials)]
async fn create() -> &'static str {
    "created"
}

/// The hole an adversarial review found: a preflight answer's request-header names are
/// cached per origin and URL for every method, and a `POST` (like `GET` and `HEAD`) needs
/// nothing else, so `PUT`'s cached answer allowing `x-token` let the page send a
/// credentialed JSON `POST` with `x-token` to `create`, whose policy refuses the page,
/// without asking. Such an answer is not cached (`Max-Age: 0`); with no such handler,
/// or one under the same policy, it keeps its `Max-Age`.
#[tokio::test]
async fn an_answer_that_would_cover_another_handlers_post_is_not_cached() {
    let with_post = Router::new().route(
        "/items",
        typed_cors::axum::put(store, CorsLayer::of::<store>())
            .post(create, CorsLayer::of::<create>())
            .into(),
    );
    let (status, headers, _) = preflight(with_post, APP, "PUT").await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    assert_eq!(one(&headers, "access-control-allow-origin"), Some(APP));
    assert_eq!(one(&headers, "access-control-allow-methods"), Some("PUT"));
    assert_eq!(one(&headers, "access-control-max-age"), Some("0"));

    let shared = Router::new().route(
        "/items",
        typed_cors::axum::put(store, CorsLayer::of::<store>())
            .post(store, CorsLayer::of::<store>())
            .into(),
    );
    let (_, headers, _) = preflight(shared, APP, "PUT").await;
    assert_eq!(one(&headers, "access-control-max-age"), Some("600"));

    let alone = Router::new().route(
        "/items",
        typed_cors::axum::put(store, CorsLayer::of::<store>()).into(),
    );
    let (_, headers, _) = preflight(alone, APP, "PUT").await;
    assert_eq!(one(&headers, "access-control-max-age"), Some("600"));
}
