//! Issue 10 over TCP: every refusal is logged with its reason (a `tracing` subscriber
//! installed for the whole process, since the server runs on the runtime's threads),
//! and nothing of it reaches the client: no reason in any response header or body, and
//! `refuse_disallowed`'s `403` stays empty.

use std::sync::{Arc, Mutex, OnceLock};

use axum::Router;
use axum::routing::get;
use reqwest::Method;
use tests::serve;
use tracing::field::{Field, Visit};
use tracing::{Event, Subscriber};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};
use typed_cors::{CorsLayer, CorsPolicy};

/// Every `typed_cors` event of the process: its `reason` and `origin` fields.
type Events = Arc<Mutex<Vec<(String, String)>>>;

struct Recorder(Events);

#[derive(Default)]
struct Fields {
    reason: String,
    origin: String,
}

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "reason" {
            value.clone_into(&mut self.reason);
        }
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "origin" {
            // Displayed values arrive here; `{:?}` of a `Display` argument is its text.
            self.origin = format!("{value:?}");
        }
    }
}

impl<S: Subscriber> Layer<S> for Recorder {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "typed_cors" {
            let mut fields = Fields::default();
            event.record(&mut fields);
            self.0.lock().unwrap().push((fields.reason, fields.origin));
        }
    }
}

fn events() -> &'static Events {
    static EVENTS: OnceLock<Events> = OnceLock::new();
    EVENTS.get_or_init(|| {
        let events = Events::default();
        let subscriber =
            Registry::default().with(Recorder(events.clone()).with_filter(LevelFilter::DEBUG));
        tracing::subscriber::set_global_default(subscriber).expect("one subscriber");
        events
    })
}

#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app.example.com"],
    credentials,
    methods = [PUT],
    allow_headers = ["content-type"],
    refuse_disallowed,
)]
struct Strict;

/// The reasons logged for requests carrying this `Origin` (each test uses its own).
fn logged_for(origin: &str) -> Vec<String> {
    let quoted = format!("\"{origin}\"");
    events()
        .lock()
        .unwrap()
        .iter()
        .filter(|(_, o)| *o == quoted)
        .map(|(reason, _)| reason.clone())
        .collect()
}

async fn send(base: &str, method: Method, headers: &[(&str, &str)]) -> (u16, String, String) {
    let mut request = reqwest::Client::new().request(method, base);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let head = format!("{:?}", response.headers()).to_ascii_lowercase();
    (status, head, response.text().await.unwrap())
}

#[tokio::test]
async fn refusals_are_logged_with_their_reason_and_never_sent() {
    events();
    let base = serve(
        Router::new().route(
            "/",
            get(|| async { "handler body" })
                .put(|| async { "handler body" })
                .layer(CorsLayer::of::<Strict>()),
        ),
    )
    .await;
    let app = "https://app.example.com";
    // An allowed origin's refused preflights (method, header) are logged with their
    // reason; the same origin's allowed request is not (it is `trace`).
    let method = send(
        &base,
        Method::OPTIONS,
        &[("origin", app), ("access-control-request-method", "PATCH")],
    )
    .await;
    let header = send(
        &base,
        Method::OPTIONS,
        &[
            ("origin", app),
            ("access-control-request-method", "PUT"),
            ("access-control-request-headers", "x-secret"),
        ],
    )
    .await;
    let allowed = send(&base, Method::GET, &[("origin", app)]).await;
    assert_eq!(
        logged_for(app),
        ["method_not_allowed", "header_not_allowed"]
    );
    // A disallowed origin, refused with 403 before the handler.
    let evil = "https://evil.example";
    let refused = send(&base, Method::PUT, &[("origin", evil)]).await;
    assert_eq!(logged_for(evil), ["origin_not_allowed"]);

    assert_eq!(
        (method.0, header.0, allowed.0, refused.0),
        (204, 204, 200, 403)
    );
    assert_eq!(refused.2, "", "the 403 is empty");
    assert_eq!((method.2.as_str(), header.2.as_str()), ("", ""));
    for (_, head, body) in [&method, &header, &allowed, &refused] {
        for word in ["not allowed", "refused", "patch", "x-secret", "evil"] {
            assert!(!head.contains(word), "{word} in {head}");
            assert!(!body.contains(word), "{word} in {body}");
        }
    }
}

/// A policy without `private_network`, for a public page's origin.
#[derive(CorsPolicy)]
#[cors(origins = ["https://public.example.com"], methods = [PUT])]
struct NotPrivate;

/// A Private Network Access preflight to a policy without `private_network` is refused
/// (its answer lacks `Access-Control-Allow-Private-Network`) and logged with its reason,
/// though the decision does not look at that header for such a policy: only the log
/// does, when a subscriber wants `debug`.
#[tokio::test]
async fn a_private_network_refusal_is_logged_and_never_sent() {
    events();
    let base = serve(Router::new().route(
        "/",
        get(|| async { "handler body" }).layer(CorsLayer::of::<NotPrivate>()),
    ))
    .await;
    let public = "https://public.example.com";
    let (status, head, body) = send(
        &base,
        Method::OPTIONS,
        &[
            ("origin", public),
            ("access-control-request-method", "PUT"),
            ("access-control-request-private-network", "true"),
        ],
    )
    .await;
    assert_eq!(logged_for(public), ["private_network_not_allowed"]);
    assert_eq!((status, body.as_str()), (204, ""));
    assert!(head.contains("access-control-allow-origin"), "{head}");
    assert!(!head.contains("private-network"), "{head}");
    assert!(!head.contains("not allowed"), "{head}");
}
