//! Shared helpers: drive a policy through the tower layer with a recording inner service,
//! through both handles users have, and compare what a CORS answer is made of.

#![allow(dead_code, unreachable_pub)]

mod many_origins;
mod policies;

pub use policies::*;

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use tower::{Layer, ServiceExt, service_fn};
use typed_cors::{CorsLayer, Policy, PolicyHandle};

/// What the handler behind the layer does, and how often it ran.
#[derive(Clone, Default)]
pub struct Handler {
    pub status: Option<StatusCode>,
    pub headers: Vec<(&'static str, &'static str)>,
    pub calls: Arc<AtomicUsize>,
}

impl Handler {
    pub fn calls(&self) -> usize {
        self.calls.load(Ordering::SeqCst)
    }

    /// The same handler with a call counter of its own.
    fn fresh(&self) -> Handler {
        Handler {
            calls: Arc::default(),
            ..self.clone()
        }
    }
}

/// Sends one request through both handles of `policy` in front of `handler`: the shared
/// `CorsLayer::new(policy)` and the compiled `CorsLayer::of::<Twin>()` of its
/// `#[derive(CorsPolicy)]` twin (see `policies.rs`). Both must answer the very same
/// response (status, every header line, body) and call the handler as often; `handler`
/// counts the calls of one of them.
pub fn send(policy: &Policy, handler: &Handler, request: Request<()>) -> Response<String> {
    let (shared_handler, compiled_handler) = (handler.fresh(), handler.fresh());
    let copy = copy_request(&request);
    let shared = send_through(CorsLayer::new(policy.clone()), &shared_handler, request);
    let compiled = send_compiled(policy, &compiled_handler, copy);
    assert_eq!(
        (shared.status(), shared.headers(), shared.body()),
        (compiled.status(), compiled.headers(), compiled.body()),
        "CorsLayer::new (left) and CorsLayer::of (right) answer differently for {policy:?}"
    );
    assert_eq!(
        shared_handler.calls(),
        compiled_handler.calls(),
        "handler calls"
    );
    handler
        .calls
        .fetch_add(shared_handler.calls(), Ordering::SeqCst);
    shared
}

/// Sends one request through the compiled layer of `policy`'s twin.
pub fn send_compiled(policy: &Policy, handler: &Handler, request: Request<()>) -> Response<String> {
    with_compiled_twin!(policy, |layer| send_through(layer, handler, request))
}

/// The same request again (`Request` is not `Clone`); the tests set no extensions.
fn copy_request(request: &Request<()>) -> Request<()> {
    let mut copy = Request::new(());
    *copy.method_mut() = request.method().clone();
    *copy.uri_mut() = request.uri().clone();
    *copy.version_mut() = request.version();
    *copy.headers_mut() = request.headers().clone();
    copy
}

/// Sends one request through `layer` in front of `handler`.
pub fn send_through<H: PolicyHandle>(
    layer: CorsLayer<H>,
    handler: &Handler,
    request: Request<()>,
) -> Response<String> {
    let handler = handler.clone();
    let inner = service_fn(move |_request: Request<()>| {
        let handler = handler.clone();
        async move {
            handler.calls.fetch_add(1, Ordering::SeqCst);
            let mut response = Response::new(String::from("handler body"));
            *response.status_mut() = handler.status.unwrap_or(StatusCode::OK);
            for (name, value) in handler.headers {
                response.headers_mut().append(
                    HeaderName::from_static(name),
                    HeaderValue::from_static(value),
                );
            }
            Ok::<_, Infallible>(response)
        }
    });
    let service = layer.layer(inner);
    // The handler above is always ready, so polling with a no-op waker completes the
    // call without a runtime (the property tests send hundreds of thousands).
    let mut call = std::pin::pin!(service.oneshot(request));
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    for _ in 0..16 {
        if let std::task::Poll::Ready(response) = call.as_mut().poll(&mut context) {
            return response.unwrap();
        }
    }
    panic!("the layer did not complete over an always-ready handler")
}

pub fn request(method: Method, headers: &[(&str, &str)]) -> Request<()> {
    let mut request = Request::builder().method(method).uri("/resource");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.body(()).unwrap()
}

pub fn get_from(origin: &str) -> Request<()> {
    request(Method::GET, &[("origin", origin)])
}

pub fn preflight(origin: &str, method: &str, headers: Option<&str>) -> Request<()> {
    let mut list = vec![
        ("origin", origin),
        ("access-control-request-method", method),
    ];
    if let Some(headers) = headers {
        list.push(("access-control-request-headers", headers));
    }
    request(Method::OPTIONS, &list)
}

/// The one value of `name`, as text; panics if repeated.
pub fn header<'a>(response: &'a Response<String>, name: &str) -> Option<&'a str> {
    let mut values = response.headers().get_all(name).iter();
    let first = values.next();
    assert!(
        values.next().is_none(),
        "{name} repeated: {:?}",
        response.headers()
    );
    first.map(|v| v.to_str().unwrap())
}

/// Every `Vary` field line, joined as one list.
pub fn vary(response: &Response<String>) -> String {
    joined(response.headers(), "vary")
}

pub fn joined(headers: &HeaderMap, name: &str) -> String {
    headers
        .get_all(name)
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Whether the response carries any `Access-Control-*` header.
pub fn has_cors_headers(response: &Response<String>) -> bool {
    response
        .headers()
        .keys()
        .any(|name| name.as_str().starts_with("access-control-"))
}

/// What a CORS answer is made of: every `Access-Control-*` header line, sorted by name
/// (a repeated one keeps its lines in order), then every `Vary` line in order.
pub fn cors_and_vary(response: &Response<String>) -> Vec<(&str, &str)> {
    let mut found: Vec<(&str, &str)> = response
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("access-control-") || *name == "vary")
        .map(|(name, value)| (name.as_str(), value.to_str().unwrap()))
        .collect();
    // Stable: `Vary` lines sort after `access-control-*` and keep their order.
    found.sort_by_key(|(name, _)| *name);
    found
}

/// Asserts the complete set of `Access-Control-*` headers and `Vary` lines, in the order
/// of [`cors_and_vary`]: nothing missing, nothing extra.
#[track_caller]
pub fn assert_cors(response: &Response<String>, expected: &[(&str, &str)]) {
    assert_eq!(
        cors_and_vary(response),
        expected,
        "status {}, headers {:?}",
        response.status(),
        response.headers()
    );
}

/// The `Vary` of every preflight answer, allowed or not.
pub const PREFLIGHT_VARY: (&str, &str) = (
    "vary",
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);
