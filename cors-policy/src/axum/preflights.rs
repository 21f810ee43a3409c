//! The handler in a per-method router's `OPTIONS` slot: answers preflights by the
//! method they ask for, and passes every other `OPTIONS` request on, to the route's
//! `OPTIONS` handler or, without one, to a `405` as axum's own.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::header::ALLOW;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::methods;
use super::routes::{Routes, answer_preflight};

/// Answers preflights with [`Routes`], passes the rest to `inner`.
#[derive(Clone, Debug)]
pub(crate) struct AnswerPreflights<R, Inner> {
    pub(crate) routes: R,
    pub(crate) inner: Inner,
}

impl<R, Inner, T, S> Handler<T, S> for AnswerPreflights<R, Inner>
where
    R: Routes,
    Inner: Handler<T, S>,
{
    type Future = PreflightFuture<Inner::Future>;

    #[inline]
    fn call(self, request: Request, state: S) -> Self::Future {
        match answer_preflight(&self.routes, &request) {
            Some(headers) => {
                crate::claim::claim(&request);
                let mut response = StatusCode::NO_CONTENT.into_response();
                *response.headers_mut() = headers;
                PreflightFuture::Answered {
                    response: Some(response),
                }
            }
            None => PreflightFuture::Inner {
                future: self.inner.call(request, state),
            },
        }
    }
}

/// What axum answers for a method without a handler: `405 Method Not Allowed` with
/// `Allow` (RFC 9110 requires it), listing the routed methods as axum does (`HEAD`
/// with `GET`, comma-separated).
#[derive(Clone, Debug)]
pub(crate) struct MethodNotAllowed {
    allow: HeaderValue,
}

impl MethodNotAllowed {
    /// For a route whose handlers serve the methods `routed` (bits of
    /// [`methods`](super::methods)).
    pub(crate) fn allowing(routed: u16) -> Self {
        let routed = if routed & methods::GET != 0 {
            routed | methods::HEAD
        } else {
            routed
        };
        let names: Vec<&str> = methods::ALL
            .iter()
            .filter(|(bit, _)| routed & bit != 0)
            .map(|(_, name)| *name)
            .collect();
        let allow = HeaderValue::try_from(names.join(","))
            .expect("method names are tokens, a valid header value");
        Self { allow }
    }
}

impl<S> Handler<((),), S> for MethodNotAllowed {
    type Future = std::future::Ready<Response>;

    fn call(self, _: Request, _: S) -> Self::Future {
        let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
        response.headers_mut().insert(ALLOW, self.allow);
        std::future::ready(response)
    }
}

pin_project_lite::pin_project! {
    /// The future of [`AnswerPreflights`].
    #[project = PreflightProjection]
    pub(crate) enum PreflightFuture<F> {
        Answered { response: Option<Response> },
        Inner { #[pin] future: F },
    }
}

impl<F: Future<Output = Response>> Future for PreflightFuture<F> {
    type Output = Response;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Response> {
        match self.project() {
            PreflightProjection::Answered { response } => {
                Poll::Ready(response.take().unwrap_or_default())
            }
            PreflightProjection::Inner { future } => future.poll(cx),
        }
    }
}
