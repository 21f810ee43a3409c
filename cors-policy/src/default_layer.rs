//! A router-wide default policy: it decides only the requests that no route's own policy
//! decided.
//!
//! The rule: **one policy decides each request, the most specific one.** A route's own
//! policy (a [`CorsLayer`] on its `MethodRouter`, a per-method router's handler policy)
//! decides every request it sees, preflights included; the default decides the rest
//! (routes without a policy, unknown paths, `405`s). The two are never merged: no list is
//! unioned, and a response never carries two policies' headers or two `Vary`s.
//!
//! The default wraps the whole router, so it learns whether a route had its own policy
//! only after the route ran (see `claim.rs`): it lets every request through, preflights
//! too, and applies itself to the response only when no own policy claimed the request.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use http::{HeaderMap, Request, Response, StatusCode};
use tower_layer::Layer;
use tower_service::Service;

use crate::claim::OwnPolicyClaim;
use crate::log::Deferred;
use crate::own_layer_check::Deciding;
use crate::plan::{Forward, Plan};
use crate::request_headers::HttpRequest;
use crate::write;
use crate::{CorsLayer, PolicyHandle, SharedPolicy};

/// A [`CorsLayer`] as the router-wide default: routes with their own policy keep it.
/// Made by [`CorsLayer::as_default`].
///
/// ```
/// # #[cfg(feature = "macros")] {
/// use axum::{Router, routing::get};
/// use typed_cors::{CorsLayer, CorsPolicy, cors};
///
/// #[derive(CorsPolicy)]
/// #[cors(origins = ["https://app.example.com"])]
/// struct Site;
///
/// #[cors(origins = ["*"])]
/// async fn public() {}
///
/// let app: Router = Router::new()
///     .route("/public", get(public).layer(CorsLayer::of::<public>())) // `public` decides
///     .route("/account", get(|| async { "account" }))                  // `Site` decides
///     .layer(CorsLayer::of::<Site>().as_default().expect("Site refuses nothing"));
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct DefaultCorsLayer<H = SharedPolicy> {
    policy: H,
}

/// Why a policy cannot be a router-wide default.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DefaultPolicyError {
    /// The policy refuses disallowed origins with `403` before the handler runs. A
    /// default cannot: it learns whether a route has its own policy (which may allow the
    /// origin) only after the route's handler ran. Put such a policy on the routes.
    RefusesDisallowedOrigins,
}

impl fmt::Display for DefaultPolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "a router-wide default policy cannot refuse disallowed origins before the handler \
             runs (it learns whether a route has its own policy only after the route ran); \
             drop `refuse_disallowed` from the default, or layer the policy on the routes",
        )
    }
}

impl std::error::Error for DefaultPolicyError {}

impl<H: PolicyHandle> CorsLayer<H> {
    /// This policy as the default of a whole `Router`: it decides the requests that no
    /// route's own policy decided (see [`DefaultCorsLayer`]).
    ///
    /// # Errors
    ///
    /// [`DefaultPolicyError::RefusesDisallowedOrigins`] when the policy has
    /// `refuse_disallowed`.
    pub fn as_default(self) -> Result<DefaultCorsLayer<H>, DefaultPolicyError> {
        let policy = self.into_handle();
        if policy.with_policy(|policy, _| policy.refuses_disallowed_origins()) {
            return Err(DefaultPolicyError::RefusesDisallowedOrigins);
        }
        Ok(DefaultCorsLayer { policy })
    }
}

impl<S, H: PolicyHandle> Layer<S> for DefaultCorsLayer<H> {
    type Service = DefaultCors<S, H>;

    fn layer(&self, inner: S) -> DefaultCors<S, H> {
        DefaultCors {
            inner,
            policy: self.policy.clone(),
        }
    }
}

/// The service of [`DefaultCorsLayer`].
#[derive(Clone, Debug)]
pub struct DefaultCors<S, H = SharedPolicy> {
    inner: S,
    policy: H,
}

impl<S, H, ReqBody, ResBody> Service<Request<ReqBody>> for DefaultCors<S, H>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    H: PolicyHandle,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = DefaultResponseFuture<S::Future, H>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        // Decided now, while the request is at hand; applied (and logged) only if no own
        // policy claims the request on its way through the router.
        let (handle, name) = (&self.policy, self.policy.name());
        let (decided, event) = handle.with_policy(|policy, values| {
            let (method, headers) = (request.method(), request.headers());
            let plan = Plan::decide(policy, HttpRequest::new(method, headers));
            let event = Deferred::prepare(|| handle.policy_ref(), &plan, method, headers, name);
            let decided = match plan {
                Plan::Preflight(answer) => {
                    let mut headers = HeaderMap::new();
                    write::preflight(policy, values, answer, &mut headers);
                    Decided::Preflight(headers)
                }
                Plan::Forward(forward, _) => Decided::Forward(forward),
                // `as_default` refused policies that refuse disallowed origins.
                Plan::Refuse(_) => Decided::Forward(Forward::Vary(crate::vary::Vary::None)),
            };
            (decided, event)
        });
        let claim = OwnPolicyClaim::default();
        request.extensions_mut().insert(claim.clone());
        let deciding = Deciding::default(|| (self.policy.policy_ref(), self.policy.name()));
        DefaultResponseFuture {
            future: self.inner.call(request),
            pending: Some((decided, self.policy.clone(), claim, event)),
            deciding,
        }
    }
}

/// The default's decision, kept owned until the response shows whether it applies.
enum Decided {
    /// A preflight's whole answer, already written.
    Preflight(HeaderMap),
    /// What to write on the response.
    Forward(Forward),
}

pin_project_lite::pin_project! {
    /// The future of [`DefaultCors`].
    pub struct DefaultResponseFuture<F, H = SharedPolicy> {
        #[pin]
        future: F,
        pending: Option<(Decided, H, OwnPolicyClaim, Deferred)>,
        // Zero-sized in release builds (`own_layer_check.rs`).
        deciding: Deciding,
    }
}

impl<F, B, E, H> Future for DefaultResponseFuture<F, H>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Default,
    H: PolicyHandle,
{
    type Output = Result<Response<B>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let polled = {
            let _deciding = this.deciding.enter();
            this.future.poll(cx)
        };
        let mut response = std::task::ready!(polled)?;
        let Some((decided, policy, claim, event)) = this.pending.take() else {
            return Poll::Ready(Ok(response));
        };
        if claim.is_claimed() {
            return Poll::Ready(Ok(response));
        }
        event.record();
        // The default's decision on a response that no own policy decided. A preflight
        // gets the default's own answer, whatever the router said (a `405` or `404`
        // would fail it).
        Poll::Ready(Ok(match decided {
            Decided::Preflight(headers) => {
                let mut answer = Response::new(B::default());
                *answer.status_mut() = StatusCode::NO_CONTENT;
                *answer.headers_mut() = headers;
                answer
            }
            Decided::Forward(forward) => {
                policy.with_policy(|policy, values| {
                    write::forward(policy, values, forward, response.headers_mut());
                });
                response
            }
        }))
    }
}
