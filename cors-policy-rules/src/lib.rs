//! The rules that decide whether a CORS policy is valid, in one place.
//!
//! `typed-cors-macros` runs them at compile time on the literals of a `#[cors(...)]`
//! attribute; `typed-cors` runs them at run time in `PolicyBuilder::build`, for
//! policies whose origins come from configuration. Because both call [`validate`],
//! the compile-time and run-time verdicts can never disagree.
//!
//! Each [`Problem`] carries a [`Location`] (which key, which list entry) so that the
//! macro can put the error on the offending token, and its message says what is
//! wrong, the rule in one line, and how to fix it.
//!
//! This crate is an implementation detail of `typed-cors`; depend on that instead.

mod bytes;
mod escape;
mod hash;
mod header;
mod header_texts;
mod max_age;
mod method;
mod origin;
mod parts;
mod problem;
mod suffixes;
mod validate;

pub use bytes::bytes_eq;
pub use escape::Escaped;
pub use hash::{EMPTY_SLOT, OriginTable, lookup, origin_hash};
pub use header::{HeaderProblem, check_allow_header, check_expose_header};
pub use header_texts::HeaderTexts;
pub use max_age::{MAX_AGE_LIMIT, MaxAgeProblem, check_max_age};
pub use method::{MethodProblem, check_method, is_safelisted_method};
pub use origin::{
    AllowedOrigin, OriginProblem, SubdomainPattern, check_origin, is_loopback_host,
    subdomain_matches,
};
pub use parts::{OriginRuleModel, PolicyPartsModel};
pub use problem::{Field, Location, Problem, ProblemKind};
#[doc(hidden)]
pub use suffixes::{PUBLIC_SUFFIX_LIST_VERSION, public_suffix_rules};
pub use validate::{ListModel, OriginsModel, PolicySpec, ValidPolicy, validate};
