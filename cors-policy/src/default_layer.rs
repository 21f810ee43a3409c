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

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::claim::OwnPolicyClaim;
use crate::{CorsLayer, Decision, PolicyHandle, SharedPolicy};

/// A [`CorsLayer`] as the router-wide default: routes with their own policy keep it.
/// Made by [`CorsLayer::as_default`].
///
/// ```
/// # #[cfg(feature = "macros")] {
/// use axum::{Router, routing::get};
/// use cors_policy::{CorsLayer, CorsPolicy, cors};
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
    type Future = DefaultResponseFuture<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut request: Request<ReqBody>) -> Self::Future {
        // Decided now, while the request is at hand; applied only if no own policy
        // claims the request on its way through the router.
        let decision = self
            .policy
            .with_policy(|policy, _| policy.decide(request.method(), request.headers()));
        let claim = OwnPolicyClaim::default();
        request.extensions_mut().insert(claim.clone());
        DefaultResponseFuture {
            future: self.inner.call(request),
            pending: Some((decision, claim)),
        }
    }
}

pin_project_lite::pin_project! {
    /// The future of [`DefaultCors`].
    pub struct DefaultResponseFuture<F> {
        #[pin]
        future: F,
        pending: Option<(Decision, OwnPolicyClaim)>,
    }
}

impl<F, B, E> Future for DefaultResponseFuture<F>
where
    F: Future<Output = Result<Response<B>, E>>,
    B: Default,
{
    type Output = Result<Response<B>, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let response = std::task::ready!(this.future.poll(cx))?;
        let Some((decision, claim)) = this.pending.take() else {
            return Poll::Ready(Ok(response));
        };
        if claim.is_claimed() {
            return Poll::Ready(Ok(response));
        }
        Poll::Ready(Ok(apply_default(decision, response)))
    }
}

/// The default's decision on a response that no own policy decided. A preflight gets the
/// default's own answer, whatever the router said (a `405` or `404` would fail it).
fn apply_default<B: Default>(decision: Decision, mut response: Response<B>) -> Response<B> {
    match decision {
        Decision::Respond { status, headers } => {
            // Only preflights: `as_default` refused policies that would refuse (`403`).
            let mut answer = Response::new(B::default());
            *answer.status_mut() = status;
            headers.apply_to(answer.headers_mut());
            answer
        }
        Decision::Forward(headers) => {
            headers.apply_to(response.headers_mut());
            response
        }
    }
}
