//! `Access-Control-Allow-Methods` on a per-method router's preflight answers: only the
//! methods of the path whose handlers share the answering policy (equal policies give
//! equal answers, so sharing the cache is harmless). The narrowing itself, and why, is
//! shared with the actix middleware: `crate::allow_methods`, as is the rule that keeps an
//! answer uncached.

use super::methods;
use crate::Policy;
use crate::allow_methods::{self, AllowMethods, narrowed_to};

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
/// handler of the path: every routed method's, under the rule shared with actix-web
/// ([`allow_methods::covers_other_handlers`], which says why any method counts).
pub(crate) fn covers_other_handlers(policy: &Policy, routes: &[(u16, Policy)]) -> bool {
    allow_methods::covers_other_handlers(policy, routes.iter().map(|(_, other)| other))
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

    /// `PUT` (x-token) beside `DELETE` under another policy: a browser matching the
    /// cached header name and the cached method independently (Fetch; Firefox) would send
    /// `DELETE` with `x-token` unasked, so `PUT`'s answer goes uncached. Chromium, which
    /// keeps one entry per URL, cannot show it.
    #[test]
    fn an_answer_allowing_headers_is_uncached_beside_any_method_of_another_policy() {
        let update = crate::Policy::builder()
            .origins(["https://app.example.com"])
            .methods(["PUT"])
            .allow_headers(["x-token"])
            .build()
            .expect("valid");
        let remove = policy(&["DELETE"]);
        let routes = [(PUT, update.clone()), (DELETE, remove.clone())];
        assert!(covers_other_handlers(&update, &routes));
        assert!(!covers_other_handlers(&remove, &routes));
        // The same policy for both methods: cached.
        let routes = [(PUT, update.clone()), (DELETE, update.clone())];
        assert!(!covers_other_handlers(&update, &routes));
    }
}
