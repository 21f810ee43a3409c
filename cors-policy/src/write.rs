//! The one header writer: every response the policy touches gets its headers here,
//! whether through the tower layer or through [`Decision::apply_to`](crate::Decision::apply_to).
//!
//! `values` says where the policy's constant header values come from: the policy itself,
//! or, for a layer compiled for one policy, the constants the macro generated (inserted
//! without a clone, as a hand-written `const HeaderValue` would be).

use http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE,
};
use http::{HeaderMap, HeaderName, HeaderValue};

use crate::Refusal;
use crate::handler_headers::{look_at, remove_cors_headers};
use crate::header_values::HeaderValues;
use crate::plan::{Forward, Preflight, names, not_covered_by_star};
use crate::policy::{NameRule, Policy};
use crate::vary::{Vary, append_vary};

pub(crate) const TRUE: HeaderValue = HeaderValue::from_static("true");
const ALLOW_PRIVATE_NETWORK: HeaderName =
    HeaderName::from_static("access-control-allow-private-network");

impl Policy {
    /// Writes the answer to a preflight into `out`, the new answer's empty header map.
    #[inline(always)]
    pub(crate) fn write_preflight(
        &self,
        values: &impl HeaderValues,
        answer: Preflight<'_>,
        out: &mut HeaderMap,
    ) {
        debug_assert!(out.is_empty(), "a new answer's header map");
        let Preflight {
            allow_origin,
            refusal,
            requested_headers,
            private_network,
        } = answer;
        if let Some(origin) = allow_origin {
            // Distinct names into an empty map: appending is inserting.
            out.append(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
            if self.0.credentials {
                out.append(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
            }
            if let Some(methods) = values.allow_methods() {
                out.append(ACCESS_CONTROL_ALLOW_METHODS, methods);
            }
            match refusal {
                None => {
                    if let Some(allowed) = self.allowed_headers_answer(values, requested_headers) {
                        out.append(ACCESS_CONTROL_ALLOW_HEADERS, allowed);
                    }
                    if let Some(max_age) = values.max_age() {
                        out.append(ACCESS_CONTROL_MAX_AGE, max_age);
                    }
                    if private_network {
                        out.append(ALLOW_PRIVATE_NETWORK, TRUE);
                    }
                }
                // The origin is allowed, what it asked for is not: the answer names the
                // origin and what the policy does allow (never what was refused, and no
                // `Max-Age`), so that the browser's console names the method or header.
                Some(_) => {
                    let allowed = match self.0.allow_headers {
                        NameRule::List { .. } => values.allow_headers(),
                        NameRule::AnyAndAuthorization => requested_headers.cloned(),
                        NameRule::Any => requested_headers.and_then(without_names_star_leaves_out),
                    };
                    if let Some(allowed) = allowed {
                        out.append(ACCESS_CONTROL_ALLOW_HEADERS, allowed);
                    }
                }
            }
        }
        append_vary(out, Vary::Preflight, false);
    }

    /// `Access-Control-Allow-Headers` of an allowed preflight: the policy's list, or
    /// under `*` the request's own list echoed (so that a browser's preflight cache
    /// holds only names that were checked: Chromium would let a cached `*` cover a later
    /// `Authorization` unless `CorsNonWildcardRequestHeadersSupport` is on).
    #[inline(always)]
    fn allowed_headers_answer(
        &self,
        values: &impl HeaderValues,
        requested: Option<&HeaderValue>,
    ) -> Option<HeaderValue> {
        match self.0.allow_headers {
            NameRule::Any | NameRule::AnyAndAuthorization => requested.cloned(),
            NameRule::List { .. } => values.allow_headers(),
        }
    }

    /// Writes the headers of a forwarded request on the handler's response.
    #[inline(always)]
    pub(crate) fn write_forward(
        &self,
        values: &impl HeaderValues,
        forward: Forward,
        headers: &mut HeaderMap,
    ) {
        let origin = match forward {
            Forward::Allowed(origin) => origin,
            Forward::Vary(vary) => return write_vary_only(vary, headers),
        };
        let found = look_at(headers);
        if found.has_cors {
            // The policy owns every CORS response header: nothing the handler set
            // survives (an `Expose-Headers` of its own would widen the policy).
            remove_cors_headers(headers);
        }
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if self.0.credentials {
            headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, TRUE);
        }
        if let Some(expose) = values.expose_headers() {
            headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, expose);
        }
        append_vary(headers, self.vary(Vary::Origin), found.has_vary);
    }

    /// Writes a `403` refusal's headers into its new, empty header map.
    #[inline(always)]
    pub(crate) fn write_refusal(&self, _refusal: Refusal<'_>, out: &mut HeaderMap) {
        append_vary(out, self.vary(Vary::Origin), false);
    }
}

/// [`Policy::write_forward`] for a request that was not allowed, or not a CORS request:
/// the handler's CORS headers removed, `vary` appended. A free function, so that the
/// layer's future need not keep the policy for it.
#[inline(always)]
pub(crate) fn write_vary_only(vary: Vary, headers: &mut HeaderMap) {
    let found = look_at(headers);
    if found.has_cors {
        remove_cors_headers(headers);
    }
    append_vary(headers, vary, found.has_vary);
}

/// `Access-Control-Allow-Headers` of a refused preflight from an allowed origin under
/// `allow_headers = ["*"]`: the request's list without the names `*` leaves out
/// (`authorization`, and `*`, which Chromium would read as the wildcard covering
/// `authorization`), never `*` itself. A free function of the request's value only: a
/// method taking the policy would make a compiled policy's constant copy real.
#[cold]
fn without_names_star_leaves_out(requested: &HeaderValue) -> Option<HeaderValue> {
    let kept: Vec<&[u8]> = names(requested.as_bytes())
        .filter(|name| !not_covered_by_star(name))
        .collect();
    if kept.is_empty() {
        return None;
    }
    HeaderValue::from_bytes(&kept.join(&b","[..])).ok()
}
