//! `Access-Control-Allow-Methods` on a per-method router's preflight answers: only the
//! methods of the path whose handlers share the answering policy (equal policies give
//! equal answers, so sharing the cache is harmless). The narrowing itself, and why, is
//! shared with the actix middleware: `crate::allow_methods`.

use http::HeaderValue;

use super::methods;
use crate::Policy;
use crate::allow_methods::{AllowMethods, narrowed_to};
use crate::header_values::HeaderValues;
use crate::policy::NameRule;

/// The `Access-Control-Allow-Methods` for the route of `policy`, given the policy of
/// every routed method of the path.
pub(crate) fn narrowed(policy: &Policy, routes: &[(u16, Policy)]) -> AllowMethods {
    let served = methods::ALL
        .iter()
        .filter(|(bit, _)| routes.iter().any(|(b, p)| b == bit && p == policy))
        .map(|&(_, name)| name);
    narrowed_to(policy, served)
}

/// Whether a cached answer of `policy` would let a browser skip the preflight of another
/// handler of the path. The answer's methods are narrowed, but its request-header names
/// are cached per origin and URL for every method (Fetch, "CORS-preflight cache"), and a
/// `GET`, `HEAD` or `POST` needs only those: after a `PUT` answer allowing
/// `x-token`, Chromium sends a `POST` with `x-token` without asking, to the `POST`
/// handler, whose other policy is then asked only about the response, after it ran.
/// So when the path has a `GET`, `HEAD` or `POST` handler with another policy, and this
/// answer allows request headers, it must not be cached at all.
pub(crate) fn covers_other_handlers(policy: &Policy, routes: &[(u16, Policy)]) -> bool {
    let safelisted = methods::GET | methods::HEAD | methods::POST;
    allows_request_headers(policy)
        && routes
            .iter()
            .any(|(bit, other)| bit & safelisted != 0 && other != policy)
}

/// Whether `policy` lets a preflight ask for any request header.
fn allows_request_headers(policy: &Policy) -> bool {
    match &policy.0.allow_headers {
        NameRule::Any | NameRule::AnyAndAuthorization => true,
        NameRule::List { names } => !names.is_empty(),
    }
}

/// `Access-Control-Max-Age: 0`: the browser uses the answer for its one request only.
const NOT_CACHED: HeaderValue = HeaderValue::from_static("0");

/// A policy's header values with a route's `Access-Control-Allow-Methods` in place of
/// the policy's, and `Access-Control-Max-Age: 0` when the answer must not be cached.
pub(crate) struct RouteValues<'a, V> {
    pub(crate) values: &'a V,
    pub(crate) allow_methods: &'a AllowMethods,
    pub(crate) uncached: bool,
}

impl<V: HeaderValues> HeaderValues for RouteValues<'_, V> {
    #[inline(always)]
    fn expose_headers(&self) -> Option<HeaderValue> {
        self.values.expose_headers()
    }

    #[inline(always)]
    fn allow_methods(&self) -> Option<HeaderValue> {
        self.allow_methods.or_policy(|| self.values.allow_methods())
    }

    #[inline(always)]
    fn allow_headers(&self) -> Option<HeaderValue> {
        self.values.allow_headers()
    }

    #[inline(always)]
    fn max_age(&self) -> Option<HeaderValue> {
        if self.uncached {
            Some(NOT_CACHED)
        } else {
            self.values.max_age()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use methods::{DELETE, GET, PATCH, PUT};
    // The shared narrowing's helpers: the same policies, the same reading of an answer.
    use crate::allow_methods::tests::{policy, value};

    #[test]
    fn a_policy_listing_exactly_its_routed_methods_keeps_its_constant() {
        let both = policy(&["PUT", "DELETE"]);
        let routes = [(PUT, both.clone()), (DELETE, both.clone())];
        assert_eq!(value(&narrowed(&both, &routes)), Some("(policy)"));
    }

    #[test]
    fn methods_of_other_policies_are_never_listed() {
        let update = policy(&["PUT", "DELETE"]);
        let remove = policy(&["DELETE", "PATCH"]);
        let routes = [(PUT, update.clone()), (DELETE, remove.clone())];
        assert_eq!(value(&narrowed(&update, &routes)), Some("PUT"));
        assert_eq!(value(&narrowed(&remove, &routes)), Some("DELETE"));
    }

    #[test]
    fn a_wildcard_is_replaced_by_the_routed_methods_of_the_policy() {
        let any = policy(&["*"]);
        let other = policy(&["PATCH"]);
        let routes = [(GET, any.clone()), (PUT, any.clone()), (PATCH, other)];
        assert_eq!(value(&narrowed(&any, &routes)), Some("PUT"));
    }

    #[test]
    fn safelisted_methods_alone_send_no_list() {
        let read = policy(&["PUT"]);
        let write = policy(&["DELETE"]);
        let routes = [(GET, read.clone()), (DELETE, write)];
        assert_eq!(value(&narrowed(&read, &routes)), None);
    }
}
