//! [`crate::floor`] as an actix-web middleware: the same hand-written work on actix's
//! types.

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::BoxBody;
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
    ACCESS_CONTROL_REQUEST_METHOD, HeaderValue, ORIGIN, VARY,
};
use actix_web::http::{Method, StatusCode};
use actix_web::{Error, HttpResponse};

use super::{ActixEcho, ActixRow};
use crate::inner::InnerResponse;
use crate::row::Row;
use crate::scenario::{Scenario, is_example_subdomain};

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
    Set(&'static HashSet<Vec<u8>>),
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
