//! The actix middleware inside real actix-web apps (`init_service`: routing, actix's own
//! `404` and `405`, handler errors), per resource, per scope and app-wide: the answers
//! the tower layer's tests expect.

mod actix_support;
mod support;

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use actix_support::run;
use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::{Method, StatusCode};
use actix_web::test::{TestRequest, call_service, init_service, read_body};
use actix_web::web::Bytes;
use actix_web::{App, Error, HttpResponse, error, web};
use support::{app_policy, public_policy};
use typed_cors::actix::CorsMiddleware;
use typed_cors::{Policy, SharedPolicy, cors};

const APP: &str = "https://app.example.com";
const EVIL: &str = "https://evil.example.net";

/// The `Access-Control-*` headers of an actual request from `APP` under `app_policy()`.
const ALLOWED_ACTUAL: [(&str, &str); 3] = [
    ("access-control-allow-credentials", "true"),
    ("access-control-allow-origin", APP),
    ("access-control-expose-headers", "x-request-id"),
];
const VARY_PREFLIGHT: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

/// A handler that counts its calls.
#[derive(Clone, Default)]
struct Counter(Arc<AtomicUsize>);

impl Counter {
    fn calls(&self) -> usize {
        self.0.load(Ordering::SeqCst)
    }

    fn handler(&self) -> impl Fn() -> std::future::Ready<HttpResponse> + Clone + 'static {
        let calls = self.0.clone();
        move || {
            calls.fetch_add(1, Ordering::SeqCst);
            std::future::ready(HttpResponse::Ok().body("handler body"))
        }
    }
}

/// What a response carries: status, every header line (name, value) sorted, and body.
struct Answer {
    status: StatusCode,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Answer {
    async fn of<B: MessageBody>(response: ServiceResponse<B>) -> Self {
        let status = response.status();
        let mut headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        headers.sort();
        let body = read_body(response).await.to_vec();
        Self {
            status,
            headers,
            body,
        }
    }

    /// The response actix makes of an error (with the mappers middleware added).
    fn of_error(error: Error) -> Self {
        let response = error.error_response();
        let mut headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_owned()))
            .collect();
        headers.sort();
        Self {
            status: response.status(),
            headers,
            body: Vec::new(),
        }
    }

    /// The `Access-Control-*` headers, sorted.
    fn cors(&self) -> Vec<(&str, &str)> {
        self.headers
            .iter()
            .filter(|(n, _)| n.starts_with("access-control-"))
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect()
    }

    /// Every `Vary` line, joined.
    fn vary(&self) -> String {
        let lines: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n == "vary")
            .map(|(_, v)| v.as_str())
            .collect();
        lines.join(", ")
    }
}

fn preflight(uri: &str, origin: &str, method: &str, headers: Option<&str>) -> TestRequest {
    let request = TestRequest::default()
        .method(Method::OPTIONS)
        .uri(uri)
        .insert_header(("origin", origin))
        .insert_header(("access-control-request-method", method));
    match headers {
        Some(headers) => request.insert_header(("access-control-request-headers", headers)),
        None => request,
    }
}

fn get(uri: &str, origin: Option<&str>) -> TestRequest {
    let request = TestRequest::get().uri(uri);
    match origin {
        Some(origin) => request.insert_header(("origin", origin)),
        None => request,
    }
}

/// `/p` with a counting `GET` handler, wrapped per resource.
macro_rules! resource_app {
    ($middleware:expr, $counter:expr) => {
        init_service(
            App::new().service(
                web::resource("/p")
                    .wrap($middleware)
                    .route(web::get().to($counter.handler())),
            ),
        )
        .await
    };
}

/// Sends `request` to `app`, and turns an error into the response actix would send
/// for it (a macro: the app's request type is not nameable without actix-http).
macro_rules! send {
    ($app:expr, $request:expr $(,)?) => {
        match actix_web::test::try_call_service($app, $request.to_request()).await {
            Ok(response) => Answer::of(response).await,
            Err(error) => Answer::of_error(error),
        }
    };
}

#[test]
fn an_allowed_preflight_is_answered_before_routing_reaches_the_handler() {
    run(async {
        let counter = Counter::default();
        let app = resource_app!(CorsMiddleware::new(app_policy()), counter);
        let answer = send!(
            &app,
            preflight("/p", APP, "PUT", Some("content-type,x-request-id")),
        );
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
        assert!(answer.body.is_empty());
        assert_eq!(counter.calls(), 0, "a preflight must not reach the handler");
        assert_eq!(
            answer.cors(),
            [
                ("access-control-allow-credentials", "true"),
                ("access-control-allow-headers", "content-type, x-request-id"),
                ("access-control-allow-methods", "GET, PUT, DELETE"),
                ("access-control-allow-origin", APP),
                ("access-control-max-age", "600"),
            ]
        );
        assert_eq!(answer.vary(), VARY_PREFLIGHT);
    });
}

#[test]
fn a_refused_method_from_an_allowed_origin_names_the_origin_and_the_policy_s_lists() {
    run(async {
        let counter = Counter::default();
        let app = resource_app!(CorsMiddleware::new(app_policy()), counter);
        let answer = send!(&app, preflight("/p", APP, "PATCH", Some("content-type")));
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
        assert_eq!(counter.calls(), 0);
        // No `Max-Age`: a refusal is not cached; the lists say what is allowed instead.
        assert_eq!(
            answer.cors(),
            [
                ("access-control-allow-credentials", "true"),
                ("access-control-allow-headers", "content-type, x-request-id"),
                ("access-control-allow-methods", "GET, PUT, DELETE"),
                ("access-control-allow-origin", APP),
            ]
        );
    });
}

#[test]
fn a_disallowed_origin_s_preflight_gets_no_cors_header() {
    run(async {
        let counter = Counter::default();
        let app = resource_app!(CorsMiddleware::new(app_policy()), counter);
        let answer = send!(&app, preflight("/p", EVIL, "PUT", None));
        assert_eq!(answer.status, StatusCode::NO_CONTENT);
        assert!(answer.cors().is_empty());
        assert_eq!(answer.vary(), VARY_PREFLIGHT);
        assert_eq!(counter.calls(), 0);
    });
}

#[test]
fn actual_requests_are_decorated_only_for_allowed_origins() {
    run(async {
        let counter = Counter::default();
        let app = resource_app!(CorsMiddleware::new(app_policy()), counter);
        let allowed = send!(&app, get("/p", Some(APP)));
        assert_eq!(allowed.status, StatusCode::OK);
        assert_eq!(allowed.body, b"handler body");
        assert_eq!(allowed.cors(), ALLOWED_ACTUAL);
        assert_eq!(allowed.vary(), "Origin");
        let refused = send!(&app, get("/p", Some(EVIL)));
        assert_eq!(refused.status, StatusCode::OK);
        assert!(refused.cors().is_empty());
        assert_eq!(refused.vary(), "Origin");
        let no_origin = send!(&app, get("/p", None));
        assert!(no_origin.cors().is_empty());
        assert_eq!(no_origin.vary(), "Origin");
        assert_eq!(counter.calls(), 3);
    });
}

#[test]
fn a_star_policy_answers_star_with_and_without_origin_and_varies_on_nothing() {
    run(async {
        let counter = Counter::default();
        let app = resource_app!(CorsMiddleware::new(public_policy()), counter);
        for origin in [Some(EVIL), None] {
            let answer = send!(&app, get("/p", origin));
            assert_eq!(answer.cors(), [("access-control-allow-origin", "*")]);
            assert_eq!(answer.vary(), "");
        }
        let preflight = send!(&app, preflight("/p", EVIL, "PATCH", Some("x-a, x-b")));
        assert_eq!(
            preflight.cors(),
            [
                ("access-control-allow-headers", "x-a, x-b"),
                ("access-control-allow-methods", "*"),
                ("access-control-allow-origin", "*"),
            ]
        );
    });
}

#[test]
fn the_handler_s_cors_headers_are_removed_and_vary_is_appended() {
    run(async {
        let app = init_service(
            App::new().service(
                web::resource("/p")
                    .wrap(CorsMiddleware::new(app_policy()))
                    .to(|| async {
                        HttpResponse::Ok()
                            .insert_header(("access-control-allow-origin", "*"))
                            .insert_header(("access-control-expose-headers", "x-secret"))
                            .insert_header(("access-control-x-made-up", "1"))
                            .insert_header(("vary", "Accept-Encoding"))
                            .insert_header(("x-kept", "1"))
                            .finish()
                    }),
            ),
        )
        .await;
        let allowed = send!(&app, get("/p", Some(APP)));
        assert_eq!(allowed.cors(), ALLOWED_ACTUAL);
        assert_eq!(allowed.vary(), "Accept-Encoding, Origin");
        assert!(allowed.headers.contains(&("x-kept".into(), "1".into())));
        let refused = send!(&app, get("/p", Some(EVIL)));
        assert!(refused.cors().is_empty(), "{:?}", refused.headers);
        assert_eq!(refused.vary(), "Accept-Encoding, Origin");
    });
}

#[test]
fn actix_s_own_404_and_405_and_handler_errors_are_decorated() {
    run(async {
        let app = init_service(
            App::new()
                .wrap(CorsMiddleware::new(app_policy()))
                .service(web::resource("/p").route(web::get().to(|| async { "p" })))
                .route(
                    "/fails",
                    web::get().to(|| async {
                        Err::<HttpResponse, Error>(error::ErrorInternalServerError("boom"))
                    }),
                ),
        )
        .await;
        let cases = [
            (get("/missing", Some(APP)), StatusCode::NOT_FOUND),
            (
                TestRequest::post().uri("/p").insert_header(("origin", APP)),
                StatusCode::METHOD_NOT_ALLOWED,
            ),
            (get("/fails", Some(APP)), StatusCode::INTERNAL_SERVER_ERROR),
        ];
        for (request, status) in cases {
            let answer = send!(&app, request);
            assert_eq!(answer.status, status);
            assert_eq!(answer.cors(), ALLOWED_ACTUAL, "{status}");
            assert_eq!(answer.vary(), "Origin", "{status}");
        }
    });
}

#[test]
fn an_inner_middleware_s_error_is_decorated_when_it_becomes_a_response() {
    run(async {
        let app = init_service(
            App::new()
                .wrap_fn(|_request, _service| async {
                    Err::<ServiceResponse, Error>(error::ErrorForbidden("inner"))
                })
                .wrap(CorsMiddleware::new(app_policy()))
                .route("/p", web::get().to(|| async { "p" })),
        )
        .await;
        let answer = send!(&app, get("/p", Some(APP)));
        assert_eq!(answer.status, StatusCode::FORBIDDEN);
        assert_eq!(answer.cors(), ALLOWED_ACTUAL);
        assert_eq!(answer.vary(), "Origin");
    });
}

/// A mark a handler leaves in its response's extensions.
#[derive(Debug, PartialEq)]
struct Marker(u8);

/// The middleware rebuilds the response around the body it puts in an `EitherBody`
/// (`service.rs`, `left`): the handler's error (which actix-web's `Logger` reads) and the
/// response's extensions must reach the middlewares outside it.
#[test]
fn the_inner_response_s_error_and_extensions_reach_the_outer_middlewares() {
    run(async {
        let app = init_service(
            App::new()
                .wrap(CorsMiddleware::new(app_policy()))
                .route(
                    "/fails",
                    web::get().to(|| async {
                        Err::<HttpResponse, Error>(error::ErrorInternalServerError("boom"))
                    }),
                )
                .route(
                    "/marked",
                    web::get().to(|| async {
                        let mut response = HttpResponse::Ok().finish();
                        response.extensions_mut().insert(Marker(7));
                        response
                    }),
                ),
        )
        .await;
        let failed = call_service(&app, get("/fails", Some(APP)).to_request()).await;
        assert_eq!(
            failed
                .response()
                .error()
                .map(ToString::to_string)
                .as_deref(),
            Some("boom")
        );
        let marked = call_service(&app, get("/marked", Some(APP)).to_request()).await;
        assert_eq!(
            marked.response().extensions().get::<Marker>(),
            Some(&Marker(7))
        );
        assert_eq!(
            marked.headers().get("access-control-allow-origin").unwrap(),
            APP
        );
    });
}

/// A body that is not actix-web's `BoxBody`: its bytes streamed as one chunk, its size
/// unknown.
struct Streamed(Option<Bytes>);

impl MessageBody for Streamed {
    type Error = Infallible;

    fn size(&self) -> BodySize {
        BodySize::Stream
    }

    fn poll_next(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Infallible>>> {
        Poll::Ready(self.get_mut().0.take().map(Ok))
    }
}

/// An inner middleware's own body type (not actix-web's `BoxBody`, as an app-wide
/// `Logger`'s or `Compress`'s) goes through the middleware's hand-written body conversion
/// (`service.rs`, `left`): its bytes kept, the response decorated as every other.
#[test]
fn an_inner_middleware_s_own_body_type_is_kept_and_decorated() {
    run(async {
        let app = init_service(
            App::new()
                .wrap_fn(|request, service| {
                    let response = service.call(request);
                    async move {
                        let streamed = Streamed(Some(Bytes::from_static(b"streamed body")));
                        Ok(response.await?.map_body(|_, _| streamed))
                    }
                })
                .wrap(CorsMiddleware::new(app_policy()))
                .route("/p", web::get().to(|| async { "p" })),
        )
        .await;
        let allowed = send!(&app, get("/p", Some(APP)));
        assert_eq!(allowed.status, StatusCode::OK);
        assert_eq!(allowed.body, b"streamed body");
        assert_eq!(allowed.cors(), ALLOWED_ACTUAL);
        assert_eq!(allowed.vary(), "Origin");
        let refused = send!(&app, get("/p", Some(EVIL)));
        assert_eq!(refused.body, b"streamed body");
        assert!(refused.cors().is_empty());
        assert_eq!(refused.vary(), "Origin");
    });
}

#[test]
fn an_options_request_without_request_method_reaches_the_handler() {
    run(async {
        let counter = Counter::default();
        let app = init_service(
            App::new().service(
                web::resource("/p")
                    .wrap(CorsMiddleware::new(app_policy()))
                    .route(web::method(Method::OPTIONS).to(counter.handler())),
            ),
        )
        .await;
        let request = TestRequest::default()
            .method(Method::OPTIONS)
            .uri("/p")
            .insert_header(("origin", APP));
        let answer = send!(&app, request);
        assert_eq!(answer.status, StatusCode::OK);
        assert_eq!(answer.body, b"handler body");
        assert_eq!(counter.calls(), 1);
        assert_eq!(answer.vary(), "Origin");
    });
}

#[test]
fn refuse_disallowed_answers_403_empty_without_the_handler() {
    run(async {
        let counter = Counter::default();
        let policy = Policy::builder()
            .origins([APP])
            .credentials()
            .refuse_disallowed_origins()
            .build()
            .unwrap();
        let app = resource_app!(CorsMiddleware::new(policy), counter);
        let refused = send!(&app, get("/p", Some(EVIL)));
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body.is_empty());
        assert!(refused.cors().is_empty());
        assert_eq!(refused.vary(), "Origin, Sec-Fetch-Site");
        assert_eq!(counter.calls(), 0);
        let same_origin = send!(
            &app,
            get("/p", Some(EVIL)).insert_header(("sec-fetch-site", "same-origin")),
        );
        assert_eq!(same_origin.status, StatusCode::OK);
        assert_eq!(counter.calls(), 1);
    });
}

#[cors(origins = ["https://app.example.com"], methods = [PUT], max_age = 60)]
async fn compiled() -> HttpResponse {
    HttpResponse::Ok().finish()
}

#[test]
fn a_compiled_policy_per_scope_and_its_shared_conversion_answer_alike() {
    run(async {
        let app = init_service(
            App::new()
                .service(
                    web::scope("/compiled")
                        .wrap(CorsMiddleware::of::<compiled>())
                        .route("/p", web::put().to(compiled)),
                )
                .service(
                    web::scope("/shared")
                        .wrap(CorsMiddleware::<SharedPolicy>::from(CorsMiddleware::of::<
                            compiled,
                        >(
                        )))
                        .route("/p", web::put().to(compiled)),
                ),
        )
        .await;
        for scope in ["/compiled/p", "/shared/p"] {
            let answer = send!(&app, preflight(scope, APP, "PUT", None));
            assert_eq!(answer.status, StatusCode::NO_CONTENT);
            assert_eq!(
                answer.cors(),
                [
                    ("access-control-allow-methods", "PUT"),
                    ("access-control-allow-origin", APP),
                    ("access-control-max-age", "60"),
                ],
                "{scope}"
            );
            let refused = send!(&app, preflight(scope, APP, "DELETE", None));
            assert_eq!(
                refused.cors(),
                [
                    ("access-control-allow-methods", "PUT"),
                    ("access-control-allow-origin", APP),
                ],
                "{scope}"
            );
        }
    });
}
