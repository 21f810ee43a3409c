//! A policy whose preflight answers list only the methods its resource serves.
//!
//! actix-web runs one middleware per resource, and a middleware sees only its own
//! resource: it cannot know that another resource of the path serves `DELETE` under
//! another policy. If `PUT`'s policy lists `DELETE` too, its answer to the preflight for
//! `PUT` says `Access-Control-Allow-Methods: PUT, DELETE`, the browser caches it, and
//! sends the page's `DELETE` without asking `DELETE`'s policy (`crate::allow_methods`
//! says why). So the route macros (and [`CorsMiddleware::for_methods`], and
//! [`resource_for`](super::resource_for)) give each middleware the methods its resource
//! serves, and its answers list only those of the policy's. The narrowed value is
//! computed once, when the middleware is built, and converted to actix's type with the
//! policy's other values (`sink.rs`), so a preflight costs what it did. Each narrowed
//! middleware also records where it serves, so that answers whose request-header names
//! would cover another policy's handler go uncached (`siblings.rs`).

use actix_web::http::Method;
use http::HeaderValue;

use super::CorsMiddleware;
use super::siblings::{self, Place};
use crate::allow_methods::{AllowMethods, narrowed_to};
use crate::handle::{PolicyHandle, sealed};
use crate::header_values::HeaderValues;
use crate::{Policy, PolicyName};

/// A [`PolicyHandle`] whose preflight answers list only the methods a resource serves:
/// what [`CorsMiddleware::for_methods`] gives.
#[derive(Clone, Debug)]
pub struct Narrowed<H> {
    inner: H,
    allow_methods: AllowMethods,
}

impl<H: PolicyHandle> CorsMiddleware<H> {
    /// This middleware, for a resource that serves only `methods`: its preflight answers
    /// list in `Access-Control-Allow-Methods` only the methods of the policy that are
    /// among `methods` (never `*`), so that a browser's cached answer never covers
    /// another resource's method on the same path. Nothing else changes: the policy
    /// still decides every request.
    ///
    /// ```
    /// use actix_web::http::Method;
    /// use typed_cors::Policy;
    /// use typed_cors::actix::CorsMiddleware;
    ///
    /// let policy = Policy::builder()
    ///     .origins(["https://app.example.com"])
    ///     .methods(["PUT", "DELETE"])
    ///     .build()?;
    /// // Answers the preflight for `PUT` with `Access-Control-Allow-Methods: PUT`.
    /// let cors = CorsMiddleware::new(policy).for_methods([Method::PUT]);
    /// # let _ = cors;
    /// # Ok::<(), typed_cors::PolicyError>(())
    /// ```
    ///
    /// Not told its path, it cannot know which other handlers share its URL: if its
    /// policy allows request headers, its answers say `Access-Control-Max-Age: 0` when
    /// any narrowed middleware of the process has another policy, and it counts as a
    /// handler of every path for the others. Tell it the path with
    /// [`for_resource`](Self::for_resource) instead.
    pub fn for_methods(
        self,
        methods: impl IntoIterator<Item = Method>,
    ) -> CorsMiddleware<Narrowed<H>> {
        self.narrowed_at(Place::Anywhere, methods.into_iter().collect())
    }

    /// This middleware, for the resource at `path` (as written for it, relative to its
    /// scope) that serves only `methods`: [`for_methods`](Self::for_methods), and its
    /// preflight answers go uncached only when they allow request headers and another
    /// handler that may share their URL, of any method, has another policy (a browser
    /// would reuse the answer's request-header names for its requests: `siblings.rs`).
    /// [`resource_for`](super::resource_for) uses it.
    ///
    /// ```
    /// use actix_web::http::Method;
    /// use actix_web::web;
    /// use typed_cors::Policy;
    /// use typed_cors::actix::{CorsMiddleware, method_guard};
    ///
    /// let policy = Policy::builder()
    ///     .origins(["https://app.example.com"])
    ///     .methods(["PUT"])
    ///     .allow_headers(["x-token"])
    ///     .max_age(600)
    ///     .build()?;
    /// let resource = web::resource("/notes")
    ///     .guard(method_guard([Method::PUT]))
    ///     // Your own middleware here, inside the policy.
    ///     .wrap(CorsMiddleware::new(policy).for_resource("/notes", [Method::PUT]));
    /// # let _ = resource;
    /// # Ok::<(), typed_cors::PolicyError>(())
    /// ```
    pub fn for_resource(
        self,
        path: &str,
        methods: impl IntoIterator<Item = Method>,
    ) -> CorsMiddleware<Narrowed<H>> {
        self.narrowed_at(Place::Pattern(path.into()), methods.into_iter().collect())
    }

    /// Narrowed to `methods`, recorded at `place` as a handler of them (`siblings.rs`).
    fn narrowed_at(self, place: Place, methods: Vec<Method>) -> CorsMiddleware<Narrowed<H>> {
        let policy = self.policy.policy_ref();
        siblings::record(&place, policy);
        let allow_methods = narrowed_to(policy, methods.iter().map(Method::as_str));
        let mut narrowed = CorsMiddleware::with_handle(Narrowed {
            inner: self.policy,
            allow_methods,
        });
        narrowed.place = Some(place);
        narrowed
    }
}

impl<H> sealed::Sealed for Narrowed<H> {}

impl<H: PolicyHandle> PolicyHandle for Narrowed<H> {
    type Values = Self;

    #[inline(always)]
    fn with_policy<R>(&self, f: impl FnOnce(&Policy, &Self) -> R) -> R {
        self.inner.with_policy(|policy, _| f(policy, self))
    }

    #[inline(always)]
    fn name(&self) -> Option<&'static PolicyName> {
        self.inner.name()
    }

    fn policy_ref(&self) -> &Policy {
        self.inner.policy_ref()
    }
}

/// The policy's own values, but the narrowed `Access-Control-Allow-Methods`.
impl<H: PolicyHandle> HeaderValues for Narrowed<H> {
    #[inline(always)]
    fn expose_headers(&self) -> Option<HeaderValue> {
        self.inner.with_policy(|_, values| values.expose_headers())
    }

    #[inline(always)]
    fn allow_methods(&self) -> Option<HeaderValue> {
        (self.allow_methods)
            .or_policy(|| self.inner.with_policy(|_, values| values.allow_methods()))
    }

    #[inline(always)]
    fn allow_headers(&self) -> Option<HeaderValue> {
        self.inner.with_policy(|_, values| values.allow_headers())
    }

    #[inline(always)]
    fn max_age(&self) -> Option<HeaderValue> {
        self.inner.with_policy(|_, values| values.max_age())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::PolicyHandle;

    fn policy(methods: &[&str]) -> Policy {
        Policy::builder()
            .origins(["https://app.example.com"])
            .methods(methods.iter().copied())
            .expose_headers(["x-request-id"])
            .max_age(600)
            .build()
            .expect("valid")
    }

    /// The four values the writer reads, as text.
    fn values(handle: &impl PolicyHandle) -> [Option<String>; 4] {
        handle.with_policy(|_, v| {
            [
                v.allow_methods(),
                v.expose_headers(),
                v.allow_headers(),
                v.max_age(),
            ]
            .map(|value| value.map(|v| v.to_str().expect("ascii").to_owned()))
        })
    }

    #[test]
    fn only_allow_methods_is_narrowed() {
        let both = CorsMiddleware::new(policy(&["PUT", "DELETE"]));
        let mut expected = values(&both.policy);
        assert_eq!(expected[0].as_deref(), Some("PUT, DELETE"));
        let narrowed = both.clone().for_methods([Method::PUT]);
        expected[0] = Some("PUT".to_owned());
        assert_eq!(values(&narrowed.policy), expected);
        // The handle still stands for the whole policy: it decides every request.
        assert!(narrowed.policy.policy_ref() == both.policy.policy_ref());
    }

    #[test]
    fn a_wildcard_lists_the_served_methods_and_a_safelisted_one_none() {
        let any = CorsMiddleware::new(policy(&["*"]));
        let narrowed = any.clone().for_methods([Method::PATCH, Method::PUT]);
        assert_eq!(values(&narrowed.policy)[0].as_deref(), Some("PATCH, PUT"));
        let get = any.for_methods([Method::GET]);
        assert_eq!(values(&get.policy)[0], None);
    }
}
