//! How the actix API puts a policy on a resource, and several handlers with their own
//! policies on one path.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::from_fn;
use actix_web::{Error, Resource, web};
use typed_cors::CorsPolicy;
use typed_cors::actix::{CorsMiddleware, method_guard};

use super::log::mark_handler_called;

/// `resource` under the policy of handler `P` (`#[cors]`), with the log's
/// handler-called marker inside the policy: preflights, answered by the middleware,
/// show no handler called. For a resource that is its path's only one.
pub fn with_cors<P: CorsPolicy + 'static>(
    resource: Resource,
) -> Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    resource
        .wrap(from_fn(mark_handler_called))
        .wrap(CorsMiddleware::of::<P>())
}

/// A resource at `path` for `method`'s requests and the preflights that ask for
/// `method`, under the policy of handler `P`, whose preflight answers list `method`
/// alone; `GET`'s also takes `HEAD`. What `typed_cors::actix::resource_for` does, with
/// the log's marker inside the policy ([`with_cors`]).
///
/// Several of them on one path, each with its own policy, are actix's way of giving each
/// method its own policy: actix tries a path's resources in order and takes the first
/// whose guard passes, so a preflight reaches the policy of the method it asks for (exact
/// bytes: `patch` is not `PATCH`). Its answer never lists another method of the policy:
/// a browser caches the answer and would send that method without asking its own
/// resource's policy. A method no resource takes gets actix's `404`, with no CORS
/// headers: to the browser, a refused preflight or a refused request.
pub fn for_method<P: CorsPolicy + 'static>(
    path: &str,
    method: Method,
) -> Resource<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = Error,
        InitError = (),
    >,
> {
    let mut methods = vec![method.clone()];
    if method == Method::GET {
        methods.push(Method::HEAD);
    }
    web::resource(path)
        .guard(method_guard(methods.iter().cloned()))
        .wrap(from_fn(mark_handler_called))
        .wrap(CorsMiddleware::of::<P>().for_resource(path, methods))
}
