//! The service of [`CorsMiddleware`](super::CorsMiddleware): decide on the request,
//! answer a preflight or a refusal at once, or decorate the inner service's response.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{
    ACCESS_CONTROL_REQUEST_HEADERS, HeaderMap as ActixHeaders, HeaderValue as ActixValue, VARY,
};
use actix_web::{Error, HttpResponse};

use super::edge::{Reads, Scratch, Twins, to_http_method};
use super::template::Templates;
use crate::PolicyHandle;
use crate::handler_headers::is_cors_name;
use crate::own_layer_check::Deciding;
use crate::plan::{Forward, Plan};
use crate::vary::Vary;

/// What every request of one service shares: the policy, the actix twins of its
/// header values, and the writer's usual answers.
#[derive(Debug)]
pub(super) struct Shared<H> {
    pub(super) policy: H,
    pub(super) twins: Twins,
    pub(super) templates: Templates,
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

/// What the decision leaves for the inner service's response: the allowed origin to
/// answer (the request's own value, or `*`), or only the `Vary` to add.
#[derive(Clone, Debug)]
enum Pending {
    Allowed(ActixValue),
    Vary(Vary),
}

/// The decision's outcome, out of the per-thread scratch.
enum Outcome {
    Answer(HttpResponse),
    Forward(Pending),
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

/// Converts what the decision reads, decides, logs, and writes a preflight's or a
/// refusal's answer, as the tower layer's `call` does.
#[inline]
fn decide<H: PolicyHandle>(
    shared: &Shared<H>,
    method: &actix_web::http::Method,
    headers: &ActixHeaders,
) -> Outcome {
    let policy = &shared.policy;
    Scratch::with(|scratch| {
        let refuses = policy.with_policy(|policy, _| policy.refuses_disallowed_origins());
        let origin = scratch.read_request(headers, Reads::of(method, refuses));
        let method = to_http_method(method);
        let plan = policy.with_policy(|policy, _| policy.plan(&method, &scratch.request));
        let name = policy.name();
        crate::log::decided(
            || policy.policy_ref(),
            &plan,
            &method,
            &scratch.request,
            name,
        );
        let (status, echoed) = match plan {
            Plan::Forward(Forward::Allowed(allowed), _) => {
                // The request's own `Origin`, or the `*` twin: never a copy.
                let allowed = shared.twins.of(&allowed, &[origin]);
                return Outcome::Forward(
                    allowed.map_or(Pending::Vary(Vary::None), Pending::Allowed),
                );
            }
            Plan::Forward(Forward::Vary(vary), _) => return Outcome::Forward(Pending::Vary(vary)),
            Plan::Preflight(answer) => {
                let requested = headers.get(ACCESS_CONTROL_REQUEST_HEADERS);
                if let Some(template) = shared.templates.preflight(&answer) {
                    let allowed = (answer.allow_origin.as_ref())
                        .and_then(|allowed| shared.twins.of(allowed, &[origin]));
                    let mut response = HttpResponse::new(StatusCode::NO_CONTENT);
                    template.apply(response.headers_mut(), allowed.as_ref(), requested);
                    return Outcome::Answer(response);
                }
                policy.with_policy(|policy, values| {
                    policy.write_preflight(values, answer, &mut scratch.answer);
                });
                (StatusCode::NO_CONTENT, [origin, requested])
            }
            Plan::Refuse(refusal) => {
                policy.with_policy(|policy, _| {
                    policy.write_refusal(refusal, &mut scratch.answer);
                });
                (StatusCode::FORBIDDEN, [None, None])
            }
        };
        let mut response = HttpResponse::new(status);
        shared
            .twins
            .copy_back(&scratch.answer, response.headers_mut(), 0, &echoed);
        Outcome::Answer(response)
    })
}

impl<H: PolicyHandle> Shared<H> {
    /// Writes what the policy adds to a forwarded request's response, as the layer's
    /// future does: the handler's `Access-Control-*` headers removed, the policy's added,
    /// `Vary` appended to the handler's.
    #[inline]
    fn write_forward(&self, pending: Pending, headers: &mut ActixHeaders) {
        let (has_vary, has_cors) = look_at(headers);
        if !has_vary && !has_cors {
            // The usual response: the writer's recorded answer (`template.rs`).
            match &pending {
                Pending::Allowed(origin) => {
                    self.templates.allowed().apply(headers, Some(origin), None);
                }
                Pending::Vary(vary) => self.templates.vary(*vary).apply(headers, None, None),
            }
            return;
        }
        if has_cors {
            // The policy owns every CORS response header (see `handler_headers.rs`).
            headers.retain(|name, _| !is_cors_name(name.as_str()));
        }
        Scratch::with(|scratch| {
            // The writer decides whether the response already varies on `Origin`.
            let mut kept = 0;
            if has_vary {
                for value in headers.get_all(VARY) {
                    if let Some(value) = scratch.convert(value) {
                        scratch.answer.append(http::header::VARY, value);
                        kept += 1;
                    }
                }
            }
            let (forward, origin) = match &pending {
                Pending::Allowed(origin) => match scratch.convert(origin) {
                    Some(converted) => (Forward::Allowed(converted), Some(origin)),
                    None => (Forward::Vary(Vary::None), None),
                },
                Pending::Vary(vary) => (Forward::Vary(*vary), None),
            };
            self.policy.with_policy(|policy, values| {
                policy.write_forward(values, forward, &mut scratch.answer);
            });
            self.twins
                .copy_back(&scratch.answer, headers, kept, &[origin]);
        });
    }
}

/// Whether the response carries `Vary`, and any `Access-Control-*` header: one pass
/// over its names, as [`look_at`](crate::handler_headers::look_at) does on `http` 1.
#[inline]
fn look_at(headers: &ActixHeaders) -> (bool, bool) {
    let (mut has_vary, mut has_cors) = (false, false);
    for name in headers.keys() {
        if *name == VARY {
            has_vary = true;
        } else if is_cors_name(name.as_str()) {
            has_cors = true;
        }
    }
    (has_vary, has_cors)
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
        Inner { #[pin] future: F, pending: Option<(Pending, Rc<Shared<H>>)>, deciding: Deciding },
    }
}

impl<F, B, H> Future for CorsFuture<F, H>
where
    F: Future<Output = Result<ServiceResponse<B>, Error>>,
    H: PolicyHandle,
{
    type Output = Result<ServiceResponse<EitherBody<B>>, Error>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProjection::Ready { response } => Poll::Ready(match response.take() {
                Some(response) => Ok(response.map_into_right_body()),
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
                let result = std::task::ready!(polled);
                let Some((pending, shared)) = pending.take() else {
                    return Poll::Ready(Err(polled_again()));
                };
                Poll::Ready(match result {
                    Ok(mut response) => {
                        shared.write_forward(pending, response.headers_mut());
                        Ok(response.map_into_left_body())
                    }
                    // The error becomes a response later, outside the middleware: decorate
                    // that response then.
                    Err(mut error) => {
                        error.add_response_mapper(move |mut response| {
                            shared.write_forward(pending.clone(), response.headers_mut());
                            response
                        });
                        Err(error)
                    }
                })
            }
        }
    }
}

/// A future polled after it completed: an error, not a panic.
#[cold]
fn polled_again() -> Error {
    actix_web::error::ErrorInternalServerError("typed-cors: future polled after completion")
}
