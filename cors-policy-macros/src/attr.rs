//! `#[cors(...)]` on a handler: keeps the function and adds a braced struct of the same
//! name that implements `CorsPolicy`.

use darling::error::Accumulator;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Item, ItemFn, Meta};

use crate::diag::{conflict_at, error_at};
use crate::expand::impl_cors_policy;
use crate::exports::Exports;
use crate::pipeline::read_policy;
use crate::placement::in_impl_or_trait;
use crate::validate::PolicyModel;

/// Expands `#[cors(args)] item`.
pub(crate) fn expand_cors_attr(args: TokenStream, input: TokenStream) -> TokenStream {
    let item = match syn::parse2::<Item>(input.clone()) {
        Ok(item) => item,
        // Not an item rustc would accept either; let rustc report it on the user's tokens.
        Err(_) => return input,
    };
    let Item::Fn(mut handler) = item else {
        return not_a_handler(item, &args);
    };
    if let Some(receiver) = receiver(&handler) {
        // A struct cannot be declared inside an `impl` block, so there is nothing to
        // attach the policy to; emit the method alone.
        let error = error_at(receiver.span(), ON_A_METHOD).write_errors();
        return quote!(#handler #error);
    }
    if in_impl_or_trait(&handler, Span::call_site()) {
        // The same reason without a receiver to point at: the attribute is what moves.
        let error = error_at(Span::call_site(), ON_AN_ASSOCIATED_FN).write_errors();
        return quote!(#handler #error);
    }
    let mut errors = darling::Error::accumulator();
    let (model, ex) = read_policy(args, Span::call_site(), &mut errors);
    remove_second_cors(&mut handler, &mut errors);
    let model = match errors.finish() {
        Ok(()) => model,
        Err(error) => {
            // The handler stays, with a placeholder policy: one mistake, one error.
            let items = policy_struct(&handler, None, &ex);
            let errors = error.write_errors();
            return quote!(#handler #items #errors);
        }
    };
    let items = policy_struct(&handler, model.as_ref(), &ex);
    crate::debug::print("cors", &handler.sig.ident, quote!(#handler #items))
}

/// The item unchanged with one error saying where `#[cors]` goes. The keys are not
/// checked: the first thing to fix is the placement.
fn not_a_handler(item: Item, args: &TokenStream) -> TokenStream {
    let (item, message) = match hand_to_derive(&item, args) {
        // Only the order is wrong: give the derive its helper, so that it checks the
        // keys and implements the trait, and say how to write it.
        Some(fixed) => (fixed, DERIVE_BELOW),
        None => (item, NOT_A_FUNCTION),
    };
    let error = error_at(keyword_span(&item), message).write_errors();
    quote!(#item #error)
}

const NOT_A_FUNCTION: &str = "`#[cors]` applies to handler functions only: it attaches the policy to the handler of the same name; put it on an `fn`, or for a named policy write `#[derive(CorsPolicy)]` with `#[cors(...)]` on a unit struct";

const DERIVE_BELOW: &str = "`#[cors]` above `#[derive(CorsPolicy)]` is read as the handler attribute: attributes apply top-down, so the derive has not claimed it yet; put `#[derive(CorsPolicy)]` first, then `#[cors(...)]`";

const ON_AN_ASSOCIATED_FN: &str = "`#[cors]` cannot be used on a function inside an `impl` or `trait` block: it declares a struct named after the handler, and such a block cannot hold a struct; define a named policy (`#[derive(CorsPolicy)] #[cors(...)] struct MyPolicy;`) and wire it with `CorsLayer::of::<MyPolicy>()`";

const ON_A_METHOD: &str = "`#[cors]` cannot be used on a method: it declares a struct named after the handler, and an `impl` block cannot hold a struct; define a named policy (`#[derive(CorsPolicy)] #[cors(...)] struct MyPolicy;`) and wire it with `CorsLayer::of::<MyPolicy>()`";

/// `#[allow(nonstandard_style)] vis struct name {}` and its `impl CorsPolicy`. A braced
/// struct lives only in the type namespace, so it sits beside the function of the same
/// name (as Rocket's route structs do).
fn policy_struct(handler: &ItemFn, model: Option<&PolicyModel>, ex: &Exports) -> TokenStream {
    let name = &handler.sig.ident;
    let vis = &handler.vis;
    // The struct exists exactly when the function does. (Not `cfg_attr`: what it
    // adds is meant for the function.)
    let cfgs: Vec<&Attribute> = handler
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("cfg"))
        .collect();
    let doc = format!(
        "The CORS policy of the handler [`{name}()`](fn@{name}), from its `#[cors(...)]` attribute. Apply it with `CorsLayer::of::<{name}>()`."
    );
    let implementation = impl_cors_policy(name, model, ex);
    quote! {
        #(#cfgs)*
        #[doc = #doc]
        #[allow(nonstandard_style)]
        #vis struct #name {}
        #(#cfgs)*
        #implementation
    }
}

fn receiver(handler: &ItemFn) -> Option<&FnArg> {
    handler
        .sig
        .inputs
        .iter()
        .find(|arg| matches!(arg, FnArg::Receiver(_)))
}

fn is_cors(attr: &Attribute) -> bool {
    attr.path()
        .segments
        .last()
        .is_some_and(|s| s.ident == "cors")
}

/// A handler has one policy. The attribute being expanded is the first one; any other
/// `#[cors]` still sits on the function. Report it and drop it, so it does not expand
/// into a second struct of the same name.
fn remove_second_cors(handler: &mut ItemFn, errors: &mut Accumulator) {
    let name = handler.sig.ident.to_string();
    handler.attrs.retain(|attr| {
        if !is_cors(attr) {
            return true;
        }
        errors.push(conflict_at(
            attr.path().span(),
            format!("`#[cors]` given twice on `{name}`: a handler has exactly one CORS policy; merge the two attributes into one"),
            Span::call_site(),
            "the first `#[cors]` is here",
        ));
        false
    });
}

/// When a later `#[derive(...)]` on a struct lists `CorsPolicy`, the user meant the
/// derive's helper but wrote it first: the struct with `#[cors(args)]` moved below.
fn hand_to_derive(item: &Item, args: &TokenStream) -> Option<Item> {
    let Item::Struct(s) = item else {
        return None;
    };
    let derives = s.attrs.iter().any(|attr| {
        let Meta::List(list) = &attr.meta else {
            return false;
        };
        list.path.is_ident("derive")
            && list
                .tokens
                .clone()
                .into_iter()
                .any(|tree| tree.to_string() == "CorsPolicy")
    });
    derives.then(|| {
        let mut s = s.clone();
        s.attrs.push(syn::parse_quote!(#[cors(#args)]));
        Item::Struct(s)
    })
}

/// The keyword that says what kind of item this is, to point at it briefly.
fn keyword_span(item: &Item) -> Span {
    match item {
        Item::Struct(s) => s.struct_token.span,
        Item::Enum(e) => e.enum_token.span,
        Item::Const(c) => c.const_token.span,
        Item::Static(s) => s.static_token.span,
        Item::Impl(i) => i.impl_token.span,
        Item::Mod(m) => m.mod_token.span,
        Item::Trait(t) => t.trait_token.span,
        Item::Type(t) => t.type_token.span,
        Item::Use(u) => u.use_token.span,
        other => other.span(),
    }
}
