//! Several handlers on one path, each with its own policy (feature `axum`).
//!
//! ```
//! # #[cfg(feature = "macros")] {
//! use axum::Router;
//! use typed_cors::{CorsLayer, cors};
//!
//! #[cors(origins = ["*"])]
//! async fn read() {}
//!
//! #[cors(origins = ["https://app.example.com"], credentials, methods = [PUT], max_age = 600)]
//! async fn update() {}
//!
//! #[cors(origins = ["https://admin.example.com"], methods = [DELETE])]
//! async fn remove() {}
//!
//! let app: Router = Router::new().route(
//!     "/items/{id}",
//!     typed_cors::axum::get(read, CorsLayer::of::<read>())
//!         .put(update, CorsLayer::of::<update>())
//!         .delete(remove, CorsLayer::of::<remove>())
//!         .into(),
//! );
//! # }
//! ```
//!
//! Each handler gets its own [`CorsLayer`] (axum's `Handler::layer`), which decides its
//! actual requests. Preflights, which axum sends to the path's `OPTIONS` slot, are
//! answered by the policy of the handler routed for the method in
//! `Access-Control-Request-Method`, as that request would be routed: exact bytes (`patch`
//! is not `PATCH`), `HEAD` to `GET`'s handler when there is no `HEAD` handler. A method
//! without a handler gets a refused preflight (`204`): from an origin a policy of the
//! path allows, that policy's refusal of the method (the origin and its methods, no
//! request-header names, no `Max-Age`), so that the browser's console names the method;
//! from any other origin, `Vary` and no CORS header. An `OPTIONS`
//! request that is not a preflight reaches the [`options`](CorsMethodRouter::options)
//! handler if there is one, or gets a `405` with `Allow`.
//!
//! Every method the router can route (`GET`, `HEAD`, `POST`, `PUT`, `DELETE`, `PATCH`,
//! `OPTIONS`) belongs to it, handler or not: a method without a handler answers `405`
//! with `Allow` listing the routed ones, and a handler added for it after `.into()`
//! (`.post(..)` on the converted `MethodRouter`) or by a second `Router::route` on the
//! same path panics when the router is built, as axum's overlapping routes do. Silently
//! accepted, such a handler would be invisible to the preflight answers, and a browser
//! could send it request headers another handler's cached answer allowed. A fallback
//! (`MethodRouter::fallback`) gets only the other methods (`TRACE`, `CONNECT`, extension
//! methods), which browsers never send without a preflight the router refuses.
//!
//! Each answer's `Access-Control-Allow-Methods` lists only the methods of the path whose
//! handlers have an equal policy (and which it allows), so a browser's cached answer for
//! one method never covers a method with another policy.
//!
//! The policies are a list of types ([`Entry`]): with `CorsLayer::of`, the preflight's
//! choice of policy is a chain of comparisons with constants and the policy is compiled
//! in, as in [`CorsLayer::of`]; nothing is allocated to decide, nothing looked up by
//! string.

mod allow_methods;
pub mod methods;
mod preflights;
mod routes;

use axum::handler::Handler;
use axum::routing::MethodRouter;

pub use crate::allow_methods::AllowMethods;
pub use routes::{Entry, Nil, Routes};

use self::preflights::{AnswerPreflights, MethodNotAllowed};
use crate::{CorsLayer, PolicyHandle};

/// A `MethodRouter` whose handlers each have their own policy. Start one with
/// [`get`], [`put`], … of this module; turn it into axum's `MethodRouter` with `.into()`.
///
/// `R` is the list of (method, policy) pairs ([`Entry`], [`Nil`]).
#[derive(Debug)]
#[must_use = "a route does nothing until it is given to `Router::route` (with `.into()`)"]
pub struct CorsMethodRouter<S = (), R = Nil> {
    router: MethodRouter<S>,
    /// The `OPTIONS` handler, if any, with its policy: it gets the non-preflight
    /// `OPTIONS` requests.
    options: Option<MethodRouter<S>>,
    /// `GET`'s handler routed for `HEAD` too, for a router without a `HEAD` handler: axum
    /// would send `HEAD` to it anyway, but with the `HEAD` slot empty a `HEAD` handler
    /// added after `.into()` would be accepted.
    head_from_get: Option<MethodRouter<S>>,
    routes: R,
}

impl<S: Clone + Send + Sync + 'static> CorsMethodRouter<S> {
    /// A router without handlers: every method gets `405`, every preflight is refused.
    pub fn new() -> Self {
        Self {
            router: MethodRouter::new(),
            options: None,
            head_from_get: None,
            routes: Nil,
        }
    }
}

impl<S: Clone + Send + Sync + 'static> Default for CorsMethodRouter<S> {
    fn default() -> Self {
        Self::new()
    }
}

macro_rules! method {
    ($(#[$doc:meta])* $name:ident, $bit:ident) => {
        $(#[$doc])*
        pub fn $name<Hd, T, H>(
            self,
            handler: Hd,
            cors: CorsLayer<H>,
        ) -> CorsMethodRouter<S, Entry<{ methods::$bit }, H, R>>
        where
            Hd: Handler<T, S>,
            T: 'static,
            H: PolicyHandle,
        {
            let head_from_get = if methods::$bit == methods::GET {
                Some(MethodRouter::new().head(handler.clone().layer(cors.clone())))
            } else {
                self.head_from_get
            };
            CorsMethodRouter {
                router: self.router.$name(handler.layer(cors.clone())),
                options: self.options,
                head_from_get,
                routes: Entry::new(cors.into_handle(), self.routes),
            }
        }
    };
}

impl<S: Clone + Send + Sync + 'static, R: Routes> CorsMethodRouter<S, R> {
    method!(
        /// Routes `GET` (and `HEAD`, without a `HEAD` handler) to `handler`, under `cors`.
        get, GET
    );
    method!(
        /// Routes `HEAD` to `handler`, under `cors`.
        head, HEAD
    );
    method!(
        /// Routes `POST` to `handler`, under `cors`.
        post, POST
    );
    method!(
        /// Routes `PUT` to `handler`, under `cors`.
        put, PUT
    );
    method!(
        /// Routes `DELETE` to `handler`, under `cors`.
        delete, DELETE
    );
    method!(
        /// Routes `PATCH` to `handler`, under `cors`.
        patch, PATCH
    );

    /// Routes `OPTIONS` requests that are not preflights to `handler`, under `cors`;
    /// `cors` also answers preflights that ask for `OPTIONS`.
    pub fn options<Hd, T, H>(
        self,
        handler: Hd,
        cors: CorsLayer<H>,
    ) -> CorsMethodRouter<S, Entry<{ methods::OPTIONS }, H, R>>
    where
        Hd: Handler<T, S>,
        T: 'static,
        H: PolicyHandle,
    {
        assert!(
            self.options.is_none(),
            "Overlapping method route. Cannot add two method routes that both handle `OPTIONS`"
        );
        CorsMethodRouter {
            router: self.router,
            options: Some(MethodRouter::new().options(handler.layer(cors.clone()))),
            head_from_get: self.head_from_get,
            routes: Entry::new(cors.into_handle(), self.routes),
        }
    }
}

impl<S: Clone + Send + Sync + 'static, R: Routes> From<CorsMethodRouter<S, R>> for MethodRouter<S> {
    /// Puts the preflight answer in the `OPTIONS` slot, around the `OPTIONS` handler or,
    /// without one, around a `405 Method Not Allowed` that lists the routed methods, and
    /// that `405` in every other slot the router could have routed (see the module's
    /// documentation) and in the fallback.
    fn from(route: CorsMethodRouter<S, R>) -> Self {
        let CorsMethodRouter {
            mut router,
            options,
            head_from_get,
            mut routes,
        } = route;
        routes::narrow_all(&mut routes);
        let not_allowed = MethodNotAllowed::allowing(R::METHODS);
        let mut taken = R::METHODS;
        if let Some(head) = head_from_get.filter(|_| R::METHODS & methods::HEAD == 0) {
            router = router.merge(head);
            taken |= methods::HEAD;
        }
        if let Some(unrouted) = methods::filter(methods::ROUTABLE & !taken & !methods::OPTIONS) {
            router = router.on(unrouted, not_allowed.clone());
        }
        // The fallback too, so that every `405` of the path has the same `Allow` (axum's
        // own would list the slots filled above).
        let router = router.fallback(not_allowed.clone());
        // Always the `OPTIONS` slot, never the fallback: a `.fallback(..)` added to the
        // converted router then cannot silently take the preflights, and an `.options(..)`
        // added to it panics as axum's overlapping routes do, instead of taking them.
        match options {
            Some(inner) => router.options(AnswerPreflights { routes, inner }),
            None => router.options(AnswerPreflights {
                routes,
                inner: not_allowed,
            }),
        }
    }
}

macro_rules! start {
    ($(#[$doc:meta])* $name:ident, $bit:ident) => {
        $(#[$doc])*
        pub fn $name<Hd, T, S, H>(
            handler: Hd,
            cors: CorsLayer<H>,
        ) -> CorsMethodRouter<S, Entry<{ methods::$bit }, H, Nil>>
        where
            Hd: Handler<T, S>,
            T: 'static,
            S: Clone + Send + Sync + 'static,
            H: PolicyHandle,
        {
            CorsMethodRouter::new().$name(handler, cors)
        }
    };
}

start!(
    /// A route with `handler` for `GET` (and `HEAD`, without a `HEAD` handler), under
    /// `cors`; add more methods with [`CorsMethodRouter`]'s methods.
    get, GET
);
start!(
    /// A route with `handler` for `HEAD`, under `cors`.
    head, HEAD
);
start!(
    /// A route with `handler` for `POST`, under `cors`.
    post, POST
);
start!(
    /// A route with `handler` for `PUT`, under `cors`.
    put, PUT
);
start!(
    /// A route with `handler` for `DELETE`, under `cors`.
    delete, DELETE
);
start!(
    /// A route with `handler` for `PATCH`, under `cors`.
    patch, PATCH
);
start!(
    /// A route with `handler` for the `OPTIONS` requests that are not preflights, under
    /// `cors`.
    options, OPTIONS
);
