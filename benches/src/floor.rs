//! The hand-written floor: only what any correct layer must do.
//!
//! - compare the `Origin` bytes against the allowed set;
//! - insert prebuilt `HeaderValue`s, the origin echoed by cloning the request's value;
//! - `Vary: Origin` (and the preflight request headers on a preflight), appended.
//!
//! It does not check the requested method or headers of a preflight, does not look at
//! the handler's `Vary`, and does not strip a handler's own CORS headers.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_METHOD, ORIGIN, VARY,
};
use http::{HeaderValue, Method, Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::scenario::{Scenario, is_example_subdomain};

const TRUE: HeaderValue = HeaderValue::from_static("true");
const METHODS: HeaderValue = HeaderValue::from_static("GET, POST, PUT, DELETE");
const ALLOW_HEADERS: HeaderValue = HeaderValue::from_static("content-type, x-request-id");
const EXPOSE: HeaderValue = HeaderValue::from_static("x-request-id");
const MAX_AGE: HeaderValue = HeaderValue::from_static("600");
const VARY_ORIGIN: HeaderValue = HeaderValue::from_static("Origin");
const VARY_PREFLIGHT: HeaderValue = HeaderValue::from_static(
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
);

/// The allowed origins, in the cheapest form a person would write by hand.
#[derive(Debug)]
enum Origins {
    /// One origin: one comparison.
    One(Vec<u8>),
    /// Several: a `std` hash set.
    Set(HashSet<Vec<u8>>),
    /// `https://` + DNS labels + `.example.com`.
    Subdomain,
}

impl Origins {
    fn allows(&self, origin: &[u8]) -> bool {
        match self {
            Self::One(one) => one.as_slice() == origin,
            Self::Set(set) => set.contains(origin),
            Self::Subdomain => is_example_subdomain(origin),
        }
    }
}

/// The floor's layer.
#[derive(Clone, Copy, Debug)]
pub struct FloorLayer {
    origins: &'static Origins,
}

impl FloorLayer {
    /// The floor for a scenario's policy.
    pub fn new(scenario: Scenario) -> Self {
        let origins = match scenario {
            Scenario::Pattern => Origins::Subdomain,
            Scenario::Lookup(n) if n > 1 => Origins::Set(
                scenario
                    .origins()
                    .into_iter()
                    .map(String::into_bytes)
                    .collect(),
            ),
            _ => Origins::One(scenario.origins().remove(0).into_bytes()),
        };
        Self {
            origins: Box::leak(Box::new(origins)),
        }
    }
}

impl<S> Layer<S> for FloorLayer {
    type Service = Floor<S>;

    fn layer(&self, inner: S) -> Floor<S> {
        Floor {
            inner,
            origins: self.origins,
        }
    }
}

/// The floor's service.
#[derive(Clone, Debug)]
pub struct Floor<S> {
    inner: S,
    origins: &'static Origins,
}

impl<S, B> Service<Request<()>> for Floor<S>
where
    S: Service<Request<()>, Response = Response<B>>,
    B: Default,
{
    type Response = Response<B>;
    type Error = S::Error;
    type Future = FloorFuture<S::Future, B>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    #[inline]
    fn call(&mut self, request: Request<()>) -> Self::Future {
        let origin = request
            .headers()
            .get(ORIGIN)
            .filter(|o| self.origins.allows(o.as_bytes()))
            .cloned();
        if request.method() == Method::OPTIONS
            && request
                .headers()
                .contains_key(ACCESS_CONTROL_REQUEST_METHOD)
        {
            let mut response = Response::new(B::default());
            let headers = response.headers_mut();
            if let Some(origin) = origin {
                headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
                headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
                headers.insert(ACCESS_CONTROL_ALLOW_METHODS, METHODS);
                headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, ALLOW_HEADERS);
                headers.insert(ACCESS_CONTROL_MAX_AGE, MAX_AGE);
            }
            headers.append(VARY, VARY_PREFLIGHT);
            return FloorFuture {
                state: State::Ready {
                    response: Some(response),
                },
            };
        }
        FloorFuture {
            state: State::Inner {
                future: self.inner.call(request),
                origin,
            },
        }
    }
}

pin_project_lite::pin_project! {
    /// The floor's future.
    pub struct FloorFuture<F, B> {
        #[pin]
        state: State<F, B>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProjection]
    enum State<F, B> {
        Ready { response: Option<Response<B>> },
        Inner { #[pin] future: F, origin: Option<HeaderValue> },
    }
}

impl<F, B, E> Future for FloorFuture<F, B>
where
    F: Future<Output = Result<Response<B>, E>>,
{
    type Output = Result<Response<B>, E>;

    #[inline]
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
