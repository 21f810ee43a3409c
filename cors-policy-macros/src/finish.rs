//! What both entry points share once the keys are read: one `#[cors]` per item, and the
//! tail that emits the item with its policy, or a placeholder policy beside the errors,
//! then prints the expansion when asked to.

use darling::error::Accumulator;
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use syn::Attribute;
use syn::spanned::Spanned;

use crate::diag::conflict_at;
use crate::validate::PolicyModel;

/// Reports every `#[cors]` after the first (at `first`) on the item `name`; `why` says
/// that the item has one policy ("a handler has exactly one CORS policy").
pub(crate) fn report_second_cors<'a>(
    extra: impl IntoIterator<Item = &'a Attribute>,
    first: Span,
    (name, why): (&Ident, &str),
    errors: &mut Accumulator,
) {
    for attr in extra {
        errors.push(conflict_at(
            attr.path().span(),
            format!("`#[cors]` given twice on `{name}`: {why}; merge the two attributes into one"),
            first,
            "the first `#[cors]` is here",
        ));
    }
}

/// The output of `macro_name` for `name`: `emit` with the model, or after an error with
/// `None` (it then emits a placeholder policy, so that code using the item type-checks and
/// the only errors are the real ones), followed by the errors. Printed when
/// `TYPED_CORS_DEBUG` is set.
pub(crate) fn finish(
    macro_name: &str,
    name: &Ident,
    model: Option<PolicyModel>,
    errors: Accumulator,
    emit: impl FnOnce(Option<&PolicyModel>) -> TokenStream,
) -> TokenStream {
    let (items, errors) = match errors.finish() {
        Ok(()) => (emit(model.as_ref()), None),
        Err(error) => (emit(None), Some(error.write_errors())),
    };
    crate::debug::print(macro_name, name, quote!(#items #errors))
}
