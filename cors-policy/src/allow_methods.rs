//! `Access-Control-Allow-Methods` narrowed to the methods a route serves: shared by the
//! axum per-method router (`axum/allow_methods.rs`) and the actix middleware
//! (`actix/narrowed.rs`).
//!
//! Browsers cache a preflight answer per origin and URL, and reuse it for every method
//! it lists (Fetch, "CORS-preflight cache"; Chromium does, see the browser suite). If the
//! answer for `PUT` listed `DELETE` while `DELETE` has a handler with another policy, a
//! later `DELETE` would skip its own preflight and reach its handler on `PUT`'s word. So
//! an answer lists only methods that the route serves under the answering policy (and
//! that the policy itself allows); a policy's `*` becomes that list too. Computed once,
//! when the router or middleware is built.

use std::sync::{Mutex, PoisonError};

use http::HeaderValue;

use crate::Policy;
use crate::policy::NameRule;

/// What a route's preflight answers send as `Access-Control-Allow-Methods`.
#[cfg_attr(not(feature = "axum"), allow(unreachable_pub))] // public as `typed_cors::axum::AllowMethods`
#[derive(Clone, Debug, Default)]
pub enum AllowMethods {
    /// The policy's own value (a constant for a compiled policy): it already lists only
    /// methods that the route serves under the policy.
    #[default]
    Policy,
    /// A narrower list than the policy's (or none).
    Narrowed(Option<HeaderValue>),
}

impl AllowMethods {
    /// The value to send, given the policy's own.
    #[inline(always)]
    pub(crate) fn or_policy(
        &self,
        policy: impl FnOnce() -> Option<HeaderValue>,
    ) -> Option<HeaderValue> {
        match self {
            AllowMethods::Policy => policy(),
            AllowMethods::Narrowed(value) => value.clone(),
        }
    }
}

/// The `Access-Control-Allow-Methods` of `policy` on a route that serves `served` under
/// it (in the order to list them): the methods of both, safelisted and forbidden ones
/// aside (a browser never needs `GET`, `HEAD`, `POST` listed, and never sends `CONNECT`,
/// `TRACE`, `TRACK`).
pub(crate) fn narrowed_to<'a>(
    policy: &Policy,
    served: impl IntoIterator<Item = &'a str>,
) -> AllowMethods {
    let mut shared: Vec<&str> = Vec::new();
    for name in served {
        if needs_listing(name) && lists(policy, name) && !shared.contains(&name) {
            shared.push(name);
        }
    }
    if let NameRule::List { names, .. } = &policy.0.methods {
        let mut listed: Vec<&str> = names
            .iter()
            .map(|n| n.as_ref())
            .filter(|n| needs_listing(n))
            .collect();
        listed.sort_unstable();
        listed.dedup();
        let mut sorted = shared.clone();
        sorted.sort_unstable();
        if listed == sorted {
            return AllowMethods::Policy;
        }
    }
    AllowMethods::Narrowed((!shared.is_empty()).then(|| intern(shared.join(", "))))
}

/// Whether a preflight answer must list `method` for a browser to send it.
fn needs_listing(method: &str) -> bool {
    !matches!(
        method,
        "GET" | "HEAD" | "POST" | "CONNECT" | "TRACE" | "TRACK"
    )
}

/// Whether the policy allows `method` in a preflight (safelisted methods aside).
fn lists(policy: &Policy, method: &str) -> bool {
    match &policy.0.methods {
        NameRule::Any | NameRule::AnyAndAuthorization => true,
        NameRule::List { names, .. } => names.iter().any(|n| n == method),
    }
}

/// A `'static` header value for `list`, so that answers copy it instead of counting
/// references. Leaks at most one string per distinct list, however often routers and
/// middlewares are built: the subsets of `PUT`, `DELETE`, `PATCH`, `OPTIONS` (15), and
/// those with the extension methods the application's policies name.
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A policy for `app.example.com` allowing `methods`.
    pub(crate) fn policy(methods: &[&str]) -> Policy {
        Policy::builder()
            .origins(["https://app.example.com"])
            .methods(methods.iter().copied())
            .build()
            .expect("valid")
    }

    /// What an answer sends: `(policy)` for the policy's own constant.
    pub(crate) fn value(allow: &AllowMethods) -> Option<&str> {
        match allow {
            AllowMethods::Policy => Some("(policy)"),
            AllowMethods::Narrowed(v) => v.as_ref().map(|v| v.to_str().expect("ascii")),
        }
    }

    #[test]
    fn a_policy_listing_exactly_the_served_methods_keeps_its_constant() {
        let both = policy(&["PUT", "DELETE"]);
        assert_eq!(
            value(&narrowed_to(&both, ["DELETE", "PUT"])),
            Some("(policy)")
        );
        // Safelisted methods need no listing, either side.
        let with_get = policy(&["GET", "PUT"]);
        assert_eq!(value(&narrowed_to(&with_get, ["PUT"])), Some("(policy)"));
    }

    #[test]
    fn methods_the_route_does_not_serve_are_never_listed() {
        let both = policy(&["PUT", "DELETE"]);
        assert_eq!(value(&narrowed_to(&both, ["PUT"])), Some("PUT"));
        assert_eq!(value(&narrowed_to(&both, ["PATCH"])), None);
    }

    #[test]
    fn a_wildcard_becomes_the_served_methods_in_their_order() {
        let any = policy(&["*"]);
        assert_eq!(
            value(&narrowed_to(&any, ["GET", "PUT", "PURGE", "PUT"])),
            Some("PUT, PURGE")
        );
        assert_eq!(value(&narrowed_to(&any, ["CONNECT", "TRACE", "GET"])), None);
    }

    #[test]
    fn equal_lists_share_one_leaked_string() {
        let a = intern("PUT, DELETE".to_owned());
        let b = intern("PUT, DELETE".to_owned());
        assert_eq!(a.as_bytes().as_ptr(), b.as_bytes().as_ptr());
    }
}
