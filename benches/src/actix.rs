//! actix-cors and an actix floor, on actix-web's own request, response and service types.
//!
//! actix-cors is an actix-web middleware: it takes a `ServiceRequest` (which holds an
//! `HttpRequest` with app data and a pooled head) and returns a `ServiceResponse`, with
//! actix's own header map. Converting `http::Request`s into those would charge actix-cors
//! for actix-web's request machinery, so instead both actix rows run natively, driven the
//! same way (`poll_ready`, `call`, one poll with a no-op waker), and the ratio that is
//! comparable with the tower rows is actix-cors against the actix floor (the same
//! hand-written work as [`crate::floor`], as an actix middleware).

use std::future::{Future, Ready, ready};
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

use actix_cors::Cors;
use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};
use actix_web::http::header::{
    ACCEPT, ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS,
    ACCESS_CONTROL_ALLOW_METHODS, ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS,
    ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_HEADERS, ACCESS_CONTROL_REQUEST_METHOD,
    CACHE_CONTROL, CONTENT_TYPE, HOST, HeaderName, HeaderValue, ORIGIN, USER_AGENT, VARY,
};
use actix_web::http::{Method, StatusCode};
use actix_web::test::TestRequest;
use actix_web::{Error, HttpResponse};
use bytes::Bytes;

use crate::inner::InnerResponse;
use crate::rows::{Row, Summary};
use crate::scenario::{
    ALLOW_HEADERS, EXPOSE_HEADERS, MAX_AGE, METHODS, Scenario, is_example_subdomain,
};

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

/// actix-cors configured with the benchmark policy. `block_on_origin_mismatch(false)`
/// so that a disallowed origin reaches the handler, as with every other row.
pub fn cors(scenario: Scenario) -> Cors {
    let mut cors = Cors::default();
    match scenario {
        Scenario::Pattern => {
            cors = cors.allowed_origin_fn(|origin, _| is_example_subdomain(origin.as_bytes()));
        }
        _ => {
            for origin in scenario.origins() {
                cors = cors.allowed_origin(&origin);
            }
        }
    }
    cors.supports_credentials()
        .allowed_methods(METHODS)
        .allowed_headers(ALLOW_HEADERS)
        .expose_headers(EXPOSE_HEADERS)
        .max_age(MAX_AGE as usize)
        .block_on_origin_mismatch(false)
}

fn ready_now<F: Future>(future: F) -> F::Output {
    let mut cx = Context::from_waker(Waker::noop());
    match pin!(future).poll(&mut cx) {
        Poll::Ready(output) => output,
        Poll::Pending => panic!("not ready"),
    }
}

/// The actix-cors row.
pub fn cors_row(scenario: Scenario, inner: InnerResponse) -> impl Row {
    let service = ready_now(cors(scenario).new_transform(ActixEcho(inner))).expect("valid cors");
    ActixRow::new(service, scenario)
}

/// The inner service alone, on actix's types (the allocation baseline).
pub fn inner_row(scenario: Scenario, inner: InnerResponse) -> impl Row {
    ActixRow::new(ActixEcho(inner), scenario)
}

/// The actix floor row.
pub fn floor_row(scenario: Scenario, inner: InnerResponse) -> impl Row {
    let origins: &'static [String] = Box::leak(scenario.origins().into_boxed_slice());
    let service = ActixFloor {
        service: ActixEcho(inner),
        pattern: scenario == Scenario::Pattern,
        origins: if origins.len() > 1 {
            Origins::Set(Box::leak(Box::new(
                origins.iter().map(|o| o.as_bytes().to_vec()).collect(),
            )))
        } else {
            Origins::One(origins[0].as_bytes())
        },
    };
    ActixRow::new(service, scenario)
}

#[derive(Clone, Copy, Debug)]
enum Origins {
    One(&'static [u8]),
    Set(&'static std::collections::HashSet<Vec<u8>>),
}

/// [`crate::floor`] as an actix middleware.
#[derive(Debug)]
struct ActixFloor<S> {
    service: S,
    pattern: bool,
    origins: Origins,
}

const TRUE: HeaderValue = HeaderValue::from_static("true");
const ALLOW_METHODS: HeaderValue = HeaderValue::from_static("GET, POST, PUT, DELETE");
const ALLOW_HEADERS_VALUE: HeaderValue = HeaderValue::from_static("content-type, x-request-id");
const EXPOSE: HeaderValue = HeaderValue::from_static("x-request-id");
const MAX_AGE_VALUE: HeaderValue = HeaderValue::from_static("600");
const VARY_ORIGIN: HeaderValue = HeaderValue::from_static("Origin");
const VARY_PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

impl<S> ActixFloor<S> {
    fn allows(&self, origin: &[u8]) -> bool {
        if self.pattern {
            return is_example_subdomain(origin);
        }
        match self.origins {
            Origins::One(one) => one == origin,
            Origins::Set(set) => set.contains(origin),
        }
    }
}

impl<S> Service<ServiceRequest> for ActixFloor<S>
where
    S: Service<ServiceRequest, Response = ServiceResponse<BoxBody>, Error = Error>,
{
    type Response = ServiceResponse<BoxBody>;
    type Error = Error;
    type Future = FloorFuture<S::Future>;

    fn poll_ready(&self, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.service.poll_ready(cx)
    }

    fn call(&self, request: ServiceRequest) -> Self::Future {
        let origin = request
            .headers()
            .get(ORIGIN)
            .filter(|o| self.allows(o.as_bytes()))
            .cloned();
        if request.method() == Method::OPTIONS
            && request
                .headers()
                .contains_key(ACCESS_CONTROL_REQUEST_METHOD)
        {
            let mut response = HttpResponse::new(StatusCode::NO_CONTENT);
            let headers = response.headers_mut();
            if let Some(origin) = origin {
                headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
                headers.insert(ACCESS_CONTROL_ALLOW_METHODS, ALLOW_METHODS);
                headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS_VALUE);
                headers.insert(ACCESS_CONTROL_MAX_AGE, MAX_AGE_VALUE);
            }
            headers.append(VARY, VARY_PREFLIGHT);
            return FloorFuture {
                state: State::Ready {
                    response: Some(request.into_response(response)),
                },
            };
        }
        FloorFuture {
            state: State::Inner {
                future: self.service.call(request),
                origin,
            },
        }
    }
}

pin_project_lite::pin_project! {
    /// The actix floor's future.
    struct FloorFuture<F> {
        #[pin]
        state: State<F>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProjection]
    enum State<F> {
        Ready { response: Option<ServiceResponse<BoxBody>> },
        Inner { #[pin] future: F, origin: Option<HeaderValue> },
    }
}

impl<F> Future for FloorFuture<F>
where
    F: Future<Output = Result<ServiceResponse<BoxBody>, Error>>,
{
    type Output = Result<ServiceResponse<BoxBody>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProjection::Ready { response } => {
                Poll::Ready(Ok(response.take().expect("polled after completion")))
            }
            StateProjection::Inner { future, origin } => {
                let mut response = std::task::ready!(future.poll(cx))?;
                let headers = response.headers_mut();
                if let Some(origin) = origin.take() {
                    headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                    headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
                    headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE);
                }
                headers.append(VARY, VARY_ORIGIN);
                Poll::Ready(Ok(response))
            }
        }
    }
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
            let mut headers: Vec<(String, String)> = r
                .headers()
                .iter()
                .map(|(k, v): (&HeaderName, &HeaderValue)| {
                    (
                        k.as_str().to_owned(),
                        String::from_utf8_lossy(v.as_bytes()).into_owned(),
                    )
                })
                .collect();
            headers.sort();
            (r.status().as_u16(), headers)
        });
        self.responses.clear();
        summary
    }
}
