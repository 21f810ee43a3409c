//! One driver for every tower row: `poll_ready`, `call`, and one poll of the future
//! with a no-op waker. Every row here answers without waiting.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use tower_service::Service;

/// Sends `request` through `service` and returns the response.
///
/// # Panics
/// If the service is not ready, fails, or does not answer on the first poll.
#[inline]
pub fn drive<S, R>(service: &mut S, request: R) -> S::Response
where
    S: Service<R>,
{
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
