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
//!
//! The methods are not all an answer lets a browser skip: [`covers_other_handlers`] says
//! when an answer must not be cached at all, for both frameworks.

use std::sync::{Mutex, PoisonError};

use http::HeaderValue;

use crate::Policy;
use crate::header_values::HeaderValues;
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

/// Whether a cached answer of `policy` would let a browser skip the preflight of another
/// handler of the URL, given the policies of every handler that may serve it, whatever
/// its method (`handlers`). The answer's methods are narrowed, but its request-header
/// names are cached per origin and URL apart from them, and a request skips its
/// preflight when its method and each of its header names have a cache entry, matched
/// one by one (fetch.bs, "HTTP fetch": "method cache entry match", "header-name cache
/// entry match"; Firefox's `nsPreflightCache` likewise). A `GET`, `HEAD` or `POST` needs
/// only the header names: after a `PUT` answer allowing `x-token`, Chromium sends a
/// `POST` with `x-token` unasked to the `POST` handler. Any other method needs its own
/// cached answer too: after `PUT`'s and then `DELETE`'s own (allowing no header), Firefox
/// sends a `DELETE` with `x-token` unasked to the `DELETE` handler (Chromium, which keeps
/// one entry per URL and replaces it, does not). Either handler's other policy is then
/// asked only about the response, after it ran. So when any handler of the URL has
/// another policy, and this answer allows request headers, it must not be cached at all.
/// Equal policies give equal answers: sharing the cache between them is harmless.
pub(crate) fn covers_other_handlers<'a>(
    policy: &Policy,
    handlers: impl IntoIterator<Item = &'a Policy>,
) -> bool {
    allows_request_headers(policy) && (handlers.into_iter()).any(|other| other != policy)
}

/// Whether `policy` lets a preflight ask for any request header.
fn allows_request_headers(policy: &Policy) -> bool {
    match &policy.0.allow_headers {
        NameRule::Any | NameRule::AnyAndAuthorization => true,
        NameRule::List { names } => !names.is_empty(),
    }
}

/// `Access-Control-Max-Age: 0`: the browser uses the answer for its one request only
/// (without the header, Chromium would keep it 5 seconds).
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

    /// `policy(methods)` allowing the request headers `headers`.
    fn with_headers(methods: &[&str], headers: &[&str]) -> Policy {
        Policy::builder()
            .origins(["https://app.example.com"])
            .methods(methods.iter().copied())
            .allow_headers(headers.iter().copied())
            .build()
            .expect("valid")
    }

    #[test]
    fn an_answer_allowing_headers_is_uncached_beside_another_policys_safelisted_handler() {
        let update = with_headers(&["PUT"], &["x-token"]);
        let update_and_more = with_headers(&["PUT"], &["x-token", "x-more"]);
        assert!(covers_other_handlers(&update, [&update_and_more]));
        let read = policy(&["GET"]);
        assert!(covers_other_handlers(&update, [&read]));
        // Under the same policy, the GET handler's own answer would say the same.
        assert!(!covers_other_handlers(&update, [&update.clone()]));
        assert!(!covers_other_handlers(&update, []));
        // An answer that allows no request header lets no request skip anything more
        // than its methods, which are narrowed.
        let bare = policy(&["PUT"]);
        assert!(!covers_other_handlers(&bare, [&read]));
        let any = Policy::builder()
            .origins(["https://app.example.com"])
            .allow_headers(["*"])
            .build()
            .expect("valid");
        assert!(covers_other_handlers(&any, [&read]));
    }

    /// Fetch matches a cached answer's methods and header names independently: after
    /// `PUT`'s answer (x-token) and `DELETE`'s own (no header), Firefox sends a `DELETE`
    /// with `x-token` without asking, to the `DELETE` handler. So a handler of any method
    /// with another policy counts, not only `GET`, `HEAD` and `POST`.
    #[test]
    fn an_answer_allowing_headers_is_uncached_beside_another_policys_delete() {
        let update = with_headers(&["PUT"], &["x-token"]);
        let remove = policy(&["DELETE"]);
        assert!(covers_other_handlers(&update, [&remove]));
        // `DELETE`'s own answer allows no header: its cache entries cover nothing more
        // than `DELETE`, which its policy judges anyway.
        assert!(!covers_other_handlers(&remove, [&update]));
    }

    #[test]
    fn an_uncached_answer_says_max_age_zero_and_keeps_the_rest() {
        let update = Policy::builder()
            .origins(["https://app.example.com"])
            .methods(["PUT"])
            .allow_headers(["x-token"])
            .max_age(600)
            .build()
            .expect("valid");
        let text = |v: Option<HeaderValue>| v.map(|v| v.to_str().expect("ascii").to_owned());
        let values = |uncached| RouteValues {
            values: &update,
            allow_methods: &AllowMethods::Policy,
            uncached,
        };
        assert_eq!(text(values(false).max_age()).as_deref(), Some("600"));
        assert_eq!(text(values(true).max_age()).as_deref(), Some("0"));
        assert_eq!(
            text(values(true).allow_headers()),
            text(update.allow_headers())
        );
        // A policy without `max_age` would be kept 5 seconds by Chromium: `0` is written.
        let unset = policy(&["PUT"]);
        let values = RouteValues {
            values: &unset,
            allow_methods: &AllowMethods::Policy,
            uncached: true,
        };
        assert_eq!(text(values.max_age()).as_deref(), Some("0"));
    }

    #[test]
    fn equal_lists_share_one_leaked_string() {
        let a = intern("PUT, DELETE".to_owned());
        let b = intern("PUT, DELETE".to_owned());
        assert_eq!(a.as_bytes().as_ptr(), b.as_bytes().as_ptr());
    }
}
