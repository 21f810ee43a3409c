//! The handler in a per-method router's `OPTIONS` slot (or, without an `OPTIONS`
//! handler, its fallback): answers preflights by the method they ask for, and passes
//! every other request on, as axum would route it.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use axum::extract::Request;
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

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

/// What axum answers for a method without a handler: `405` (axum adds `Allow`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct MethodNotAllowed;

impl<S> Handler<((),), S> for MethodNotAllowed {
    type Future = std::future::Ready<Response>;

    fn call(self, _: Request, _: S) -> Self::Future {
        std::future::ready(StatusCode::METHOD_NOT_ALLOWED.into_response())
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
