//! The per-method router's policies as a list of types: one entry per routed method, each
//! with the handle of its handler's policy. A preflight walks the list by the method it
//! asks for: a compile-time chain of comparisons with constants, folded like the rest of
//! a compiled policy (no allocation, no lookup by string).

use http::header::{ACCESS_CONTROL_REQUEST_METHOD, ORIGIN};
use http::{HeaderMap, HeaderValue, Method, Request};

use super::allow_methods;
use super::methods;
use crate::allow_methods::{AllowMethods, RouteValues};
use crate::header_values::HeaderValues;
use crate::plan::{Plan, Preflight, Reason};
use crate::request_headers::HttpRequest;
use crate::vary::{Vary, append_vary};
use crate::write;
use crate::{Policy, PolicyHandle};

/// The end of the list.
#[derive(Clone, Copy, Debug, Default)]
pub struct Nil;

/// The policy of the handler routed for the method `BIT` (a bit of
/// `typed_cors::axum::methods`), then the rest of the list.
#[derive(Clone, Debug)]
pub struct Entry<const BIT: u16, H, Next> {
    handle: H,
    allow_methods: AllowMethods,
    /// Answer `Access-Control-Max-Age: 0`: the answer's cached header entries would let
    /// a request of another handler of the path skip its preflight
    /// ([`allow_methods::covers_other_handlers`]).
    uncached: bool,
    next: Next,
}

impl<const BIT: u16, H, Next> Entry<BIT, H, Next> {
    pub(crate) fn new(handle: H, next: Next) -> Self {
        Self {
            handle,
            allow_methods: AllowMethods::Policy,
            uncached: false,
            next,
        }
    }
}

mod sealed {
    pub trait Sealed {}
}

impl sealed::Sealed for Nil {}
impl<const BIT: u16, H, Next> sealed::Sealed for Entry<BIT, H, Next> {}

/// A list of ([method](Entry), policy) pairs: [`Nil`] or an [`Entry`]. Sealed.
pub trait Routes: Clone + Send + Sync + 'static + sealed::Sealed {
    /// The routed methods, as bits.
    #[doc(hidden)]
    const METHODS: u16;

    /// Answers a preflight for the method `bit` into `out` with the policy routed for
    /// it; `false` if no entry is routed for `bit`.
    #[doc(hidden)]
    fn answer(
        &self,
        bit: u16,
        origin: Option<&HeaderValue>,
        method: Option<&HeaderValue>,
        headers: &HeaderMap,
        out: &mut HeaderMap,
    ) -> bool;

    /// Answers a preflight for a method no entry is routed for (or a repeated
    /// `Access-Control-Request-Method`) as a refusal of that method by the policy of the
    /// first handler written whose policy allows the origin, so that the browser's console names the method,
    /// not the origin; `false` (nothing written) if no entry's policy allows the origin.
    #[doc(hidden)]
    fn refuse_unrouted(
        &self,
        origin: Option<&HeaderValue>,
        method: Option<&HeaderValue>,
        headers: &HeaderMap,
        out: &mut HeaderMap,
    ) -> bool;

    /// Every entry's method and policy.
    #[doc(hidden)]
    fn policies(&self, out: &mut Vec<(u16, Policy)>);

    /// Narrows each entry's `Access-Control-Allow-Methods` to the methods of `all` that
    /// share its policy.
    #[doc(hidden)]
    fn narrow(&mut self, all: &[(u16, Policy)]);
}

impl Routes for Nil {
    const METHODS: u16 = 0;

    #[inline(always)]
    fn answer(
        &self,
        _: u16,
        _: Option<&HeaderValue>,
        _: Option<&HeaderValue>,
        _: &HeaderMap,
        _: &mut HeaderMap,
    ) -> bool {
        false
    }

    fn refuse_unrouted(
        &self,
        _: Option<&HeaderValue>,
        _: Option<&HeaderValue>,
        _: &HeaderMap,
        _: &mut HeaderMap,
    ) -> bool {
        false
    }

    fn policies(&self, _: &mut Vec<(u16, Policy)>) {}

    fn narrow(&mut self, _: &[(u16, Policy)]) {}
}

impl<const BIT: u16, H: PolicyHandle, Next: Routes> Routes for Entry<BIT, H, Next> {
    const METHODS: u16 = BIT | Next::METHODS;

    #[inline(always)]
    fn answer(
        &self,
        bit: u16,
        origin: Option<&HeaderValue>,
        method: Option<&HeaderValue>,
        headers: &HeaderMap,
        out: &mut HeaderMap,
    ) -> bool {
        if bit != BIT {
            return self.next.answer(bit, origin, method, headers, out);
        }
        let (handle, name) = (&self.handle, self.handle.name());
        handle.with_policy(|policy, values| {
            let values = RouteValues {
                values,
                allow_methods: &self.allow_methods,
                uncached: self.uncached,
            };
            // A repeated `Access-Control-Request-Method` is ambiguous: refused.
            let requested = method.ok_or(Reason::RepeatedRequestMethod);
            let options = Method::OPTIONS;
            let request = HttpRequest::new(&options, headers);
            let plan = Plan::Preflight(Preflight::decide(policy, origin, requested, request));
            crate::log::decided(|| handle.policy_ref(), &plan, &options, headers, name);
            if let Plan::Preflight(answer) = plan {
                write::preflight(policy, &values, answer, out);
            }
        });
        true
    }

    #[cold]
    fn refuse_unrouted(
        &self,
        origin: Option<&HeaderValue>,
        method: Option<&HeaderValue>,
        headers: &HeaderMap,
        out: &mut HeaderMap,
    ) -> bool {
        // The list holds the last handler written first: the first one written answers.
        if self.next.refuse_unrouted(origin, method, headers, out) {
            return true;
        }
        let (handle, name) = (&self.handle, self.handle.name());
        handle.with_policy(|policy, values| {
            let options = Method::OPTIONS;
            let request = HttpRequest::new(&options, headers);
            let requested = method.ok_or(Reason::RepeatedRequestMethod);
            let mut answer = Preflight::decide(policy, origin, requested, request);
            if answer.allow_origin.is_none() {
                return false;
            }
            // Refused whatever this policy lists: no handler of the path serves the method.
            answer.refusal = Some(requested.map_or_else(|r| r, Reason::MethodNotAllowed));
            let plan = Plan::Preflight(answer);
            crate::log::decided(|| handle.policy_ref(), &plan, &options, headers, name);
            if let Plan::Preflight(mut answer) = plan {
                answer.echo_headers = None;
                let values = NoHeaderNames(RouteValues {
                    values,
                    allow_methods: &self.allow_methods,
                    uncached: self.uncached,
                });
                write::preflight(policy, &values, answer, out);
            }
            true
        })
    }

    fn policies(&self, out: &mut Vec<(u16, Policy)>) {
        out.push((BIT, self.handle.with_policy(|policy, _| policy.clone())));
        self.next.policies(out);
    }

    fn narrow(&mut self, all: &[(u16, Policy)]) {
        let policy = self.handle.with_policy(|policy, _| policy.clone());
        self.allow_methods = allow_methods::narrowed(&policy, all);
        self.uncached = allow_methods::covers_other_handlers(&policy, all);
        self.next.narrow(all);
    }
}

/// A policy's values for its refusal of a method no handler serves, without
/// `Access-Control-Allow-Headers`. The method may be one the policy allows (`POST`, or one
/// it lists): the browser would then accept an answer naming the requested headers, and
/// keep those names in its preflight cache for the URL, where another handler's requests
/// would use them without asking their own policy. Without them, a request that needed
/// the preflight for its headers fails, and nothing is cached but the policy's own
/// methods, as its own answer would cache them.
struct NoHeaderNames<V>(V);

impl<V: HeaderValues> HeaderValues for NoHeaderNames<V> {
    fn expose_headers(&self) -> Option<HeaderValue> {
        self.0.expose_headers()
    }

    fn allow_methods(&self) -> Option<HeaderValue> {
        self.0.allow_methods()
    }

    fn allow_headers(&self) -> Option<HeaderValue> {
        None
    }

    fn max_age(&self) -> Option<HeaderValue> {
        self.0.max_age()
    }
}

/// Narrows every entry's `Access-Control-Allow-Methods`, once, when the router is built.
pub(crate) fn narrow_all<R: Routes>(routes: &mut R) {
    let mut all = Vec::new();
    routes.policies(&mut all);
    routes.narrow(&all);
}

/// The answer to `request` if it is a preflight (`OPTIONS` with `Origin` and
/// `Access-Control-Request-Method`): the headers of the policy routed for the requested
/// method; when no handler serves it, a refusal of the method by a policy of the path
/// that allows the origin ([`Routes::refuse_unrouted`]), else a refusal with only `Vary`.
#[inline(always)]
pub(crate) fn answer_preflight<R: Routes, B>(
    routes: &R,
    request: &Request<B>,
) -> Option<HeaderMap> {
    if request.method() != Method::OPTIONS {
        return None;
    }
    let headers = request.headers();
    let mut origins = headers.get_all(ORIGIN).iter();
    let first_origin = origins.next()?;
    let mut requested = headers.get_all(ACCESS_CONTROL_REQUEST_METHOD).iter();
    let first_method = requested.next()?;
    // A repeated header is ambiguous: the policy refuses it, as `CorsLayer` does.
    let origin = origins.next().is_none().then_some(first_origin);
    let method = requested.next().is_none().then_some(first_method);
    let bit = method.map_or(0, |m| methods::requested(m.as_bytes(), R::METHODS));
    let mut out = HeaderMap::new();
    if !routes.answer(bit, origin, method, headers, &mut out)
        && !routes.refuse_unrouted(origin, method, headers, &mut out)
    {
        append_vary(&mut out, Vary::Preflight, false);
    }
    Some(out)
}
