//! Shared helpers: drive a policy through the tower layer with a recording inner service.

#![allow(dead_code, unreachable_pub)]

use std::convert::Infallible;
use std::future::Future;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use cors_policy::{CorsLayer, Policy, PolicyHandle};
use http::{HeaderMap, HeaderName, HeaderValue, Method, Request, Response, StatusCode};
use tower::{Layer, ServiceExt, service_fn};

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
}

/// Sends one request through `CorsLayer::new(policy)` in front of `handler`.
pub fn send(policy: &Policy, handler: &Handler, request: Request<()>) -> Response<String> {
    send_through(CorsLayer::new(policy.clone()), handler, request)
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

/// Every `Access-Control-*` header of the response (each once), sorted by name.
pub fn cors_headers(response: &Response<String>) -> Vec<(&str, &str)> {
    let mut found: Vec<(&str, &str)> = response
        .headers()
        .keys()
        .filter(|name| name.as_str().starts_with("access-control-"))
        .map(|name| (name.as_str(), header(response, name.as_str()).unwrap()))
        .collect();
    found.sort_unstable();
    found
}

/// The credentialed policy of the reference's misconfiguration list.
pub fn app_policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .credentials()
        .methods(["GET", "PUT", "DELETE"])
        .allow_headers(["content-type", "x-request-id"])
        .expose_headers(["x-request-id"])
        .max_age(600)
        .build()
        .unwrap()
}

pub fn public_policy() -> Policy {
    Policy::builder()
        .origins(["*"])
        .methods(["*"])
        .allow_headers(["*"])
        .build()
        .unwrap()
}
