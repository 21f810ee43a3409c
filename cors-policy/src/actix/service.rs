//! The service of [`CorsMiddleware`](super::CorsMiddleware): decide on the request,
//! answer a preflight or a refusal at once, or decorate the inner service's response.
//! The answer's body is an [`EitherBody`]: the inner response's body on the left, the
//! middleware's own answers (`BoxBody`) on the right, each put there by hand (`left`,
//! `right`) rather than by actix-web's `map_body`.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderMap as ActixHeaders, HeaderValue as ActixValue};
use actix_web::http::{Method, StatusCode};
use actix_web::{Error, HttpResponse};

use super::edge::log_decision;
use super::request::ActixRequest;
use super::sink::ActixValues;
use crate::PolicyHandle;
use crate::own_layer_check::Deciding;
use crate::plan::{Forward, Plan};
use crate::write;

/// What every request of one service shares: the policy, and its header values in
/// actix's types.
#[derive(Debug)]
pub(super) struct Shared<H> {
    pub(super) policy: H,
    pub(super) values: ActixValues,
}

/// The service of [`CorsMiddleware`](super::CorsMiddleware).
#[derive(Debug)]
pub struct CorsService<S, H> {
    inner: S,
    shared: Rc<Shared<H>>,
}

impl<S, H> CorsService<S, H> {
    pub(super) fn new(inner: S, shared: Rc<Shared<H>>) -> Self {
        Self { inner, shared }
    }
}

/// The decision's outcome: an answer now, or what to write on the inner response.
enum Outcome {
    Answer(HttpResponse),
    Forward(Forward<ActixValue>),
}

impl<S, B, H> Service<ServiceRequest> for CorsService<S, H>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
    H: PolicyHandle,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Future = CorsFuture<S::Future, H>;

    actix_web::dev::forward_ready!(inner);

    #[inline]
    fn call(&self, request: ServiceRequest) -> Self::Future {
        // One policy per request: a second middleware outside this one is a mistake
        // (`stacked.rs`; the actix-routes branch added this line).
        #[cfg(debug_assertions)]
        super::stacked::check_not_stacked(&request, self.shared.policy.name());
        match decide(&self.shared, request.method(), request.headers()) {
            Outcome::Answer(response) => CorsFuture {
                state: State::Ready {
                    response: Some(request.into_response(response)),
                },
            },
            Outcome::Forward(pending) => CorsFuture {
                state: State::Inner {
                    deciding: Deciding::own(|| {
                        (self.shared.policy.policy_ref(), self.shared.policy.name())
                    }),
                    future: self.inner.call(request),
                    pending: Some((pending, self.shared.clone())),
                },
            },
        }
    }
}

/// Decides on actix's own headers, logs, and writes a preflight's or a refusal's
/// answer straight into actix's response headers, as the tower layer's `call` does.
#[inline(always)]
fn decide<H: PolicyHandle>(shared: &Shared<H>, method: &Method, headers: &ActixHeaders) -> Outcome {
    let handle = &shared.policy;
    handle.with_policy(|policy, _| {
        let plan = Plan::decide(policy, ActixRequest::new(method, headers));
        if crate::log::may_record() && crate::log::wanted(&plan) {
            log_decision(handle.policy_ref(), handle.name(), method, headers);
        }
        match plan {
            Plan::Forward(forward, _) => Outcome::Forward(forward),
            Plan::Preflight(answer) => {
                let mut response = HttpResponse::new(StatusCode::NO_CONTENT);
                write::preflight(policy, &shared.values, answer, response.headers_mut());
                Outcome::Answer(response)
            }
            Plan::Refuse(_) => {
                let mut response = HttpResponse::new(StatusCode::FORBIDDEN);
                write::refusal(policy, response.headers_mut());
                Outcome::Answer(response)
            }
        }
    })
}

impl<H: PolicyHandle> Shared<H> {
    /// Writes what the policy adds to a forwarded request's response, as the layer's
    /// future does: the handler's `Access-Control-*` headers removed, the policy's added,
    /// `Vary` appended to the handler's. The `Vary` alone is written inline: as a call,
    /// its prologue and the moves of its arguments were a tenth of the middleware's own
    /// instructions on a request without `Origin` (callgrind).
    #[inline(always)]
    fn write_forward(&self, pending: Forward<ActixValue>, headers: &mut ActixHeaders) {
        match pending {
            Forward::Vary(vary) => write::vary_only(vary, headers),
            allowed => self.write_allowed(allowed, headers),
        }
    }

    /// [`write_forward`](Self::write_forward) of an allowed request, out of line:
    /// inlined, it cost the allowed request more than the call (callgrind).
    #[inline(never)]
    fn write_allowed(&self, allowed: Forward<ActixValue>, headers: &mut ActixHeaders) {
        (self.policy)
            .with_policy(|policy, _| write::forward(policy, &self.values, allowed, headers));
    }
}

pin_project_lite::pin_project! {
    /// The future of [`CorsService`].
    pub struct CorsFuture<F, H> {
        #[pin]
        state: State<F, H>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProjection]
    enum State<F, H> {
        Ready { response: Option<ServiceResponse> },
        // Zero-sized in release builds (`own_layer_check.rs`).
        Inner { #[pin] future: F, pending: Option<(Forward<ActixValue>, Rc<Shared<H>>)>, deciding: Deciding },
    }
}

impl<F, B, H> Future for CorsFuture<F, H>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    B: MessageBody,
    H: PolicyHandle,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProjection::Ready { response } => Poll::Ready(match response.take() {
                Some(response) => Ok(right(response)),
                None => Err(polled_again()),
            }),
            StateProjection::Inner {
                future,
                pending,
                deciding,
            } => {
                let polled = {
                    let _deciding = deciding.enter();
                    future.poll(cx)
                };
                let mut result = std::task::ready!(polled);
                let Some((pending, shared)) = pending.take() else {
                    return Poll::Ready(Err(polled_again()));
                };
                // Written in place, then returned: matching on the response by value moved
                // it twice more (28 instructions a request without `Origin`, callgrind).
                match &mut result {
                    Ok(response) => shared.write_forward(pending, response.headers_mut()),
                    // The error becomes a response later, outside the middleware: decorate
                    // that response then.
                    Err(error) => error.add_response_mapper(move |mut response| {
                        shared.write_forward(pending.clone(), response.headers_mut());
                        response
                    }),
                }
                Poll::Ready(result.map(left))
            }
        }
    }
}

/// The inner response as the left of an [`EitherBody`], through actix-web's public parts
/// rather than its `ServiceResponse::map_into_left_body`: that one is not inlined, and
/// with its moves of the response cost about 90 instructions a request (callgrind; the
/// hand-written floor, for `BoxBody` alone, returns the response as it is).
#[inline(always)]
fn left<B, R>(response: ServiceResponse<B>) -> ServiceResponse<EitherBody<B, R>> {
    let (request, response) = response.into_parts();
    let (response, body) = response.into_parts();
    ServiceResponse::new(request, response.set_body(EitherBody::left(body)))
}

/// The middleware's own answer as the right of an [`EitherBody`], as [`left`] does.
#[inline(always)]
fn right<L, B>(response: ServiceResponse<B>) -> ServiceResponse<EitherBody<L, B>> {
    let (request, response) = response.into_parts();
    let (response, body) = response.into_parts();
    ServiceResponse::new(request, response.set_body(EitherBody::right(body)))
}

/// A future polled after it completed: an error, not a panic.
#[cold]
fn polled_again() -> Error {
    actix_web::error::ErrorInternalServerError("typed-cors: future polled after completion")
}
