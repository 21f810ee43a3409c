//! The stages in order, shared by `#[cors]` and `#[derive(CorsPolicy)]`.

use darling::error::Accumulator;
use proc_macro2::{Span, TokenStream};

use crate::check::check_policy_is_alone;
use crate::exports::Exports;
use crate::receive::receive;
use crate::validate::{PolicyModel, validate_policy};

/// Receives, checks and validates the keys of one `#[cors(...)]`, whose span is
/// `attr`. The model is `None` when anything was reported.
pub(crate) fn read_policy(
    args: TokenStream,
    attr: Span,
    errors: &mut Accumulator,
) -> (Option<PolicyModel>, Exports) {
    let received = receive(args, errors);
    check_policy_is_alone(&received, errors);
    let model = validate_policy(&received, attr, errors);
    let ex = Exports::new(received.krate.as_ref().map(|c| &c.0));
    (model, ex)
}
