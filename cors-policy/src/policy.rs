//! The validated policy and its `const`-constructible parts.

use std::borrow::Cow;
use std::fmt;

use http::{HeaderMap, HeaderValue, Method, Request};

use crate::PolicyBuilder;
use crate::decide::Decision;
use crate::plan::Plan;
use crate::request_headers::HttpRequest;

/// A validated CORS policy, ready to apply.
///
/// Build one with `#[cors(...)]` / `#[derive(CorsPolicy)]` (checked at compile time) or
/// with [`Policy::builder`] (checked at run time, for origins read from configuration).
/// Every constant header value is built once, here, so applying the policy to a request
/// allocates nothing.
#[derive(Clone, PartialEq, Eq)]
pub struct Policy(pub(crate) PolicyParts);

/// The parts of a [`Policy`]: a transcription of `typed_cors_rules::PolicyPartsModel`,
/// field for field (`ValidPolicy::into_parts` decides them). Generated code fills them
/// from a policy that the macro has already validated; nothing else should.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyParts {
    pub origins: OriginRule,
    pub credentials: bool,
    pub methods: NameRule,
    pub allow_headers: NameRule,
    pub headers: FixedHeaders,
    pub private_network: bool,
    pub refuse_disallowed: bool,
}

/// The header values the policy alone fixes, made from the texts that
/// `typed_cors_rules::ValidPolicy::into_parts` decides: by `Policy::builder()` at run time
/// (`from_valid.rs`), by the macros as constants (which `Compiled` also offers on their own).
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedHeaders {
    pub expose_headers: Option<HeaderValue>,
    /// `*` for any method.
    pub allow_methods: Option<HeaderValue>,
    /// For a listed set; under `*` the request's list is echoed instead.
    pub allow_headers: Option<HeaderValue>,
    pub max_age: Option<HeaderValue>,
}

/// Where a policy was written: the handler or named policy, and its source location,
/// which the macros record for log events.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PolicyName {
    /// The handler's or named policy's name, e.g. `update_profile`.
    pub name: &'static str,
    /// The source file of its `#[cors(...)]`.
    pub file: &'static str,
    /// The line of its `#[cors(...)]`. (A policy built at run time has no name: its log
    /// events say `policy=""`, `policy_file=""` and `policy_line=0`.)
    pub line: u32,
}

/// Which origins are allowed.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
#[repr(u8)] // a tag byte: cheaper to test per request than a niche in a `Cow`
pub enum OriginRule {
    /// Any origin, answered with `*` (never with credentials).
    Any,
    /// Exact origins found through a hash table, then subdomain patterns.
    List {
        exact: Cow<'static, [Cow<'static, str>]>,
        /// Open-addressing slots over `exact`, built by `typed_cors_rules::OriginTable`.
        slots: Cow<'static, [u32]>,
        patterns: Cow<'static, [Pattern]>,
    },
}

/// `scheme_prefix` + one or more DNS labels + `suffix`.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    pub scheme_prefix: Cow<'static, str>,
    pub suffix: Cow<'static, str>,
}

/// Allowed methods or request headers.
#[doc(hidden)]
#[derive(Clone, Debug, PartialEq, Eq)]
#[repr(u8)] // a tag byte: cheaper to test per request than a niche in a `Cow`
pub enum NameRule {
    /// Any (`*`, never with credentials). For request headers, any but `authorization`.
    Any,
    /// Request headers only: any, `authorization` included (`["*", "authorization"]`).
    AnyAndAuthorization,
    /// These names (header names in lowercase).
    List {
        names: Cow<'static, [Cow<'static, str>]>,
    },
}

/// `Policy`'s own methods are all here: how it is built, asked, and read. The decision
/// itself is `Plan::decide` (`plan.rs`), the headers it leads to are `write.rs`'s.
impl Policy {
    /// Starts a policy built at run time.
    pub fn builder() -> PolicyBuilder {
        PolicyBuilder::default()
    }

    /// Decides how to answer a request with this method and these headers.
    pub fn decide<'a>(&'a self, method: &Method, headers: &'a HeaderMap) -> Decision<'a> {
        let plan = Plan::decide(self, HttpRequest::new(method, headers));
        crate::log::decided(|| self, &plan, method, headers, None);
        Decision {
            policy: self,
            plan,
            request: headers,
        }
    }

    /// The decision on `request`, to print or inspect: the same as
    /// [`decide`](Self::decide), without a log event.
    pub fn explain<'a, B>(&'a self, request: &'a Request<B>) -> Decision<'a> {
        Decision {
            policy: self,
            plan: Plan::decide(self, HttpRequest::new(request.method(), request.headers())),
            request: request.headers(),
        }
    }

    /// Wraps parts that the `#[cors]` macro validated at compile time.
    #[doc(hidden)]
    pub const fn __from_validated_parts(parts: PolicyParts) -> Self {
        Self(parts)
    }

    /// Whether credentialed requests are allowed (`Access-Control-Allow-Credentials: true`).
    pub fn allows_credentials(&self) -> bool {
        self.0.credentials
    }

    /// Whether actual requests from disallowed origins are refused with 403 before the
    /// inner service runs. See [`PolicyBuilder::refuse_disallowed_origins`](crate::PolicyBuilder::refuse_disallowed_origins).
    pub fn refuses_disallowed_origins(&self) -> bool {
        self.0.refuse_disallowed
    }

    /// Whether `origin` (the bytes of an `Origin` header) is allowed by this policy.
    pub fn allows_origin(&self, origin: &[u8]) -> bool {
        self.allows_origin_inline(origin)
    }

    /// [`allows_origin`](Self::allows_origin), inlined into the layer: with a compiled
    /// policy the list is a constant, and a one-origin check becomes a few word compares.
    #[inline(always)]
    pub(crate) fn allows_origin_inline(&self, origin: &[u8]) -> bool {
        match &self.0.origins {
            OriginRule::Any => true,
            OriginRule::List { patterns, .. } => {
                self.allows_exact_origin(origin)
                    || patterns.iter().any(|p| {
                        typed_cors_rules::subdomain_matches(
                            p.scheme_prefix.as_bytes(),
                            p.suffix.as_bytes(),
                            origin,
                        )
                    })
            }
        }
    }

    /// Whether `origin` is one of the exact origins of the list.
    #[inline(always)]
    pub(crate) fn allows_exact_origin(&self, origin: &[u8]) -> bool {
        let OriginRule::List { exact, slots, .. } = &self.0.origins else {
            return false;
        };
        // A short list is cheaper to compare than to hash; the cost stays bounded.
        match &**exact {
            // The usual list of a policy built at run time: no loop around the comparison.
            [only] => typed_cors_rules::bytes_eq(only.as_bytes(), origin),
            short if short.len() <= SHORT_LIST => short
                .iter()
                .any(|o| typed_cors_rules::bytes_eq(o.as_bytes(), origin)),
            _ => typed_cors_rules::lookup(slots, exact, origin),
        }
    }

    /// Whether the response depends on the request's `Origin`, so that caches must key
    /// on it (`Vary: Origin`): always, except for a plain `*` policy.
    #[inline(always)]
    pub fn varies_by_origin(&self) -> bool {
        !matches!(self.0.origins, OriginRule::Any)
    }
}

/// Exact-origin lists up to this long are compared one by one instead of hashed.
const SHORT_LIST: usize = 2;

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts = &self.0;
        let origins: Vec<&str> = match &parts.origins {
            OriginRule::Any => vec!["*"],
            OriginRule::List {
                exact, patterns, ..
            } => exact
                .iter()
                .map(|o| o.as_ref())
                .chain(patterns.iter().map(|p| p.suffix.as_ref()))
                .collect(),
        };
        f.debug_struct("Policy")
            .field("origins", &origins)
            .field("credentials", &parts.credentials)
            .field("methods", &parts.methods)
            .field("allow_headers", &parts.allow_headers)
            .field("expose_headers", &parts.headers.expose_headers)
            .field("max_age", &parts.headers.max_age)
            .field("private_network", &parts.private_network)
            .field("refuse_disallowed", &parts.refuse_disallowed)
            .finish()
    }
}
