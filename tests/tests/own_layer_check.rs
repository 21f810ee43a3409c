//! Issue 11's last trap, in debug builds: a `#[cors]` handler that runs under no CORS
//! layer, under another policy's layer, or under the router-wide default alone, says so
//! once (a `warn` event, target `typed_cors`, and a line on stderr), without panicking;
//! under its own layer (`CorsLayer::of`, its shared form, the per-method router, the
//! actix middleware of `#[cors]` above a route macro) it says nothing.
//!
//! Each test uses handlers of its own: a handler is reported once per process.

#![cfg(debug_assertions)]

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use axum::routing::get;
use tower::ServiceExt;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};
use typed_cors::{CorsLayer, CorsPolicy, cors};

const APP: &str = "https://app.example.com";

/// A `warn` event of target `typed_cors`: its `handler` field and message.
#[derive(Clone, Debug, PartialEq)]
struct Warning {
    handler: String,
    message: String,
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Warning>>>);

#[derive(Default)]
struct Fields {
    handler: String,
    message: String,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "handler" {
            self.handler = value.to_owned();
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.message = format!("{value:?}");
        }
    }
}

impl<S: Subscriber> Layer<S> for Recorder {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let meta = event.metadata();
        if *meta.level() == Level::WARN && meta.target() == "typed_cors" {
            let mut fields = Fields::default();
            event.record(&mut fields);
            self.0.lock().unwrap().push(Warning {
                handler: fields.handler,
                message: fields.message,
            });
        }
    }
}

/// The warnings emitted while `f` runs on this thread.
fn warnings(f: impl FnOnce()) -> Vec<Warning> {
    let recorder = Recorder::default();
    let subscriber = Registry::default().with(recorder.clone());
    tracing::subscriber::with_default(subscriber, f);
    recorder.0.lock().unwrap().clone()
}

/// Sends `GET /` with an `Origin` through `app`, twice, on this thread.
fn send_twice(app: Router) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    runtime.block_on(async {
        for _ in 0..2 {
            let request = Request::get("/").header("origin", APP).body(Body::empty());
            app.clone().oneshot(request.unwrap()).await.unwrap();
        }
    });
}

/// The one warning about `handler` among `warnings`.
fn only_about(handler: &str, warnings: &[Warning]) -> Warning {
    assert_eq!(warnings.len(), 1, "one warning, once: {warnings:?}");
    assert_eq!(warnings[0].handler, handler);
    warnings[0].clone()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"])]
struct Site;

#[cors(origins = ["https://app.example.com"])]
async fn unlayered() -> &'static str {
    "unlayered"
}

#[test]
fn a_handler_routed_without_a_layer_is_reported_once() {
    let warnings = warnings(|| send_twice(Router::new().route("/", get(unlayered))));
    let warning = only_about("unlayered", &warnings);
    assert!(
        warning
            .message
            .contains("`unlayered` (tests/tests/own_layer_check.rs:")
            && warning
                .message
                .contains("ran, but no CORS layer decided its request")
            && warning
                .message
                .contains("`get(unlayered).layer(CorsLayer::of::<unlayered>())`"),
        "{}",
        warning.message
    );
}

#[cors(origins = ["https://app.example.com"], credentials)]
async fn misrouted() -> &'static str {
    "misrouted"
}

#[cors(origins = ["*"])]
async fn other() -> &'static str {
    "other"
}

#[test]
fn a_handler_under_another_handlers_layer_is_reported() {
    let app = Router::new().route("/", get(misrouted).layer(CorsLayer::of::<other>()));
    let warnings = warnings(|| send_twice(app));
    let warning = only_about("misrouted", &warnings);
    assert!(
        warning
            .message
            .contains("the CORS layer of another policy `other` (tests/tests/own_layer_check.rs:"),
        "{}",
        warning.message
    );
}

#[cors(origins = ["https://app.example.com"])]
async fn defaulted() -> &'static str {
    "defaulted"
}

#[test]
fn a_handler_under_the_router_wide_default_alone_is_reported() {
    let app = Router::new()
        .route("/", get(defaulted))
        .layer(CorsLayer::of::<Site>().as_default().unwrap());
    let warnings = warnings(|| send_twice(app));
    let warning = only_about("defaulted", &warnings);
    assert!(
        warning.message.contains(
            "only the router-wide default policy `Site` (tests/tests/own_layer_check.rs:"
        ),
        "{}",
        warning.message
    );
}

#[cors(origins = ["https://app.example.com"])]
async fn wired() -> &'static str {
    "wired"
}

#[cors(origins = ["https://app.example.com"])]
async fn shared() -> &'static str {
    "shared"
}

#[cors(origins = ["https://app.example.com"], methods = [PUT])]
async fn per_method() -> &'static str {
    "per method"
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"])]
struct Partner;

#[cors(policy = Partner)]
async fn partner() -> &'static str {
    "partner"
}

#[test]
fn handlers_under_their_own_layer_are_not_reported() {
    let shared_layer: CorsLayer = CorsLayer::of::<shared>().into();
    let apps = [
        Router::new().route("/", get(wired).layer(CorsLayer::of::<wired>())),
        Router::new().route("/", get(other).layer(CorsLayer::of::<other>())),
        Router::new().route("/", get(shared).layer(shared_layer)),
        Router::new().route(
            "/",
            typed_cors::axum::get(per_method, CorsLayer::of::<per_method>())
                .put(per_method, CorsLayer::of::<per_method>())
                .into(),
        ),
        // A named policy's layer is the layer of every handler that uses it.
        Router::new().route("/", get(partner).layer(CorsLayer::of::<Partner>())),
        // Its own layer inside the default: its own policy decides.
        Router::new()
            .route("/", get(wired).layer(CorsLayer::of::<wired>()))
            .layer(CorsLayer::of::<Site>().as_default().unwrap()),
    ];
    for app in apps {
        assert_eq!(warnings(|| send_twice(app)), []);
    }
}

#[cors(origins = ["https://app.example.com"])]
async fn called_directly() -> &'static str {
    "direct"
}

#[test]
fn a_direct_call_is_reported_without_panicking() {
    // No exemption for tests: the check cannot tell a test's direct call from a router
    // without the layer. It costs one line, once, and the call goes on.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let warnings = warnings(|| assert_eq!(runtime.block_on(called_directly()), "direct"));
    only_about("called_directly", &warnings);
}

mod actix {
    use actix_web::test::{TestRequest, call_service, init_service};
    use actix_web::{App, HttpResponse, get, web};
    use typed_cors::actix::CorsMiddleware;
    use typed_cors::cors;

    use super::{APP, only_about, warnings};

    #[cors(origins = ["https://app.example.com"])]
    #[get("/")]
    async fn routed() -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    #[cors(origins = ["https://app.example.com"])]
    async fn wrapped() -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    #[cors(origins = ["*"])]
    async fn elsewhere() -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    #[cors(origins = ["https://app.example.com"])]
    async fn wrapped_wrongly() -> HttpResponse {
        HttpResponse::Ok().finish()
    }

    fn run(f: impl std::future::Future<Output = ()>) {
        actix_web::rt::System::new().block_on(f);
    }

    #[test]
    fn the_actix_wirings_of_its_own_policy_are_not_reported() {
        let found = warnings(|| {
            run(async {
                let app = init_service(
                    App::new()
                        .service(routed)
                        .service(
                            web::resource("/wrapped")
                                .wrap(CorsMiddleware::of::<wrapped>())
                                .route(web::get().to(wrapped)),
                        )
                        .service(
                            web::resource("/elsewhere")
                                .wrap(CorsMiddleware::of::<elsewhere>())
                                .route(web::get().to(elsewhere)),
                        ),
                )
                .await;
                for path in ["/", "/wrapped", "/elsewhere"] {
                    let request = TestRequest::get().uri(path).insert_header(("origin", APP));
                    call_service(&app, request.to_request()).await;
                }
            })
        });
        assert_eq!(found, []);
    }

    #[test]
    fn an_actix_handler_under_another_policy_is_reported() {
        let found = warnings(|| {
            run(async {
                let app = init_service(
                    App::new().service(
                        web::resource("/")
                            .wrap(CorsMiddleware::of::<elsewhere>())
                            .route(web::get().to(wrapped_wrongly)),
                    ),
                )
                .await;
                let request = TestRequest::get().uri("/").insert_header(("origin", APP));
                call_service(&app, request.to_request()).await;
            })
        });
        let warning = only_about("wrapped_wrongly", &found);
        assert!(
            warning
                .message
                .contains("the CORS layer of another policy `elsewhere`"),
            "{}",
            warning.message
        );
    }
}
