//! `#[derive(CorsPolicy)]` with a `#[cors(...)]` helper: a named, reusable policy.

use darling::error::Accumulator;
use proc_macro2::{Span, TokenStream};
use syn::spanned::Spanned;
use syn::{Attribute, Data, DeriveInput, Fields, Meta};

use crate::diag::error_at;
use crate::expand::impl_cors_policy;
use crate::exports::Exports;
use crate::finish::{finish, report_second_cors};
use crate::pipeline::read_policy;

/// Expands `#[derive(CorsPolicy)]`.
pub(crate) fn expand_derive(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<DeriveInput>(input) {
        Ok(input) => input,
        Err(error) => return error.into_compile_error(),
    };
    let mut errors = darling::Error::accumulator();
    check_unit_struct(&input, &mut errors);
    let name = &input.ident;
    // The log names the `cors` of the helper (the struct's name when it has none).
    let (model, ex, site) = match cors_args(&input, &mut errors) {
        Some((args, attr)) => {
            let (model, ex) = read_policy(args, attr, &mut errors);
            (model, ex, attr)
        }
        None => (None, Exports::new(None), name.span()),
    };
    // A generic struct gets no impl: the error about its generics says it all.
    let generic = !input.generics.params.is_empty();
    finish("derive(CorsPolicy)", name, model, errors, |model| {
        if generic {
            return TokenStream::new();
        }
        impl_cors_policy(name, site, model, &ex)
    })
}

/// A named policy carries no data, and the `static` behind `policy()` cannot depend on
/// type parameters; so a unit struct it is.
fn check_unit_struct(input: &DeriveInput, errors: &mut Accumulator) {
    let name = &input.ident;
    let fix = format!("write `struct {name};`");
    if !input.generics.params.is_empty() {
        // Type parameters come with fields to hold them; one error says it all.
        errors.push(error_at(
            input.generics.span(),
            format!("`#[derive(CorsPolicy)]` does not support generics: a named policy is one `static`, the same for every type argument; {fix}"),
        ));
        return;
    }
    let shape = match &input.data {
        Data::Struct(s) if matches!(s.fields, Fields::Unit) => return,
        Data::Struct(_) => "a struct with fields",
        Data::Enum(_) => "an enum",
        Data::Union(_) => "a union",
    };
    errors.push(error_at(
        name.span(),
        format!("`#[derive(CorsPolicy)]` needs a unit struct, not {shape}: a named policy holds no data; {fix}"),
    ));
}

/// The tokens inside the one `#[cors(...)]` helper, and the span of that attribute.
fn cors_args(input: &DeriveInput, errors: &mut Accumulator) -> Option<(TokenStream, Span)> {
    let attrs: Vec<&Attribute> = input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("cors"))
        .collect();
    let Some(first) = attrs.first() else {
        errors.push(error_at(
            input.ident.span(),
            format!("`#[derive(CorsPolicy)]` needs a `#[cors(...)]` attribute that states the policy; add e.g. `#[cors(origins = [\"https://app.example.com\"])]` above `struct {}`", input.ident),
        ));
        return None;
    };
    let why = "a named policy has exactly one `#[cors(...)]`";
    report_second_cors(
        attrs[1..].iter().copied(),
        first.path().span(),
        (&input.ident, why),
        errors,
    );
    let span = first.path().span();
    match &first.meta {
        Meta::List(list) => Some((list.tokens.clone(), span)),
        Meta::Path(_) => Some((TokenStream::new(), span)),
        Meta::NameValue(nv) => {
            errors.push(error_at(
                nv.eq_token.span,
                "`#[cors]` takes its keys in parentheses; write `#[cors(origins = [\"https://app.example.com\"])]`",
            ));
            None
        }
    }
}
