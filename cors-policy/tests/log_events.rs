//! The log events of issue 10: one `debug` event per refused CORS request under the
//! target `typed_cors`, with structured fields; `trace` for allowed requests; nothing
//! for a subscriber that filters them out. Captured with a recording subscriber layer.

#![cfg(feature = "tracing")]

#[cfg(feature = "actix")]
mod actix_support;
mod support;

use std::sync::{Arc, Mutex};

use support::*;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::filter::LevelFilter;
use tracing_subscriber::layer::{Context, SubscriberExt};
use tracing_subscriber::{Layer, Registry};
use typed_cors::{CorsLayer, CorsPolicy};

/// One captured event: its level, target and fields, as text.
#[derive(Clone, Debug)]
struct Captured {
    level: Level,
    target: String,
    fields: Vec<(String, String)>,
}

impl Captured {
    fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Captured>>>);

struct Fields<'a>(&'a mut Vec<(String, String)>);

impl Visit for Fields<'_> {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }
    fn record_u64(&mut self, field: &Field, value: u64) {
        self.0.push((field.name().to_owned(), value.to_string()));
    }
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

impl<S: Subscriber> Layer<S> for Recorder {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Vec::new();
        event.record(&mut Fields(&mut fields));
        self.0.lock().unwrap().push(Captured {
            level: *event.metadata().level(),
            target: event.metadata().target().to_owned(),
            fields,
        });
    }
}

/// Runs `f` with a subscriber that records events up to `level`.
fn capture(level: LevelFilter, f: impl FnOnce()) -> Vec<Captured> {
    let recorder = Recorder::default();
    let subscriber = Registry::default().with(recorder.clone().with_filter(level));
    tracing::subscriber::with_default(subscriber, f);
    recorder.0.lock().unwrap().clone()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], credentials, methods = [PUT])]
struct Logged;
/// The line of `#[cors(...)]` above, where the policy is written (the log names it).
const LOGGED_LINE: u32 = line!() - 3;

#[test]
fn each_refused_request_is_one_debug_event_with_its_reason() {
    let handler = Handler::default();
    let cases = [
        (
            get_from("https://evil.example"),
            "origin_not_allowed",
            "\"https://evil.example\"",
        ),
        (get_from("null"), "null_origin", "\"null\""),
        (
            preflight("https://app.example.com", "PATCH", None),
            "method_not_allowed",
            "\"https://app.example.com\"",
        ),
        (
            preflight("https://app.example.com", "PUT", Some("x-secret")),
            "header_not_allowed",
            "\"https://app.example.com\"",
        ),
    ];
    for (request, reason, origin) in cases {
        let events = capture(LevelFilter::DEBUG, || {
            send_through(CorsLayer::of::<Logged>(), &handler, request);
        });
        assert_eq!(events.len(), 1, "{reason}: {events:?}");
        let event = &events[0];
        assert_eq!(event.level, Level::DEBUG);
        assert_eq!(event.target, "typed_cors");
        assert_eq!(event.field("reason"), Some(reason));
        assert_eq!(event.field("origin"), Some(origin));
        let message = event.field("message").unwrap();
        assert!(message.starts_with("CORS request refused: "), "{message}");
        // Which policy refused: the macro records the named policy and where it is.
        assert_eq!(event.field("policy"), Some("Logged"));
        assert!(
            event
                .field("policy_file")
                .unwrap()
                .ends_with("log_events.rs")
        );
        assert_eq!(
            event.field("policy_line"),
            Some(LOGGED_LINE.to_string().as_str())
        );
    }
    // A compiled layer converted into the shared type keeps the name; a policy built at
    // run time has none.
    let shared: CorsLayer = CorsLayer::of::<Logged>().into();
    let events = capture(LevelFilter::DEBUG, || {
        send_through(shared, &handler, get_from("https://evil.example"));
    });
    assert_eq!(events[0].field("policy"), Some("Logged"));
    let events = capture(LevelFilter::DEBUG, || {
        send_through(
            CorsLayer::new(Logged::POLICY),
            &handler,
            get_from("https://evil.example"),
        );
    });
    assert_eq!(events[0].field("policy"), Some(""));
    let events = capture(LevelFilter::DEBUG, || {
        send_through(
            CorsLayer::of::<Logged>(),
            &handler,
            preflight("https://app.example.com", "PATCH", Some("x-a,x-b")),
        );
    });
    assert_eq!(events[0].field("method"), Some("OPTIONS"));
    assert_eq!(events[0].field("request_method"), Some("\"PATCH\""));
    assert_eq!(events[0].field("request_headers"), Some("\"x-a,x-b\""));
}

#[test]
fn allowed_requests_are_traced_only_and_requests_without_origin_are_not_refusals() {
    let handler = Handler::default();
    let allowed = || get_from("https://app.example.com");
    let events = capture(LevelFilter::DEBUG, || {
        send_through(CorsLayer::of::<Logged>(), &handler, allowed());
        send_through(
            CorsLayer::of::<Logged>(),
            &handler,
            request(http::Method::GET, &[]),
        );
    });
    assert!(events.is_empty(), "{events:?}");
    let events = capture(LevelFilter::TRACE, || {
        send_through(CorsLayer::of::<Logged>(), &handler, allowed());
    });
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].level, Level::TRACE);
    assert_eq!(
        events[0].field("message"),
        Some("CORS request allowed: origin \"https://app.example.com\" is listed")
    );
}

/// A Private Network Access preflight to a policy without `private_network` is refused
/// (the answer lacks `Access-Control-Allow-Private-Network`), although the decision
/// itself does not look at that header for such a policy: the log finds the reason and
/// records it at `debug`, like every other refusal, through every edge that logs.
#[test]
fn a_private_network_refusal_is_a_debug_event() {
    let handler = Handler::default();
    let asking = |private_network: bool| {
        let mut list = vec![
            ("origin", "https://app.example.com"),
            ("access-control-request-method", "PUT"),
        ];
        if private_network {
            list.push(("access-control-request-private-network", "true"));
        }
        request(http::Method::OPTIONS, &list)
    };
    let compiled = |request| {
        send_through(CorsLayer::of::<Logged>(), &handler, request);
    };
    let built = |request| {
        send_through(CorsLayer::new(Logged::POLICY), &handler, request);
    };
    let decide = |request: http::Request<()>| {
        let _ = Logged::POLICY.decide(request.method(), request.headers());
    };
    #[allow(unused_mut)] // without the feature `actix`
    let mut edges: Vec<(&str, &Edge<'_>)> = vec![
        ("compiled layer", &compiled),
        ("built layer", &built),
        ("router-wide default", &through_default),
        ("Policy::decide", &decide),
    ];
    // The middleware asks the plan alone before converting actix's headers for the log.
    #[cfg(feature = "actix")]
    let (compiled_actix, built_actix) = {
        use typed_cors::actix::CorsMiddleware;
        (
            |request| {
                actix_support::send_actix(CorsMiddleware::of::<Logged>(), &handler, request);
            },
            |request| {
                actix_support::send_actix(CorsMiddleware::new(Logged::POLICY), &handler, request);
            },
        )
    };
    #[cfg(feature = "actix")]
    edges.extend([
        ("compiled actix middleware", &compiled_actix as &Edge),
        ("built actix middleware", &built_actix),
    ]);
    for (edge, send) in edges {
        let events = capture(LevelFilter::DEBUG, || send(asking(true)));
        assert_eq!(events.len(), 1, "{edge}: {events:?}");
        assert_eq!(events[0].level, Level::DEBUG, "{edge}");
        assert_eq!(
            events[0].field("reason"),
            Some("private_network_not_allowed"),
            "{edge}"
        );
        let message = events[0].field("message").unwrap();
        assert!(
            message.starts_with("CORS request refused: a Private Network Access preflight"),
            "{edge}: {message}"
        );
        // The same preflight without the header is allowed: nothing at `debug`.
        let events = capture(LevelFilter::DEBUG, || send(asking(false)));
        assert!(events.is_empty(), "{edge}: {events:?}");
    }
}

/// One edge that decides a request and logs the decision.
type Edge<'a> = dyn Fn(http::Request<()>) + 'a;

/// Sends `request` through a router-wide default of `Logged` in front of a handler.
fn through_default(request: http::Request<()>) {
    use std::future::Future;
    use tower::{Layer, ServiceExt, service_fn};

    let default = CorsLayer::of::<Logged>().as_default().unwrap();
    let inner = service_fn(|_request: http::Request<()>| async {
        Ok::<_, std::convert::Infallible>(http::Response::new(String::new()))
    });
    let service = default.layer(inner);
    let mut call = std::pin::pin!(service.oneshot(request));
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    assert!(call.as_mut().poll(&mut context).is_ready());
}

#[test]
fn a_filtered_out_level_records_nothing() {
    let handler = Handler::default();
    let events = capture(LevelFilter::INFO, || {
        send_through(
            CorsLayer::of::<Logged>(),
            &handler,
            get_from("https://evil.example"),
        );
    });
    assert!(events.is_empty());
}

/// A header value cannot hold a newline or an escape character, but it can hold a tab
/// and any byte from 0x80 up, such as a right-to-left override that reorders what a
/// terminal shows: every such byte is escaped.
#[test]
fn crafted_origins_cannot_forge_log_lines() {
    let handler = Handler::default();
    let mut crafted = request(http::Method::GET, &[]);
    crafted.headers_mut().insert(
        "origin",
        http::HeaderValue::from_bytes(b"https://x\t\xe2\x80\xae.example\"").unwrap(),
    );
    let events = capture(LevelFilter::DEBUG, || {
        send_through(CorsLayer::new(Logged::POLICY), &handler, crafted);
    });
    let origin = events[0].field("origin").unwrap();
    assert_eq!(origin, "\"https://x\\x09\\xe2\\x80\\xae.example\\\"\"");
    let message = events[0].field("message").unwrap();
    assert!(message.is_ascii() && !message.contains('\t'), "{message}");
    // U+202E is valid UTF-8: the origin is merely not allowed.
    assert_eq!(events[0].field("reason"), Some("origin_not_allowed"));
    let mut not_utf8 = request(http::Method::GET, &[]);
    not_utf8.headers_mut().insert(
        "origin",
        http::HeaderValue::from_bytes(b"https://\xff.example").unwrap(),
    );
    let events = capture(LevelFilter::DEBUG, || {
        send_through(CorsLayer::new(Logged::POLICY), &handler, not_utf8);
    });
    assert_eq!(events[0].field("reason"), Some("origin_not_utf8"));
    assert_eq!(events[0].field("origin"), Some("\"https://\\xff.example\""));
}

/// A router-wide default logs the requests it decides, once it knows no route's own
/// policy did.
#[test]
fn a_router_wide_default_logs_what_it_decides() {
    let events = capture(LevelFilter::DEBUG, || {
        through_default(get_from("https://evil.example"));
    });
    assert_eq!(events.len(), 1, "{events:?}");
    assert_eq!(events[0].field("reason"), Some("origin_not_allowed"));
    assert_eq!(events[0].field("policy"), Some("Logged"));
    let message = events[0].field("message").unwrap();
    assert!(message.ends_with("(router-wide default)"), "{message}");
}
