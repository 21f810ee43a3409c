//! The trivial inner service every row wraps.

use std::convert::Infallible;
use std::future::{Ready, ready};
use std::task::{Context, Poll};

use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::{HeaderValue, Request, Response};
use tower_service::Service;

/// A response body that carries the request back out of the service, so that the
/// request is dropped by the caller, outside the timed region, for every row alike.
/// Preflights answered by the layer never reach the inner service; there every row drops
/// the request itself.
#[derive(Debug, Default)]
pub struct Carry(pub Option<Request<()>>);

/// Which response the inner service gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InnerResponse {
    /// `200` with no headers: the layer's insertions allocate the header map's storage.
    Bare,
    /// `200` with two headers (`content-type`, `cache-control`), as a handler's response
    /// usually has: the header map's storage already exists.
    WithHeaders,
}

impl InnerResponse {
    /// Both variants.
    pub const ALL: [Self; 2] = [Self::Bare, Self::WithHeaders];

    /// A short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::Bare => "bare",
            Self::WithHeaders => "2 headers",
        }
    }
}

/// The inner service: answers at once, with the request carried in the body.
#[derive(Clone, Copy, Debug)]
pub struct Echo(pub InnerResponse);

const TEXT: HeaderValue = HeaderValue::from_static("text/plain; charset=utf-8");
const NO_STORE: HeaderValue = HeaderValue::from_static("no-store");

impl Service<Request<()>> for Echo {
    type Response = Response<Carry>;
    type Error = Infallible;
    type Future = Ready<Result<Response<Carry>, Infallible>>;

    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<()>) -> Self::Future {
        let mut response = Response::new(Carry(Some(request)));
        if self.0 == InnerResponse::WithHeaders {
            let headers = response.headers_mut();
            headers.insert(CONTENT_TYPE, TEXT);
            headers.insert(CACHE_CONTROL, NO_STORE);
        }
        ready(Ok(response))
    }
}
