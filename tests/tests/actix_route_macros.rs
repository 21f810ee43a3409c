//! `#[cors]` above actix-web's route macros (issue 13): `App::new().service(handler)`
//! serves the handler with its policy, and preflights reach the policy of the handler
//! that serves the method they ask for. (`#[get]` above `#[cors]` is a compile error:
//! `ui-tests/ui/actix/`.)

use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::middleware::{Next, from_fn};
use actix_web::test::{TestRequest, init_service, read_body};
use actix_web::{App, Error, HttpResponse, body::MessageBody, error, get, put, route, routes};
use typed_cors::cors;

const APP: &str = "https://app.example.com";
const PARTNER: &str = "https://partner.example.net";
const EVIL: &str = "https://evil.example.net";
const VARY_PREFLIGHT: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

#[cors(origins = ["https://app.example.com"], credentials, methods = [GET], max_age = 600)]
#[get("/profile")]
async fn profile() -> HttpResponse {
    HttpResponse::Ok().body("profile")
}

/// Two handlers of one path, each with its own policy.
#[cors(origins = ["https://app.example.com"], methods = [GET])]
#[get("/item")]
async fn read_item() -> HttpResponse {
    HttpResponse::Ok().body("read")
}

#[cors(origins = ["https://partner.example.net"], credentials, methods = [PUT])]
#[put("/item")]
async fn update_item() -> HttpResponse {
    HttpResponse::Ok().body("updated")
}

/// `#[routes]`, with an `OPTIONS` route of the user's own.
#[cors(origins = ["https://app.example.com"], methods = [GET, POST])]
#[routes]
#[get("/many")]
#[post("/many")]
#[options("/many")]
async fn many() -> HttpResponse {
    HttpResponse::Ok().body("many")
}

#[cors(origins = ["*"], methods = [GET, PATCH])]
#[route("/either", method = "GET", method = "PATCH")]
async fn either() -> HttpResponse {
    HttpResponse::Ok().body("either")
}

/// The user's own middleware: refuses a request without `x-api-key`, as an
/// authentication check would (and would a preflight, which carries no credentials).
async fn require_key(
    request: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if !request.headers().contains_key("x-api-key") {
        return Err(error::ErrorUnauthorized("no key"));
    }
    next.call(request).await
}

#[cors(origins = ["https://app.example.com"], methods = [GET], allow_headers = ["x-api-key"])]
#[get("/secret", wrap = "from_fn(require_key)")]
async fn secret() -> HttpResponse {
    HttpResponse::Ok().body("secret")
}

/// Status, the `Access-Control-*` and `Vary` headers sorted, and the body.
struct Answer {
    status: StatusCode,
    cors: Vec<(String, String)>,
    body: String,
}

async fn send(request: TestRequest) -> Answer {
    let app = init_service(
        App::new()
            .service(profile)
            .service(read_item)
            .service(update_item)
            .service(many)
            .service(either)
            .service(secret),
    )
    .await;
    let response = app.call(request.to_request()).await;
    let response = match response {
        Ok(response) => response,
        Err(error) => {
            let response = error.error_response();
            return answer(response.status(), response.headers(), String::new());
        }
    };
    let (status, headers) = (response.status(), response.headers().clone());
    let body = String::from_utf8(read_body(response).await.to_vec()).unwrap();
    answer(status, &headers, body)
}

fn answer(
    status: StatusCode,
    headers: &actix_web::http::header::HeaderMap,
    body: String,
) -> Answer {
    let mut cors: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("access-control-") || *name == "vary")
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
        .collect();
    cors.sort();
    Answer { status, cors, body }
}

fn headers(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect();
    pairs.sort();
    pairs
}

fn preflight(path: &str, origin: &str, method: &str) -> TestRequest {
    TestRequest::default()
        .method(Method::OPTIONS)
        .uri(path)
        .insert_header(("origin", origin))
        .insert_header(("access-control-request-method", method))
}

fn get_from(path: &str, origin: &str) -> TestRequest {
    TestRequest::get()
        .uri(path)
        .insert_header(("origin", origin))
}

#[actix_web::test]
async fn a_preflight_is_answered_by_the_handlers_policy() {
    let answer = send(preflight("/profile", APP, "GET")).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(
        answer.cors,
        headers(&[
            ("access-control-allow-origin", APP),
            ("access-control-allow-credentials", "true"),
            ("access-control-allow-methods", "GET"),
            ("access-control-max-age", "600"),
            ("vary", VARY_PREFLIGHT),
        ])
    );
    assert_eq!(answer.body, "", "the handler is not called");
}

#[actix_web::test]
async fn an_actual_request_is_decorated() {
    let answer = send(get_from("/profile", APP)).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.body, "profile");
    assert_eq!(
        answer.cors,
        headers(&[
            ("access-control-allow-origin", APP),
            ("access-control-allow-credentials", "true"),
            ("vary", "Origin"),
        ])
    );
}

#[actix_web::test]
async fn a_refused_origin_gets_no_cors_headers() {
    let answer = send(get_from("/profile", EVIL)).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "profile")
    );
    assert_eq!(answer.cors, headers(&[("vary", "Origin")]));

    let answer = send(preflight("/profile", EVIL, "GET")).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(answer.cors, headers(&[("vary", VARY_PREFLIGHT)]));
}

#[actix_web::test]
async fn each_preflight_reaches_the_handler_of_the_method_it_asks_for() {
    // `PUT` is `update_item`'s: its origin and credentials, not `read_item`'s.
    let answer = send(preflight("/item", PARTNER, "PUT")).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert_eq!(
        answer.cors,
        headers(&[
            ("access-control-allow-origin", PARTNER),
            ("access-control-allow-credentials", "true"),
            ("access-control-allow-methods", "PUT"),
            ("vary", VARY_PREFLIGHT),
        ])
    );
    // `read_item`'s origin does not carry over to `PUT`.
    let answer = send(preflight("/item", APP, "PUT")).await;
    assert_eq!(answer.cors, headers(&[("vary", VARY_PREFLIGHT)]));
    let answer = send(preflight("/item", APP, "GET")).await;
    assert_eq!(
        answer.cors,
        headers(&[
            ("access-control-allow-origin", APP),
            ("access-control-allow-methods", "GET"),
            ("vary", VARY_PREFLIGHT),
        ])
    );
    // No handler serves `DELETE` on the path: actix's 404, a refused preflight.
    let answer = send(preflight("/item", APP, "DELETE")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    assert_eq!(answer.cors, headers(&[]));
}

#[actix_web::test]
async fn actual_requests_get_their_own_handlers_policy() {
    let answer = send(
        TestRequest::put()
            .uri("/item")
            .insert_header(("origin", PARTNER)),
    )
    .await;
    assert_eq!(answer.body, "updated");
    assert_eq!(
        answer.cors,
        headers(&[
            ("access-control-allow-origin", PARTNER),
            ("access-control-allow-credentials", "true"),
            ("vary", "Origin"),
        ])
    );
    let answer = send(get_from("/item", PARTNER)).await;
    assert_eq!(answer.body, "read");
    assert_eq!(answer.cors, headers(&[("vary", "Origin")]));
}

#[actix_web::test]
async fn routes_serve_every_method_and_leave_plain_options_to_the_handler() {
    for method in ["GET", "POST"] {
        let answer = send(preflight("/many", APP, method)).await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT, "{method}");
        assert_eq!(answer.body, "", "{method}");
        assert!(
            answer
                .cors
                .contains(&("access-control-allow-origin".into(), APP.into())),
            "{method}"
        );
    }
    let answer = send(
        TestRequest::post()
            .uri("/many")
            .insert_header(("origin", APP)),
    )
    .await;
    assert_eq!(answer.body, "many");
    assert_eq!(
        answer.cors,
        headers(&[("access-control-allow-origin", APP), ("vary", "Origin")])
    );
    // An `OPTIONS` that is no preflight is the handler's own, decorated.
    let answer = send(
        TestRequest::default()
            .method(Method::OPTIONS)
            .uri("/many")
            .insert_header(("origin", APP)),
    )
    .await;
    assert_eq!(answer.body, "many");
    assert_eq!(
        answer.cors,
        headers(&[("access-control-allow-origin", APP), ("vary", "Origin")])
    );
}

#[actix_web::test]
async fn route_with_several_methods_answers_each() {
    for method in ["GET", "PATCH"] {
        let answer = send(preflight("/either", EVIL, method)).await;
        assert_eq!(answer.status, StatusCode::NO_CONTENT, "{method}");
        assert!(
            answer
                .cors
                .contains(&("access-control-allow-origin".into(), "*".into())),
            "{method}: {:?}",
            answer.cors
        );
    }
    let answer = send(preflight("/either", EVIL, "PUT")).await;
    assert_eq!(answer.status, StatusCode::NOT_FOUND);
    let answer = send(
        TestRequest::patch()
            .uri("/either")
            .insert_header(("origin", EVIL)),
    )
    .await;
    assert_eq!(answer.body, "either");
}

#[actix_web::test]
async fn the_policy_is_outside_the_users_own_wrap() {
    // The user's middleware would refuse the preflight (no key); the policy answers it
    // first.
    let answer = send(preflight("/secret", APP, "GET")).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    assert!(
        answer
            .cors
            .contains(&("access-control-allow-origin".into(), APP.into()))
    );
    // Its refusal of the actual request is decorated, so the page can read the 401.
    let answer = send(get_from("/secret", APP)).await;
    assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        answer.cors,
        headers(&[("access-control-allow-origin", APP), ("vary", "Origin")])
    );
    let answer = send(get_from("/secret", APP).insert_header(("x-api-key", "k"))).await;
    assert_eq!(
        (answer.status, answer.body.as_str()),
        (StatusCode::OK, "secret")
    );
}

#[actix_web::test]
async fn the_handler_struct_is_the_policy() {
    use typed_cors::CorsPolicy;
    assert!(profile::POLICY.allows_credentials());
    assert!(!read_item::POLICY.allows_credentials());
}
