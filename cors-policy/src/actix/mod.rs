//! The policy as an actix-web 4 middleware (feature `actix`).
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use actix_web::{App, HttpResponse, web};
//! use typed_cors::actix::CorsMiddleware;
//! use typed_cors::cors;
//!
//! #[cors(origins = ["https://app.example.com"], credentials, methods = [GET, PUT], max_age = 600)]
//! async fn profile() -> HttpResponse {
//!     HttpResponse::Ok().body("profile")
//! }
//!
//! let app = App::new().service(
//!     web::resource("/profile")
//!         .wrap(CorsMiddleware::of::<profile>())
//!         .route(web::get().to(profile))
//!         .route(web::put().to(profile)),
//! );
//! # let _ = app;
//! # }
//! ```
//!
//! With actix-web's route macros, write `#[cors(...)]` above `#[get("/profile")]` (or
//! `#[post]`, ..., `#[route]`, `#[routes]`) instead: the route then carries the
//! handler's middleware, narrowed to the methods it serves on the path (`narrowed.rs`),
//! plus an `OPTIONS` registration that takes the preflights asking for them
//! (`route_guard.rs`), so `App::new().service(handler)` serves the handler with its
//! policy. Several handlers on one path without the macros: [`resource_for`], a resource
//! per method whose middleware answers for that method only.
//!
//! [`CorsMiddleware`] decides with the same core and writes with the same writer as the
//! tower [`CorsLayer`](crate::CorsLayer), so it answers every request exactly as the
//! layer does: a preflight (`OPTIONS` with `Access-Control-Request-Method`) is answered
//! `204` by the middleware, before routing reaches a handler; every other request is
//! passed on, and its response, whoever made it (the handler, a handler's error,
//! actix's own `404` and `405`, an inner middleware's error), gets the policy's headers.
//! The handler's own `Access-Control-*` headers are removed (the policy owns them), and
//! `Vary` is appended to the handler's. A `refuse_disallowed` policy answers a
//! disallowed origin `403` without calling the handler.
//!
//! Wrap a resource, a scope or the whole `App`. As with the layer, one policy applies to
//! a request: do not wrap a resource whose scope or app is already wrapped, nor an `App`
//! that serves `#[cors]` route-macro handlers (debug builds panic at the first request
//! through two middlewares, `stacked.rs`).
//!
//! actix-web 4 holds requests and responses in `http` 0.2 types. The middleware decides
//! on actix's own request headers and writes straight into actix's response headers,
//! with the same decision and the same writer as the layer (`request.rs` and `sink.rs`
//! implement their traits for actix's map): no conversion, and an allowed `Origin` is
//! echoed as the request's own value. The policy's header values are converted to
//! actix's type once, when the middleware is made. It allocates nothing per request
//! beyond what actix-web's own response needs (BENCHMARKS.md counts it); only a log
//! event that a subscriber wants copies the request's headers (`edge.rs`).

mod edge;
mod narrowed;
mod request;
mod resource_for;
pub(crate) mod route_guard;
#[cfg(test)]
mod same_plan;
mod service;
mod sink;
#[cfg(debug_assertions)]
mod stacked;

use std::future::{Ready, ready};
use std::rc::Rc;

use actix_web::Error;
use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{Service, ServiceRequest, ServiceResponse, Transform};

pub use narrowed::Narrowed;
pub use resource_for::{MethodGuard, method_guard, resource_for};
pub use service::{CorsFuture, CorsService};

use crate::handle::{Compiled, PolicyHandle, SharedPolicy};
use crate::{CorsPolicy, Policy};

/// Applies a CORS policy to an actix-web service: answers preflights, decorates every
/// response. The actix-web counterpart of [`CorsLayer`](crate::CorsLayer), with the
/// same constructors.
///
/// `H` says where the policy lives: [`CorsMiddleware::of`] gives a
/// `CorsMiddleware<Compiled<P>>`, compiled for the one policy `P`;
/// [`CorsMiddleware::new`] and [`CorsMiddleware::from_static`] give a `CorsMiddleware`
/// (of a [`SharedPolicy`]), which a `CorsMiddleware<Compiled<P>>` converts into with
/// `.into()`.
#[derive(Clone, Debug)]
pub struct CorsMiddleware<H = SharedPolicy> {
    policy: H,
    /// The policy's header values in actix's types, made once here.
    values: sink::ActixValues,
}

impl<H: PolicyHandle> CorsMiddleware<H> {
    fn with_handle(policy: H) -> Self {
        let values = policy.with_policy(|_, values| sink::ActixValues::new(values));
        Self { policy, values }
    }
}

impl CorsMiddleware {
    /// A middleware for the policy that `#[cors]` or `#[derive(CorsPolicy)]` generated
    /// for `P`, compiled for that policy.
    pub fn of<P: CorsPolicy + 'static>() -> CorsMiddleware<Compiled<P>> {
        CorsMiddleware::with_handle(Compiled::new())
    }

    /// A middleware for a policy kept in a `static`.
    pub fn from_static(policy: &'static Policy) -> Self {
        Self::with_handle(SharedPolicy::from_static(policy, None))
    }

    /// A middleware for a policy built at run time with [`Policy::builder`].
    pub fn new(policy: Policy) -> Self {
        Self::with_handle(SharedPolicy::counted(policy))
    }
}

impl<P: CorsPolicy + 'static> From<CorsMiddleware<Compiled<P>>> for CorsMiddleware {
    /// The same policy, through its `static`.
    fn from(_: CorsMiddleware<Compiled<P>>) -> Self {
        CorsMiddleware::with_handle(SharedPolicy::from_static(P::policy(), P::NAME))
    }
}

impl<S, B, H> Transform<S, ServiceRequest> for CorsMiddleware<H>
where
    S: Service<ServiceRequest, Response = ServiceResponse<B>, Error = Error>,
    B: MessageBody,
    H: PolicyHandle,
{
    type Response = ServiceResponse<EitherBody<B>>;
    type Error = Error;
    type Transform = CorsService<S, H>;
    type InitError = ();
    type Future = Ready<Result<CorsService<S, H>, ()>>;

    fn new_transform(&self, service: S) -> Self::Future {
        ready(Ok(CorsService::new(
            service,
            Rc::new(service::Shared {
                policy: self.policy.clone(),
                values: self.values.clone(),
            }),
        )))
    }
}
