//! The actix rows, on actix-web's own request, response and service types: the actix
//! floor, actix-cors, and ours as an actix middleware (`CorsMiddleware`).
//!
//! An actix-web middleware takes a `ServiceRequest` (which holds an `HttpRequest` with
//! app data and a pooled head) and returns a `ServiceResponse`, with actix's own header
//! map. Converting `http::Request`s into those would charge the actix rows for
//! actix-web's request machinery, so instead they run natively, driven the same way
//! (`poll_ready`, `call`, one poll with a no-op waker), and the ratios comparable with
//! the tower rows are those against the actix floor (the same hand-written work as
//! [`crate::floor`], as an actix middleware).

mod floor;
mod ours;
mod peer;

use std::future::{Future, Ready, ready};
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    ACCEPT, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD, CACHE_CONTROL,
    CONTENT_TYPE, HOST, HeaderValue, ORIGIN, USER_AGENT,
};
use actix_web::http::{Method, StatusCode};
use actix_web::test::TestRequest;
use actix_web::{Error, HttpResponse};
use bytes::Bytes;

pub use floor::floor_row;
pub use ours::{ours_built_row, ours_row};
pub use peer::{cors, cors_row};

use crate::inner::InnerResponse;
use crate::row::{Row, Summary, summarize_parts};
use crate::scenario::Scenario;

fn shared(text: &str) -> HeaderValue {
    let buffer = Bytes::copy_from_slice(text.as_bytes());
    HeaderValue::from_maybe_shared(buffer.slice(..)).expect("valid header value")
}

/// The scenario's request as an actix `ServiceRequest`, with the same headers.
pub fn request(scenario: Scenario) -> ServiceRequest {
    let mut request = TestRequest::default()
        .method(if scenario.is_preflight() {
            Method::OPTIONS
        } else {
            Method::GET
        })
        .uri("/api/profile")
        .insert_header((HOST, shared("api.example.com")))
        .insert_header((USER_AGENT, shared("Mozilla/5.0 (X11; Linux x86_64) bench")))
        .insert_header((ACCEPT, shared("*/*")));
    if let Some(origin) = scenario.origin() {
        request = request.insert_header((ORIGIN, shared(&origin)));
    }
    if scenario.is_preflight() {
        request = request
            .insert_header((ACCESS_CONTROL_REQUEST_METHOD, shared("PUT")))
            .insert_header((
                ACCESS_CONTROL_REQUEST_HEADERS,
                shared("content-type,x-request-id"),
            ));
    }
    request.to_srv_request()
}

/// The trivial inner service, on actix's types.
#[derive(Clone, Copy, Debug)]
pub struct ActixEcho(pub InnerResponse);

const TEXT: HeaderValue = HeaderValue::from_static("text/plain; charset=utf-8");
const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");

impl Service<ServiceRequest> for ActixEcho {
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Future = Ready<Result<ServiceResponse<BoxBody>, Error>>;

    fn poll_ready(&self, _: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let mut response = HttpResponse::new(StatusCode::OK);
        if self.0 == InnerResponse::WithHeaders {
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, TEXT);
            headers.insert(CACHE_CONTROL, NO_STORE);
        }
        ready(Ok(request.into_response(response)))
    }
}

/// Sends `request` through an actix `service`, exactly as [`crate::drive::drive`] does
/// for tower services.
#[inline]
pub fn drive<S: Service<ServiceRequest>>(service: &S, request: ServiceRequest) -> S::Response {
    let mut cx = Context::from_waker(Waker::noop());
    match service.poll_ready(&mut cx) {
        Poll::Ready(Ok(())) => {}
        _ => panic!("service not ready"),
    }
    let future = pin!(service.call(request));
    match future.poll(&mut cx) {
        Poll::Ready(Ok(response)) => response,
        _ => panic!("service did not answer at once"),
    }
}

/// The output of a future that is ready at once (a `Transform`'s, here).
fn ready_now<F: Future>(future: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("not ready"),
    }
}

/// The inner service alone, on actix's types (the allocation baseline).
pub fn inner_row(scenario: Scenario, inner: InnerResponse) -> impl Row {
    ActixRow::new(ActixEcho(inner), scenario)
}

/// A row on actix's types.
struct ActixRow<S: Service<ServiceRequest>> {
    service: S,
    scenario: Scenario,
    requests: Vec<ServiceRequest>,
    responses: Vec<S::Response>,
}

impl<S: Service<ServiceRequest>> ActixRow<S> {
    fn new(service: S, scenario: Scenario) -> Self {
        Self {
            service,
            scenario,
            requests: Vec::new(),
            responses: Vec::new(),
        }
    }
}

impl<S, B> Row for ActixRow<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>>,
{
    fn prepare(&mut self, n: usize) {
        self.requests.clear();
        self.requests.extend((0..n).map(|_| request(self.scenario)));
        self.responses.reserve(n);
    }

    #[inline(never)]
    fn run(&mut self) {
        for request in self.requests.drain(..) {
            self.responses.push(drive(&self.service, request));
        }
    }

    fn finish(&mut self) -> Option<Summary> {
        let summary = self.responses.first().map(|r| {
            summarize_parts(
                r.status().as_u16(),
                r.headers().iter().map(|(k, v)| (k.as_str(), v.as_bytes())),
            )
        });
        self.responses.clear();
        summary
    }
}
