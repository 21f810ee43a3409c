//! Several handlers on one path, each with its own policy, without the route macros: a
//! resource per method, guarded so that it takes its method's requests and the
//! preflights that ask for them, under a middleware that answers only for them.
//!
//! actix tries a path's resources in order and takes the first whose guard passes. A
//! resource guarded by its method alone would never see a preflight (an `OPTIONS`), and
//! the first resource of the path without a guard would answer every preflight with its
//! own policy. [`method_guard`] lets each preflight reach the policy of the method it
//! asks for, compared byte for byte as actix routes the request it announces (`patch`
//! is not `PATCH`); [`CorsMiddleware::for_methods`] keeps the answer from listing the
//! policy's other methods, which the browser would then send without asking their own
//! resource's policy. [`resource_for`] does both.

use actix_web::body::{BoxBody, EitherBody};
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::guard::{Guard, GuardContext};
use actix_web::http::Method;
use actix_web::http::header::{ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use actix_web::{Error, Resource, web};

use super::CorsMiddleware;
use crate::PolicyHandle;

/// A resource at `path` that takes the requests of `methods` and the preflights that ask
/// for one of them, under `cors` narrowed to `methods`
/// ([`CorsMiddleware::for_methods`]). Give it its handler with `.to(handler)` (or
/// `.route(...)`); a middleware wrapped on it afterwards runs outside the policy.
///
/// ```
/// # #[cfg(feature = "macros")] {
/// use actix_web::App;
/// use actix_web::http::Method;
/// use typed_cors::actix::{CorsMiddleware, resource_for};
/// use typed_cors::cors;
///
/// #[cors(origins = ["https://app.example.com"], methods = [PUT, DELETE])]
/// async fn update() -> &'static str { "stored" }
///
/// #[cors(origins = ["https://admin.example.com"], methods = [DELETE])]
/// async fn remove() -> &'static str { "deleted" }
///
/// let app = App::new()
///     // The preflight for `PUT` is answered `Access-Control-Allow-Methods: PUT`.
///     .service(resource_for("/notes", [Method::PUT], CorsMiddleware::of::<update>()).to(update))
///     .service(resource_for("/notes", [Method::DELETE], CorsMiddleware::of::<remove>()).to(remove));
/// # let _ = app;
/// # }
/// ```
pub fn resource_for<H: PolicyHandle>(
    path: &str,
    methods: impl IntoIterator<Item = Method>,
    cors: CorsMiddleware<H>,
) -> Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<EitherBody<BoxBody>>,
        Error = Error,
        InitError = (),
    >,
> {
    let methods: Vec<Method> = methods.into_iter().collect();
    web::resource(path)
        .guard(method_guard(methods.iter().cloned()))
        .wrap(cors.for_methods(methods))
}

/// A guard that passes the requests of `methods`, the preflights (`OPTIONS` with
/// `Origin` and `Access-Control-Request-Method`) that ask for one of them, and, if
/// `methods` holds `OPTIONS`, the `OPTIONS` requests that are no preflight. Pair it with
/// [`CorsMiddleware::for_methods`] of the same methods, as [`resource_for`] does.
pub fn method_guard(methods: impl IntoIterator<Item = Method>) -> MethodGuard {
    MethodGuard(methods.into_iter().collect())
}

/// The guard of [`method_guard`].
#[derive(Clone, Debug)]
pub struct MethodGuard(Box<[Method]>);

impl Guard for MethodGuard {
    fn check(&self, ctx: &GuardContext<'_>) -> bool {
        let head = ctx.head();
        if head.method != Method::OPTIONS {
            return self.0.contains(&head.method);
        }
        match (
            head.headers().contains_key(ORIGIN),
            head.headers().get(ACCESS_CONTROL_REQUEST_METHOD),
        ) {
            (true, Some(asked)) => self
                .0
                .iter()
                .any(|method| method.as_str().as_bytes() == asked.as_bytes()),
            _ => self.0.contains(&Method::OPTIONS),
        }
    }
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    fn passes(methods: &[Method], request: TestRequest) -> bool {
        let request = request.to_srv_request();
        method_guard(methods.iter().cloned()).check(&request.guard_ctx())
    }

    fn preflight(asks: &str) -> TestRequest {
        TestRequest::default()
            .method(Method::OPTIONS)
            .insert_header(("origin", "https://app.example.com"))
            .insert_header(("access-control-request-method", asks))
    }

    #[test]
    fn takes_its_methods_and_the_preflights_asking_for_them() {
        let put = [Method::PUT];
        assert!(passes(&put, TestRequest::put()));
        assert!(!passes(&put, TestRequest::delete()));
        assert!(passes(&put, preflight("PUT")));
        assert!(!passes(&put, preflight("DELETE")));
        assert!(
            !passes(&put, preflight("put")),
            "methods are case-sensitive"
        );
        let purge = [Method::from_bytes(b"PURGE").unwrap()];
        assert!(passes(&purge, preflight("PURGE")));
    }

    #[test]
    fn other_options_requests_go_to_an_options_resource_only() {
        let plain = || TestRequest::default().method(Method::OPTIONS);
        assert!(!passes(&[Method::PUT], plain()));
        assert!(passes(&[Method::OPTIONS], plain()));
        assert!(!passes(&[Method::OPTIONS], preflight("PUT")));
        let no_origin = plain().insert_header(("access-control-request-method", "PUT"));
        assert!(!passes(&[Method::PUT], no_origin));
    }
}
