//! Drives the actix middleware the way `support::send_through` drives the tower layer:
//! an `http` request in, an `http` response out, so that the layer's checks run
//! unchanged against the middleware.

#![allow(dead_code, unreachable_pub)]

use std::future::Future;
use std::sync::atomic::Ordering;

use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform, fn_service};
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use actix_web::{Error, HttpResponse};
use http::{HeaderName, HeaderValue, Request, Response};
use typed_cors::PolicyHandle;
use typed_cors::actix::CorsMiddleware;

use crate::support::Handler;

/// Sends one request through `middleware` in front of `handler` (a plain actix service
/// standing for the routed handler), without a runtime: the handler is always ready.
pub fn send_actix<H: PolicyHandle>(
    middleware: CorsMiddleware<H>,
    handler: &Handler,
    request: Request<()>,
) -> Response<String> {
    let handler = handler.clone();
    let inner = fn_service(move |request: ServiceRequest| {
        let handler = handler.clone();
        async move {
            handler.calls.fetch_add(1, Ordering::SeqCst);
            let status = handler.status.map_or(200, |s| s.as_u16());
            let mut response = HttpResponse::new(StatusCode::from_u16(status).unwrap());
            for (name, value) in handler.headers {
                response.headers_mut().append(
                    actix_web::http::header::HeaderName::from_static(name),
                    actix_web::http::header::HeaderValue::from_static(value),
                );
            }
            Ok::<_, Error>(request.into_response(response.set_body("handler body")))
        }
    });
    let service = ready_now(middleware.new_transform(inner)).unwrap();
    let response = ready_now(service.call(to_actix(request))).unwrap();
    from_actix(response)
}

/// The `http` request as an actix one, every header line kept in order.
pub fn to_actix(request: Request<()>) -> ServiceRequest {
    let method = actix_web::http::Method::from_bytes(request.method().as_str().as_bytes()).unwrap();
    let mut actix = TestRequest::default().method(method).uri("/resource");
    for (name, value) in request.headers() {
        actix = actix.append_header((
            name.as_str(),
            actix_web::http::header::HeaderValue::from_bytes(value.as_bytes()).unwrap(),
        ));
    }
    actix.to_srv_request()
}

/// The actix response as an `http` one (the headers and status; the body is not
/// looked at through this path).
pub fn from_actix<B>(response: ServiceResponse<B>) -> Response<String> {
    let mut out = Response::new(String::new());
    *out.status_mut() = http::StatusCode::from_u16(response.status().as_u16()).unwrap();
    for (name, value) in response.headers() {
        out.headers_mut().append(
            HeaderName::from_bytes(name.as_str().as_bytes()).unwrap(),
            HeaderValue::from_bytes(value.as_bytes()).unwrap(),
        );
    }
    out
}

fn ready_now<F: Future>(future: F) -> F::Output {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match std::pin::pin!(future).poll(&mut context) {
        std::task::Poll::Ready(output) => output,
        std::task::Poll::Pending => panic!("the middleware did not complete at once"),
    }
}

/// Runs `future` on an actix system (for `init_service` and servers).
pub fn run<F: Future>(future: F) -> F::Output {
    actix_web::rt::System::new().block_on(future)
}
