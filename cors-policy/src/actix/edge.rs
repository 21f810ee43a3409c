//! The one place the middleware still crosses from actix-web's header types (`http`
//! 0.2) to `http` 1: a log event. Events are made from a [`Decision`](crate::Decision),
//! which holds `http` 1 values, so when a subscriber wants the event of a request, the
//! headers the decision reads are copied into an `http` 1 map and the same decision is
//! made on them (the property tests check both give the same plan). Cold: never
//! reached unless a subscriber wants the event.

use actix_web::http::Method as ActixMethod;
use actix_web::http::header::HeaderMap as ActixHeaders;
use http::{HeaderMap, HeaderValue, Method};

use super::request::actix_name;
use crate::plan::Plan;
use crate::request_headers::{HttpRequest, Known, http_name};
use crate::{Policy, PolicyName};

/// Records the event of `policy`'s decision on this request, if a subscriber wants it.
#[cold]
#[inline(never)]
pub(super) fn log_decision(
    policy: &Policy,
    name: Option<&PolicyName>,
    method: &ActixMethod,
    headers: &ActixHeaders,
) {
    let request = to_http_headers(headers);
    let method = to_http_method(method);
    let plan = Plan::decide(policy, HttpRequest::new(&method, &request));
    crate::log::decided(|| policy, &plan, &method, &request, name);
}

/// The request headers the decision reads, as an `http` 1 map.
pub(crate) fn to_http_headers(headers: &ActixHeaders) -> HeaderMap {
    let mut converted = HeaderMap::new();
    for known in Known::ALL {
        for value in headers.get_all(actix_name(known)) {
            // Both versions accept the same bytes: a value that failed would be left out.
            if let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) {
                converted.append(http_name(known).clone(), value);
            }
        }
    }
    converted
}

/// The request's method as an `http` 1 method.
pub(crate) fn to_http_method(method: &ActixMethod) -> Method {
    // An actix method is a valid token, so this fails never; `GET` would only mean "not
    // a preflight", which is what a method `OPTIONS` is not.
    Method::from_bytes(method.as_str().as_bytes()).unwrap_or(Method::GET)
}
