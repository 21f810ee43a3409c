//! Stage 3: turn a validated policy into a `const` and an `impl CorsPolicy`.
//!
//! The parts are those `ValidPolicy::into_parts` decides (`cors-policy-rules/src/parts.rs`),
//! which `PolicyBuilder::build` also holds (`cors-policy/src/from_valid.rs`), only
//! borrowed from `'static` data instead of owned, so a macro policy compares equal to the
//! builder's. This file only transcribes them into tokens: every decision about what the
//! runtime holds is the rules crate's.

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Ident, Path};
use typed_cors_rules::{
    HeaderTexts, ListModel, OriginRuleModel, PolicyPartsModel, SubdomainPattern,
};

use crate::exports::Exports;
use crate::validate::PolicyModel;

/// `impl CorsPolicy for #ty`, for a valid model or, after an error, for a placeholder
/// policy that allows nothing (so that the user's code using `#ty` still compiles and
/// the only error shown is the real one). `site` is where the policy is written, its
/// `#[cors(...)]` attribute, which the log names.
pub(crate) fn impl_cors_policy(
    ty: &Ident,
    site: Span,
    model: Option<&PolicyModel>,
    ex: &Exports,
) -> TokenStream {
    let trait_ = ex.cors_policy_trait();
    let policy = ex.policy();
    let option = ex.option();
    let optional_value = {
        let header_value = ex.header_value();
        quote!(#option<#header_value>)
    };
    let (const_value, [expose, methods, allow_headers, max_age], policy_fn) = match model {
        Some(PolicyModel::Named(named)) => named_policy(named, ex),
        Some(PolicyModel::Written(valid)) => {
            let (value, headers) = policy_value(&valid.clone().into_parts(), ex);
            (value, headers, static_policy(ty, ex))
        }
        None => {
            let none = ex.none();
            let nothing = [(); 4].map(|()| none.clone());
            (ex.placeholder_policy(), nothing, static_policy(ty, ex))
        }
    };
    let policy_name = ex.policy_name();
    let (name_text, some) = (ty.to_string(), ex.some());
    // Where the policy is written, for the runtime's log events: `file!()` and
    // `line!()` resolve to the outermost macro call leading to them, which for tokens
    // spanned at `site` is the `#[cors(...)]` itself (not the name below its docs).
    let (file, line) = (
        quote_spanned!(site=> ::core::file!()),
        quote_spanned!(site=> ::core::line!()),
    );
    quote! {
        #[automatically_derived]
        impl #trait_ for #ty {
            const POLICY: #policy = #const_value;
            const NAME: #option<&'static #policy_name> = #some(&#policy_name {
                name: #name_text,
                file: #file,
                line: #line,
            });
            const EXPOSE_HEADERS: #optional_value = #expose;
            const ALLOW_METHODS: #optional_value = #methods;
            const ALLOW_HEADERS: #optional_value = #allow_headers;
            const MAX_AGE: #optional_value = #max_age;
            fn policy() -> &'static #policy {
                #policy_fn
            }
        }
    }
}

/// The fixed header values, in the order of the constants `EXPOSE_HEADERS`,
/// `ALLOW_METHODS`, `ALLOW_HEADERS` and `MAX_AGE`. The same tokens go into `POLICY`
/// ([`policy_value`]) and into those constants, which a layer compiled for the policy
/// inserts without cloning.
fn fixed_headers(texts: &HeaderTexts, ex: &Exports) -> [TokenStream; 4] {
    let HeaderTexts {
        expose_headers,
        allow_methods,
        allow_headers,
        max_age,
    } = texts;
    [expose_headers, allow_methods, allow_headers, max_age].map(|text| optional_header(text, ex))
}

/// The body of `policy()`: the const, kept in a `static` so every layer shares it.
/// The static names the type, not `Self`, which an item inside a function cannot use.
fn static_policy(ty: &Ident, ex: &Exports) -> TokenStream {
    let trait_ = ex.cors_policy_trait();
    let policy = ex.policy();
    quote! {
        static POLICY: #policy = <#ty as #trait_>::POLICY;
        &POLICY
    }
}

/// `policy = Named`: delegate to the named type. Spanned on the user's path, so that a
/// type that is not a policy gets the trait's `on_unimplemented` message right there.
fn named_policy(named: &Path, ex: &Exports) -> (TokenStream, [TokenStream; 4], TokenStream) {
    let trait_ = ex.cors_policy_trait();
    let span = named.span();
    let values = [
        "EXPOSE_HEADERS",
        "ALLOW_METHODS",
        "ALLOW_HEADERS",
        "MAX_AGE",
    ]
    .map(|name| {
        let name = Ident::new(name, span);
        quote_spanned!(span=> <#named as #trait_>::#name)
    });
    (
        quote_spanned!(span=> <#named as #trait_>::POLICY),
        values,
        quote_spanned!(span=> <#named as #trait_>::policy()),
    )
}

/// `POLICY`, and the fixed header values it holds (see [`fixed_headers`]).
fn policy_value(parts: &PolicyPartsModel, ex: &Exports) -> (TokenStream, [TokenStream; 4]) {
    // Every field, as in `cors-policy/src/from_valid.rs`: a new part is a compile error
    // on both sides.
    let PolicyPartsModel {
        origins,
        credentials,
        methods,
        allow_headers,
        headers,
        private_network,
        refuse_disallowed,
    } = parts;
    let (policy, policy_parts, fixed) = (ex.policy(), ex.policy_parts(), ex.fixed_headers());
    let origins = origin_rule(origins, ex);
    let methods = name_rule(methods, ex);
    let allow_headers = name_rule(allow_headers, ex);
    let headers = fixed_headers(headers, ex);
    let [expose, allow_methods, allowed_headers, max_age] = &headers;
    let value = quote! {
        #policy::__from_validated_parts(#policy_parts {
            origins: #origins,
            credentials: #credentials,
            methods: #methods,
            allow_headers: #allow_headers,
            headers: #fixed {
                expose_headers: #expose,
                allow_methods: #allow_methods,
                allow_headers: #allowed_headers,
                max_age: #max_age,
            },
            private_network: #private_network,
            refuse_disallowed: #refuse_disallowed,
        })
    };
    (value, headers)
}

fn origin_rule(origins: &OriginRuleModel, ex: &Exports) -> TokenStream {
    let rule = ex.origin_rule();
    let cow = ex.cow();
    let pattern = ex.pattern();
    match origins {
        OriginRuleModel::Any => quote!(#rule::Any),
        OriginRuleModel::List {
            exact,
            slots,
            patterns,
        } => {
            let exact = borrowed_strs(exact, ex);
            let patterns = patterns.iter().map(|pattern_model| {
                let SubdomainPattern {
                    scheme_prefix,
                    suffix,
                } = pattern_model;
                quote! {
                    #pattern {
                        scheme_prefix: #cow::Borrowed(#scheme_prefix),
                        suffix: #cow::Borrowed(#suffix),
                    }
                }
            });
            quote! {
                #rule::List {
                    exact: #exact,
                    slots: #cow::Borrowed(&[#(#slots),*]),
                    patterns: #cow::Borrowed(&[#(#patterns),*]),
                }
            }
        }
    }
}

fn name_rule(list: &ListModel, ex: &Exports) -> TokenStream {
    let rule = ex.name_rule();
    match list {
        ListModel::Any => quote!(#rule::Any),
        ListModel::AnyAndAuthorization => quote!(#rule::AnyAndAuthorization),
        ListModel::List(names) => {
            let names = borrowed_strs(names, ex);
            quote!(#rule::List { names: #names })
        }
    }
}

/// `Cow::Borrowed(&[Cow::Borrowed("a"), ...])`.
fn borrowed_strs(items: &[String], ex: &Exports) -> TokenStream {
    let cow = ex.cow();
    quote!(#cow::Borrowed(&[#(#cow::Borrowed(#items)),*]))
}

/// `Some(HeaderValue::from_static("..."))` or `None`. The text is made of validated
/// tokens, so `from_static` cannot panic during constant evaluation.
fn optional_header(value: &Option<String>, ex: &Exports) -> TokenStream {
    let header_value = ex.header_value();
    match value {
        Some(text) => {
            let some = ex.some();
            quote!(#some(#header_value::from_static(#text)))
        }
        None => ex.none(),
    }
}

#[cfg(test)]
mod tests {
    use typed_cors_rules::{OriginTable, PolicySpec, validate};

    use super::*;

    /// The shape of the generated constant, pinned: it must stay what
    /// `PolicyBuilder::build` produces (the `tests` crate checks equality at run time).
    #[test]
    fn a_policy_expands_to_borrowed_parts() {
        let valid = validate(&PolicySpec {
            origins: Some(vec!["https://a.example", "https://*.b.example"]),
            methods: Some(vec!["PUT"]),
            max_age: Some(60),
            refuse_disallowed: true,
            ..PolicySpec::default()
        })
        .unwrap();
        let ex = Exports::new(None);
        let tokens = policy_value(&valid.into_parts(), &ex).0.to_string();
        let slots = OriginTable::build(&["https://a.example"]).slots;
        let expected = quote! {
            ::typed_cors::__private::Policy::__from_validated_parts(::typed_cors::__private::PolicyParts {
                origins: ::typed_cors::__private::OriginRule::List {
                    exact: ::typed_cors::__private::Cow::Borrowed(&[::typed_cors::__private::Cow::Borrowed("https://a.example")]),
                    slots: ::typed_cors::__private::Cow::Borrowed(&[#(#slots),*]),
                    patterns: ::typed_cors::__private::Cow::Borrowed(&[::typed_cors::__private::Pattern {
                        scheme_prefix: ::typed_cors::__private::Cow::Borrowed("https://"),
                        suffix: ::typed_cors::__private::Cow::Borrowed(".b.example"),
                    }]),
                },
                credentials: false,
                methods: ::typed_cors::__private::NameRule::List {
                    names: ::typed_cors::__private::Cow::Borrowed(&[::typed_cors::__private::Cow::Borrowed("PUT")])
                },
                allow_headers: ::typed_cors::__private::NameRule::List {
                    names: ::typed_cors::__private::Cow::Borrowed(&[])
                },
                headers: ::typed_cors::__private::FixedHeaders {
                    expose_headers: ::typed_cors::__private::None,
                    allow_methods: ::typed_cors::__private::Some(::typed_cors::__private::HeaderValue::from_static("PUT")),
                    allow_headers: ::typed_cors::__private::None,
                    max_age: ::typed_cors::__private::Some(::typed_cors::__private::HeaderValue::from_static("60")),
                },
                private_network: false,
                refuse_disallowed: true,
            })
        };
        assert_eq!(tokens, expected.to_string());
    }

    /// The header-value constants carry exactly the values inside `POLICY`, each in its
    /// place; with `*` lists, the methods' constant is `*` (as the runtime answers) and
    /// the allowed headers' is absent (the request's list is echoed).
    #[test]
    fn the_header_value_constants_are_the_policy_s() {
        let ex = Exports::new(None);
        let value = |text: &str| {
            quote!(::typed_cors::__private::Some(::typed_cors::__private::HeaderValue::from_static(#text)))
                .to_string()
        };
        let none = quote!(::typed_cors::__private::None).to_string();
        let listed = validate(&PolicySpec {
            origins: Some(vec!["https://a.example"]),
            credentials: true,
            methods: Some(vec!["PUT", "PATCH"]),
            allow_headers: Some(vec!["content-type", "x-a"]),
            expose_headers: Some(vec!["x-request-id"]),
            max_age: Some(600),
            ..PolicySpec::default()
        })
        .unwrap();
        let (policy, headers) = policy_value(&listed.into_parts(), &ex);
        let constants = headers.map(|tokens| tokens.to_string());
        let expected = [
            value("x-request-id"),
            value("PUT, PATCH"),
            value("content-type, x-a"),
            value("600"),
        ];
        assert_eq!(constants, expected);
        let policy = policy.to_string();
        for constant in &constants {
            assert!(
                policy.contains(constant.as_str()),
                "{constant} not in {policy}"
            );
        }

        let any = validate(&PolicySpec {
            origins: Some(vec!["*"]),
            methods: Some(vec!["*"]),
            allow_headers: Some(vec!["*"]),
            ..PolicySpec::default()
        })
        .unwrap();
        let constants = policy_value(&any.into_parts(), &ex)
            .1
            .map(|tokens| tokens.to_string());
        assert_eq!(constants, [none.clone(), value("*"), none.clone(), none]);
    }
}
