//! `#[cors(...)]` on a handler: keeps the function and adds a braced struct of the same
//! name that implements `CorsPolicy`; below it, an actix-web route macro declares that
//! struct instead, and carries the policy's middleware (`actix_routes.rs`).

use darling::error::Accumulator;
use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, Item, ItemFn, Meta};

use crate::actix_routes::{
    BELOW_A_ROUTE, NEEDS_ACTIX_FEATURE, first_route_attr, is_route_macro, take_routes,
};
use crate::diag::error_at;
use crate::expand::impl_cors_policy;
use crate::exports::Exports;
use crate::finish::{finish, report_second_cors};
use crate::pipeline::read_policy;
use crate::placement::{self, in_impl_or_trait};
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
    let (owner, wired) = wire_framework(&mut handler, &ex, &mut errors);
    check_own_layer_first(&mut handler, &ex);
    let name = handler.sig.ident.clone();
    finish("cors", &name, model, errors, |model| {
        let items = policy_items(&handler, owner, model, &ex);
        quote!(#handler #items #wired)
    })
}

/// Debug builds: the body starts by checking that the layer deciding the request carries
/// the handler's own policy (runtime `own_layer_check.rs`; issue 11). Only in an
/// `async fn`, whose body runs when its future is polled inside the layer, and not in a
/// plain `fn` (which may run before the layer polls it). The rest of the function is the
/// user's, tokens and spans.
fn check_own_layer_first(handler: &mut ItemFn, ex: &Exports) {
    if handler.sig.asyncness.is_none() {
        return;
    }
    let (check, name) = (ex.check_own_layer(), &handler.sig.ident);
    let statement: syn::Stmt = syn::parse_quote! {
        #[cfg(debug_assertions)]
        #check::<#name>();
    };
    handler.block.stmts.insert(0, statement);
}

/// Who declares the type named after the handler, on which the policy is implemented.
#[derive(Clone, Copy)]
enum StructOwner {
    /// `#[cors]` itself, as a braced struct beside the function.
    Cors,
    /// actix-web's route macro, as a unit struct that registers the function.
    ActixRoute,
}

/// With actix-web's route macros around, routes the handler's policy through them
/// (`actix_routes.rs`); otherwise the handler stands alone. Returns who declares the
/// struct, and what the wiring adds beside the items.
fn wire_framework(
    handler: &mut ItemFn,
    ex: &Exports,
    errors: &mut Accumulator,
) -> (StructOwner, TokenStream) {
    if cfg!(feature = "actix") {
        if placement::attributes_above(Span::call_site())
            .iter()
            .any(|path| path.rsplit("::").next().is_some_and(is_route_macro))
        {
            // The function is already inside actix's `register`, beside its struct.
            errors.push(error_at(Span::call_site(), BELOW_A_ROUTE));
            return (StructOwner::ActixRoute, TokenStream::new());
        }
        match take_routes(handler) {
            Ok(Some(routes)) => {
                let imports = routes.keep_imports_used();
                routes.rewrite_into(handler, ex);
                (StructOwner::ActixRoute, imports)
            }
            Ok(None) => (StructOwner::Cors, TokenStream::new()),
            Err(error) => {
                // The route stays as written, and actix declares its struct.
                errors.push(error);
                (StructOwner::ActixRoute, TokenStream::new())
            }
        }
    } else if let Some(route) = first_route_attr(handler) {
        errors.push(error_at(route.path().span(), NEEDS_ACTIX_FEATURE));
        // Whatever that macro is, it declares the struct (actix's, and Rocket's too).
        (StructOwner::ActixRoute, TokenStream::new())
    } else {
        (StructOwner::Cors, TokenStream::new())
    }
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
/// name (as Rocket's route structs do). Only the impl when a route macro declares the
/// struct.
fn policy_items(
    handler: &ItemFn,
    owner: StructOwner,
    model: Option<&PolicyModel>,
    ex: &Exports,
) -> TokenStream {
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
    // An attribute macro is not handed its own path token; its call site is the whole
    // `#[cors(...)]`, which starts on the line the caller wrote `cors` on.
    let implementation = impl_cors_policy(name, Span::call_site(), model, ex);
    if let StructOwner::ActixRoute = owner {
        return quote!(#(#cfgs)* #implementation);
    }
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
    let (extra, kept): (Vec<Attribute>, Vec<Attribute>) = std::mem::take(&mut handler.attrs)
        .into_iter()
        .partition(is_cors);
    handler.attrs = kept;
    let why = "a handler has exactly one CORS policy";
    report_second_cors(&extra, Span::call_site(), (&handler.sig.ident, why), errors);
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
