#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_cfg))]

// Lets the crate's own doctests and tests use the macros, which name `::typed_cors`.
extern crate self as typed_cors;

/// The repository README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

#[cfg(feature = "actix")]
pub mod actix;
#[cfg(any(feature = "axum", feature = "actix"))]
mod allow_methods;
#[cfg(feature = "axum")]
pub mod axum;
mod builder;
#[cfg(feature = "tower")]
mod claim;
mod decide;
#[cfg(feature = "tower")]
mod default_layer;
mod explain;
mod from_valid;
#[cfg(any(feature = "tower", feature = "actix"))]
mod handle;
mod handler_headers;
mod header_sink;
mod header_values;
#[cfg(feature = "tower")]
mod layer;
mod log;
mod named;
// The layers' side is unused without a layer.
#[cfg_attr(not(any(feature = "tower", feature = "actix")), allow(dead_code))]
mod own_layer_check;
mod plan;
mod policy;
mod request_headers;
mod static_text;
mod value_type;
mod vary;
mod verdict;
mod write;

pub use builder::{PolicyBuilder, PolicyError};
pub use decide::{Action, Decision, RequestKind, classify};
#[cfg(feature = "tower")]
pub use default_layer::{DefaultCors, DefaultCorsLayer, DefaultPolicyError, DefaultResponseFuture};
#[cfg(any(feature = "tower", feature = "actix"))]
pub use handle::{Compiled, PolicyHandle, SharedPolicy};
#[cfg(feature = "tower")]
pub use layer::{Cors, CorsLayer, ResponseFuture};
pub use named::CorsPolicy;
pub use policy::{Policy, PolicyName};
pub use typed_cors_rules::{Field, Location, Problem, ProblemKind};
pub use verdict::{Allowance, Refusal, Verdict};

#[cfg(feature = "macros")]
#[doc(inline)]
pub use typed_cors_macros::{CorsPolicy, cors};

/// What generated code names. Not public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::named::CorsPolicy;
    pub use crate::own_layer_check::check_own_layer;
    pub use crate::policy::{
        FixedHeaders, NameRule, OriginRule, Pattern, Policy, PolicyName, PolicyParts,
    };
    pub use ::core::option::Option;
    pub use ::core::option::Option::{None, Some};
    pub use ::std::borrow::Cow;
    pub use http::HeaderValue;

    /// What `#[cors]` above an actix-web route macro adds to it (`handler.rs` of the
    /// macro crate says how).
    #[cfg(feature = "actix")]
    pub mod actix_route {
        pub use crate::actix::CorsMiddleware;
        pub use crate::actix::route_guard::*;
    }

    /// Stands in for a policy that failed to compile, so that the rest of the crate
    /// still type-checks and the user sees only the real error. It allows no origin.
    pub const PLACEHOLDER_POLICY: Policy = Policy::__from_validated_parts(PolicyParts {
        origins: OriginRule::List {
            exact: Cow::Borrowed(&[]),
            slots: Cow::Borrowed(&[]),
            patterns: Cow::Borrowed(&[]),
        },
        credentials: false,
        methods: NameRule::List {
            names: Cow::Borrowed(&[]),
        },
        allow_headers: NameRule::List {
            names: Cow::Borrowed(&[]),
        },
        headers: FixedHeaders {
            expose_headers: None,
            allow_methods: None,
            allow_headers: None,
            max_age: None,
        },
        private_network: false,
        refuse_disallowed: false,
    });
}
