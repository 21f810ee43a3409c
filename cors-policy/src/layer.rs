//! The tower `Layer` and `Service`.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use http::{HeaderValue, Request, Response, StatusCode};
use tower_layer::Layer;
use tower_service::Service;

use crate::handle::{Compiled, PolicyHandle, SharedPolicy};
use crate::own_layer_check::Deciding;
use crate::plan::{Forward, Plan};
use crate::request_headers::{HttpRequest, Lookup, has_repeated_header};
use crate::vary::Vary;
use crate::write;
use crate::{CorsPolicy, Policy};

/// Applies a CORS policy to a service: answers preflights, decorates every response.
///
/// `H` says where the policy lives: [`CorsLayer::of`] gives a `CorsLayer<Compiled<P>>`,
/// compiled for the one policy `P`; [`CorsLayer::new`] and [`CorsLayer::from_static`]
/// give a `CorsLayer` (of a [`SharedPolicy`]), which a `CorsLayer<Compiled<P>>` also
/// converts into with `.into()` where one type is needed for several policies.
///
/// ```
/// # #[cfg(feature = "macros")] {
/// use axum::{Router, routing::get};
/// use typed_cors::{CorsLayer, cors};
///
/// #[cors(origins = ["https://app.example.com"], methods = [GET, PUT])]
/// async fn profile() -> &'static str {
///     "profile"
/// }
///
/// let app: Router = Router::new().route("/profile", get(profile).put(profile).layer(CorsLayer::of::<profile>()));
///
/// // One type for layers of different policies:
/// let layers: Vec<CorsLayer> = vec![CorsLayer::of::<profile>().into()];
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct CorsLayer<H = SharedPolicy> {
    policy: H,
}

impl CorsLayer {
    /// A layer for the policy that `#[cors]` or `#[derive(CorsPolicy)]` generated for `P`,
    /// compiled for that policy.
    pub fn of<P: CorsPolicy + 'static>() -> CorsLayer<Compiled<P>> {
        CorsLayer {
            policy: Compiled::new(),
        }
    }

    /// A layer for a policy kept in a `static`.
    pub fn from_static(policy: &'static Policy) -> Self {
        Self {
            policy: SharedPolicy::from_static(policy, None),
        }
    }

    /// A layer for a policy built at run time with [`Policy::builder`].
    pub fn new(policy: Policy) -> Self {
        Self {
            policy: SharedPolicy::counted(policy),
        }
    }
}

impl<H> CorsLayer<H> {
    /// Where the layer's policy lives, for the router-wide default and the per-method
    /// router, which apply the same policy their own way.
    pub(crate) fn into_handle(self) -> H {
        self.policy
    }
}

impl<P: CorsPolicy + 'static> From<CorsLayer<Compiled<P>>> for CorsLayer {
    /// The same policy, through its `static`.
    fn from(_: CorsLayer<Compiled<P>>) -> Self {
        CorsLayer {
            policy: SharedPolicy::from_static(P::policy(), P::NAME),
        }
    }
}

impl<S, H: PolicyHandle> Layer<S> for CorsLayer<H> {
    type Service = Cors<S, H>;

    fn layer(&self, inner: S) -> Cors<S, H> {
        Cors {
            inner,
            policy: self.policy.clone(),
        }
    }
}

/// The service of [`CorsLayer`].
#[derive(Clone, Debug)]
pub struct Cors<S, H = SharedPolicy> {
    inner: S,
    policy: H,
}

impl<S, H, ReqBody, ResBody> Service<Request<ReqBody>> for Cors<S, H>
where
    S: Service<Request<ReqBody>, Response = Response<ResBody>>,
    H: PolicyHandle,
    ResBody: Default,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    type Future = ResponseFuture<S::Future, ResBody, H>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    #[inline]
    fn call(&mut self, request: Request<ReqBody>) -> Self::Future {
        self.call_with::<ReqBody, ResBody, false>(request)
    }
}

impl<S, H: PolicyHandle> Cors<S, H> {
    /// [`Service::call`] for any request, a log event included.
    #[inline(never)]
    fn call_any<ReqBody, ResBody>(
        &mut self,
        request: Request<ReqBody>,
    ) -> ResponseFuture<S::Future, ResBody, H>
    where
        S: Service<Request<ReqBody>, Response = Response<ResBody>>,
        ResBody: Default,
    {
        self.call_with::<ReqBody, ResBody, true>(request)
    }

    /// [`Service::call`]; `ANY`: for any request (else one without a repeated header,
    /// and without a log event). A constant, so that each way is its own code: with one
    /// code for both, the compiler stopped inlining the decision (+150 instructions).
    #[inline(always)]
    fn call_with<ReqBody, ResBody, const ANY: bool>(
        &mut self,
        request: Request<ReqBody>,
    ) -> ResponseFuture<S::Future, ResBody, H>
    where
        S: Service<Request<ReqBody>, Response = Response<ResBody>>,
        ResBody: Default,
    {
        // The usual request (no repeated header, no `debug` subscriber) is decided with
        // `HeaderMap::get` only and no out-of-line call that sees the request: the
        // compiler can then see that the request's memory does not escape, and keeps
        // no second copy of it (see `Lookup::Unrepeated`). The others take the same
        // code, out of line. Checked here, on the request `call_with` owns, not in
        // `call` before moving it: there, the layer built at run time split the request
        // into fields (the check's two loads), and put it back together with the known
        // zero of the check on the usual path (two partial copies, 20 instructions more).
        if !ANY && (crate::log::may_record() || has_repeated_header(request.headers())) {
            return self.call_any(request);
        }
        let lookup = if ANY { Lookup::Any } else { Lookup::Unrepeated };
        // One policy per request: a second layer of this kind inside this one is a
        // mistake (noticed in debug builds), a router-wide default above defers to this.
        #[cfg(debug_assertions)]
        let request = crate::claim::checked_not_stacked::<_, H>(request);
        crate::claim::claim(&request);
        let (method, headers) = (request.method(), request.headers());
        let plan = self.policy.with_policy(|policy, _| {
            Plan::decide(policy, HttpRequest::with(method, headers, lookup))
        });
        if ANY {
            let name = self.policy.name();
            crate::log::decided(|| self.policy.policy_ref(), &plan, method, headers, name);
        }
        let pending = match plan {
            // A compiled policy costs nothing to keep; a shared one is copied or costs a
            // reference count, as cloning its exposed-headers value would.
            Plan::Forward(Forward::Allowed(origin), _) => Pending::Allowed {
                origin,
                policy: self.policy.clone(),
            },
            Plan::Forward(Forward::Vary(vary), _) => Pending::Vary(vary),
            Plan::Preflight(answer) => {
                let mut response = Response::new(ResBody::default());
                *response.status_mut() = StatusCode::NO_CONTENT;
                self.policy.with_policy(|policy, values| {
                    write::preflight(policy, values, answer, response.headers_mut());
                });
                return ResponseFuture::ready(response);
            }
            Plan::Refuse(_) => {
                let mut response = Response::new(ResBody::default());
                *response.status_mut() = StatusCode::FORBIDDEN;
                self.policy.with_policy(|policy, _| {
                    write::refusal(policy, response.headers_mut());
                });
                return ResponseFuture::ready(response);
            }
        };
        let deciding = Deciding::own(|| (self.policy.policy_ref(), self.policy.name()));
        ResponseFuture {
            state: State::Inner {
                future: self.inner.call(request),
                pending: Some(pending),
                deciding,
            },
        }
    }
}

/// The headers still to add to the inner response, kept small so that the future is: the
/// echoed origin (the rest comes from the policy), or only the `Vary` to add.
enum Pending<H> {
    Allowed { origin: HeaderValue, policy: H },
    Vary(Vary),
}

pin_project_lite::pin_project! {
    /// The future of [`Cors`].
    pub struct ResponseFuture<F, B, H = SharedPolicy> {
        #[pin]
        state: State<F, B, H>,
    }
}

pin_project_lite::pin_project! {
    #[project = StateProjection]
    enum State<F, B, H> {
        Ready { response: Option<Response<B>> },
        // Zero-sized in release builds (`own_layer_check.rs`).
        Inner { #[pin] future: F, pending: Option<Pending<H>>, deciding: Deciding },
    }
}

impl<F, B, H> ResponseFuture<F, B, H> {
    /// An answer given without calling the inner service.
    #[inline]
    fn ready(response: Response<B>) -> Self {
        Self {
            state: State::Ready {
                response: Some(response),
            },
        }
    }
}

impl<F, B, E, H> Future for ResponseFuture<F, B, H>
where
    F: Future<Output = Result<Response<B>, E>>,
    H: PolicyHandle,
{
    type Output = Result<Response<B>, E>;

    #[inline]
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.project().state.project() {
            StateProjection::Ready { response } => {
                Poll::Ready(Ok(response.take().expect("polled after completion")))
            }
            StateProjection::Inner {
                future,
                pending,
                deciding,
            } => {
                let polled = {
                    let _deciding = deciding.enter();
                    future.poll(cx)
                };
                let mut response = std::task::ready!(polled)?;
                match pending.take() {
                    Some(Pending::Allowed { origin, policy }) => {
                        policy.with_policy(|policy, values| {
                            let forward = Forward::Allowed(origin);
                            write::forward(policy, values, forward, response.headers_mut());
                        });
                    }
                    Some(Pending::Vary(vary)) => write::vary_only(vary, response.headers_mut()),
                    None => {}
                }
                Poll::Ready(Ok(response))
            }
        }
    }
}
