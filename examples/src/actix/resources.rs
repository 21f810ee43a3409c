//! How the actix API puts a policy on a resource, and several handlers with their own
//! policies on one path.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::guard::{self, GuardContext};
use actix_web::http::Method;
use actix_web::http::header::ACCESS_CONTROL_REQUEST_METHOD;
use actix_web::middleware::from_fn;
use actix_web::{Error, Resource, web};
use typed_cors::CorsPolicy;
use typed_cors::actix::CorsMiddleware;

use super::log::mark_handler_called;

/// `resource` under the policy of handler `P` (`#[cors]`), with the log's
/// handler-called marker inside the policy: preflights, answered by the middleware,
/// show no handler called.
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

/// A resource at `path` for `method`'s requests and for the preflights that ask for
/// `method` (exact bytes: `patch` is not `PATCH`); `GET`'s also takes `HEAD`. Several of
/// them on one path, each with its own policy ([`with_cors`]), are actix's way of giving
/// each method its own policy: actix tries a path's resources in order and takes the
/// first whose guard passes, so a preflight reaches the policy of the method it asks
/// for. A method no resource takes gets actix's `404`, with no CORS headers: to the
/// browser, a refused preflight or a refused request.
pub fn for_method(path: &str, method: Method) -> Resource {
    let head = method == Method::GET;
    let asked = method.clone();
    let preflight_for = move |context: &GuardContext<'_>| {
        let request = context.head();
        request.method == Method::OPTIONS
            && request
                .headers()
                .get(ACCESS_CONTROL_REQUEST_METHOD)
                .is_some_and(|m| {
                    m.as_bytes() == asked.as_str().as_bytes() || (head && m.as_bytes() == b"HEAD")
                })
    };
    let mut takes = guard::Any(guard::Method(method)).or(guard::fn_guard(preflight_for));
    if head {
        takes = takes.or(guard::Head());
    }
    web::resource(path).guard(takes)
}
