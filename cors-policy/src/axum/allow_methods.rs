//! `Access-Control-Allow-Methods` on a per-method router's preflight answers: only the
//! methods of the path whose handlers share the answering policy.
//!
//! Browsers cache a preflight answer per origin and URL, and reuse it for every method
//! it lists (Fetch, "CORS-preflight cache"; Chromium does, see the browser suite). If the
//! answer for `PUT` listed `DELETE` while `DELETE` has a handler with another policy, a
//! later `DELETE` would skip its own preflight and reach its handler on `PUT`'s word. So
//! each answer lists only methods whose handler has an equal policy (equal policies give
//! equal answers, so sharing the cache is harmless) and that the policy itself allows.
//! Computed once, when the router is built.

use std::sync::{Mutex, PoisonError};

use http::HeaderValue;

use super::methods;
use crate::Policy;
use crate::header_values::HeaderValues;
use crate::policy::NameRule;

/// What a route's preflight answers send as `Access-Control-Allow-Methods`.
#[derive(Clone, Debug, Default)]
pub enum AllowMethods {
    /// The policy's own value (a constant for a compiled policy): it already lists only
    /// methods that share the policy on this path.
    #[default]
    Policy,
    /// A narrower list than the policy's (or none).
    Narrowed(Option<HeaderValue>),
}

/// The `Access-Control-Allow-Methods` for the route of `policy`, given the policy of
/// every routed method of the path.
pub(crate) fn narrowed(policy: &Policy, routes: &[(u16, Policy)]) -> AllowMethods {
    let shared: Vec<&str> = methods::ALL
        .iter()
        .filter(|(bit, name)| {
            !methods::is_safelisted(name)
                && lists(policy, name)
                && routes.iter().any(|(b, p)| b == bit && p == policy)
        })
        .map(|&(_, name)| name)
        .collect();
    if let NameRule::List { names, .. } = &policy.0.methods {
        let mut listed: Vec<&str> = names
            .iter()
            .map(|n| n.as_ref())
            .filter(|n| !methods::is_safelisted(n))
            .collect();
        listed.sort_unstable();
        let mut sorted = shared.clone();
        sorted.sort_unstable();
        if listed == sorted {
            return AllowMethods::Policy;
        }
    }
    AllowMethods::Narrowed((!shared.is_empty()).then(|| intern(shared.join(", "))))
}

/// Whether the policy allows `method` in a preflight (safelisted methods aside).
fn lists(policy: &Policy, method: &str) -> bool {
    match &policy.0.methods {
        NameRule::Any | NameRule::AnyAndAuthorization => true,
        NameRule::List { names, .. } => names.iter().any(|n| n == method),
    }
}

/// A `'static` header value for `list`, so that answers copy it instead of counting
/// references. Leaks at most one string per distinct list, and there are at most 15 (the
/// subsets of `PUT`, `DELETE`, `PATCH`, `OPTIONS`), however often routers are built.
fn intern(list: String) -> HeaderValue {
    static INTERNED: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let mut interned = INTERNED.lock().unwrap_or_else(PoisonError::into_inner);
    let value = match interned.iter().find(|s| **s == list) {
        Some(found) => *found,
        None => {
            let leaked: &'static str = Box::leak(list.into_boxed_str());
            interned.push(leaked);
            leaked
        }
    };
    HeaderValue::from_static(value)
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
        match self.allow_methods {
            AllowMethods::Policy => self.values.allow_methods(),
            AllowMethods::Narrowed(value) => value.clone(),
        }
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

    #[test]
    fn equal_lists_share_one_leaked_string() {
        let a = intern("PUT, DELETE".to_owned());
        let b = intern("PUT, DELETE".to_owned());
        assert_eq!(a.as_bytes().as_ptr(), b.as_bytes().as_ptr());
    }
}
