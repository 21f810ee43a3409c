//! The one header writer: every response the policy touches gets its headers here,
//! whether through the tower layer, the axum router, the actix middleware or
//! [`Decision::apply_to`](crate::Decision::apply_to), in the framework's own types
//! ([`HeaderSink`]).
//!
//! `values` says where the policy's constant header values come from: the policy itself,
//! for a layer compiled for one policy the constants the macro generated (inserted
//! without a clone, as a hand-written `const HeaderValue` would be), or, for the actix
//! middleware, the policy's values in actix's types, made once per middleware.

use crate::header_sink::{HeaderSink, SinkValues, Written};
use crate::plan::{self, Forward, Preflight, Reason, names, not_covered_by_star};
use crate::policy::{NameRule, Policy};
use crate::value_type::ValueType;
use crate::vary::{Vary, append_vary};

/// Writes the answer to a preflight into `out`, the new answer's empty header map.
#[inline(always)]
pub(crate) fn preflight<S: HeaderSink>(
    policy: &Policy,
    values: &impl SinkValues<Value = S::Value>,
    answer: Preflight<'_, S::Value>,
    out: &mut S,
) {
    debug_assert!(out.is_empty(), "a new answer's header map");
    let Preflight {
        allow_origin,
        refusal,
        echo_headers,
        private_network,
    } = answer;
    if let Some(origin) = allow_origin {
        // Distinct names into an empty map: appending is inserting.
        out.append(Written::AllowOrigin, origin);
        if policy.0.credentials {
            out.append(Written::AllowCredentials, S::Value::TRUE);
        }
        match refusal {
            None => {
                if let Some(methods) = values.allow_methods() {
                    out.append(Written::AllowMethods, methods);
                }
                // Under `*` the request's own list echoed (so that a browser's preflight
                // cache holds only names that were checked: Chromium would let a cached
                // `*` cover a later `Authorization` unless
                // `CorsNonWildcardRequestHeadersSupport` is on), else the policy's list.
                // A `*` policy has no list value, a listed one echoes nothing: the
                // policy's value first, so that a compiled list folds to its constant.
                if let Some(allowed) = values.allow_headers().or_else(|| echo_headers.cloned()) {
                    out.append(Written::AllowHeaders, allowed);
                }
                if let Some(max_age) = values.max_age() {
                    out.append(Written::MaxAge, max_age);
                }
                if private_network {
                    out.append(Written::AllowPrivateNetwork, S::Value::TRUE);
                }
            }
            // The origin is allowed, what it asked for is not: the answer names the
            // origin and what the policy does allow (never what was refused, and no
            // `Max-Age`), so that the browser's console names the method or header.
            Some(refusal) => {
                // A method the answer would list but for its case (`patch` under
                // `[PATCH]`, or under `*` narrowed by the per-method router to the
                // methods it serves) is refused (methods match case-sensitively), but a
                // Chromium with `AccessControlAllowMethodsInCORSPreflightSpecConformant`
                // off (an enterprise policy, older builds) uppercases it and would
                // accept the list: left out, the console still says the method is not
                // allowed. Checked on the value written, not the policy's rule, so that
                // every source of the list (policy, constants, a route's) is covered.
                let methods = values.allow_methods().filter(|listed| match refusal {
                    Reason::MethodNotAllowed(method) => {
                        !lists_but_for_case(listed.bytes(), method.bytes())
                    }
                    _ => true,
                });
                if let Some(methods) = methods {
                    out.append(Written::AllowMethods, methods);
                }
                let allowed = match policy.0.allow_headers {
                    NameRule::List { .. } => values.allow_headers(),
                    NameRule::AnyAndAuthorization => echo_headers.cloned(),
                    NameRule::Any => echo_headers.and_then(without_names_star_leaves_out),
                };
                if let Some(allowed) = allowed {
                    out.append(Written::AllowHeaders, allowed);
                }
                // Chromium checks this before the method and headers: without it, the
                // console would name the missing header instead of them.
                if private_network {
                    out.append(Written::AllowPrivateNetwork, S::Value::TRUE);
                }
            }
        }
    }
    append_vary(out, Vary::Preflight, false);
}

/// Writes the headers of a forwarded request on the handler's response.
#[inline(always)]
pub(crate) fn forward<S: HeaderSink>(
    policy: &Policy,
    values: &impl SinkValues<Value = S::Value>,
    forward: Forward<S::Value>,
    headers: &mut S,
) {
    let origin = match forward {
        Forward::Allowed(origin) => origin,
        Forward::Vary(vary) => return vary_only(vary, headers),
    };
    let found = headers.look_at();
    if found.has_cors {
        // The policy owns every CORS response header: nothing the handler set
        // survives (an `Expose-Headers` of its own would widen the policy).
        headers.remove_cors_headers();
    }
    headers.insert(Written::AllowOrigin, origin);
    if policy.0.credentials {
        headers.insert(Written::AllowCredentials, S::Value::TRUE);
    }
    if let Some(expose) = values.expose_headers() {
        headers.insert(Written::ExposeHeaders, expose);
    }
    append_vary(headers, plan::vary(policy, Vary::Origin), found.has_vary);
}

/// Writes a `403` refusal's headers into its new, empty header map.
#[inline(always)]
pub(crate) fn refusal<S: HeaderSink>(policy: &Policy, out: &mut S) {
    append_vary(out, plan::vary(policy, Vary::Origin), false);
}

/// [`forward`] for a request that was not allowed, or not a CORS request: the
/// handler's CORS headers removed, `vary` appended. Without the policy, so that the
/// layer's future need not keep it for this.
#[inline(always)]
pub(crate) fn vary_only<S: HeaderSink>(vary: Vary, headers: &mut S) {
    let found = headers.look_at();
    if found.has_cors {
        headers.remove_cors_headers();
    }
    append_vary(headers, vary, found.has_vary);
}

/// Whether `Access-Control-Allow-Methods: listed` names the refused `method` ignoring
/// ASCII case (it is refused, so the list does not name it exactly).
#[cold]
fn lists_but_for_case(listed: &[u8], method: &[u8]) -> bool {
    names(listed).any(|name| name.eq_ignore_ascii_case(method))
}

/// `Access-Control-Allow-Headers` of a refused preflight from an allowed origin under
/// `allow_headers = ["*"]`: the request's list without the names `*` leaves out
/// (`authorization`, and `*`, which Chromium would read as the wildcard covering
/// `authorization`), never `*` itself. A free function of the request's value only: a
/// function taking the policy would make a compiled policy's constant copy real.
#[cold]
fn without_names_star_leaves_out<V: ValueType>(requested: &V) -> Option<V> {
    let kept: Vec<&[u8]> = names(requested.bytes())
        .filter(|name| !not_covered_by_star(name))
        .collect();
    if kept.is_empty() {
        return None;
    }
    V::copied(&kept.join(&b","[..]))
}
