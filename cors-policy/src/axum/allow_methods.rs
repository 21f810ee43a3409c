//! `Access-Control-Allow-Methods` on a per-method router's preflight answers: only the
//! methods of the path whose handlers share the answering policy (equal policies give
//! equal answers, so sharing the cache is harmless). The narrowing itself, and why, is
//! shared with the actix middleware: `crate::allow_methods`.

use http::HeaderValue;

use super::methods;
use crate::Policy;
use crate::allow_methods::{AllowMethods, narrowed_to};
use crate::header_values::HeaderValues;

/// The `Access-Control-Allow-Methods` for the route of `policy`, given the policy of
/// every routed method of the path.
pub(crate) fn narrowed(policy: &Policy, routes: &[(u16, Policy)]) -> AllowMethods {
    let served = methods::ALL
        .iter()
        .filter(|(bit, _)| routes.iter().any(|(b, p)| b == bit && p == policy))
        .map(|&(_, name)| name);
    narrowed_to(policy, served)
}

/// A policy's header values with a route's `Access-Control-Allow-Methods` in place of
/// the policy's.
pub(crate) struct RouteValues<'a, V> {
    pub(crate) values: &'a V,
    pub(crate) allow_methods: &'a AllowMethods,
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
        self.values.max_age()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use methods::{DELETE, GET, PATCH, PUT};

    fn policy(methods: &[&str]) -> Policy {
        Policy::builder()
            .origins(["https://app.example.com"])
            .methods(methods.iter().copied())
            .build()
            .expect("valid")
    }

    fn value(allow: &AllowMethods) -> Option<&str> {
        match allow {
            AllowMethods::Policy => Some("(policy)"),
            AllowMethods::Narrowed(v) => v.as_ref().map(|v| v.to_str().expect("ascii")),
        }
    }

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
