//! The macro and the builder agree on generated policies (issue 9, item 10): the
//! attribute's receive and validate stages, on tokens written every way a user or a
//! `macro_rules!` can write them, produce exactly what `typed_cors_rules::validate`
//! produces for the same policy given as strings, as `Policy::builder()` does: the same
//! valid policy, or the same problems in the same order. And for a valid policy, the
//! generated `impl CorsPolicy` (read back by `read_constant.rs`) holds exactly the
//! policy `Policy::builder()` builds, in `POLICY` and in its header-value constants
//! (issue 12: the macro and the builder transcribe the same parts).
//!
//! Cases: 100,000 per run (about 40 s in debug on 2 cores); a long run:
//! `PROPTEST_CASES=10000000 cargo test -p typed-cors-macros agreement`.

use std::str::FromStr;

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use proptest::prelude::*;
use quote::quote;
use typed_cors::{Policy, PolicyBuilder};
use typed_cors_rules::{PolicySpec, validate};

use crate::expand::impl_cors_policy;
use crate::exports::Exports;
use crate::read_constant::read_impl;
use crate::receive::receive;
use crate::validate::{PolicyModel, validate_policy};

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// How one string entry is written.
#[derive(Clone, Copy, Debug)]
enum Written {
    /// `"text"`.
    Plain,
    /// `"\u{74}ext"`: every character escaped.
    Escaped,
    /// `r"text"` (or `r#"text"#`).
    Raw,
    /// An identifier, raw (`r#PUT`) when `true`: methods only.
    Ident(bool),
}

/// One entry: its text, how it is written, and whether it sits in the invisible group
/// that `macro_rules!` puts around a substituted `$x:literal`.
type Entry = (String, Written, bool);

fn entry(pool: &'static [&'static str], idents: bool) -> impl Strategy<Value = Entry> {
    let written = if idents {
        prop_oneof![
            Just(Written::Plain),
            Just(Written::Escaped),
            Just(Written::Raw),
            Just(Written::Ident(false)),
            Just(Written::Ident(true)),
        ]
        .boxed()
    } else {
        prop_oneof![
            Just(Written::Plain),
            Just(Written::Escaped),
            Just(Written::Raw)
        ]
        .boxed()
    };
    (prop::sample::select(pool), written, any::<bool>())
        .prop_map(|(text, written, grouped)| (text.to_owned(), written, grouped))
}

const ORIGINS: &[&str] = &[
    "https://app.example.com",
    "https://app.example.com",
    "http://localhost:3000",
    "https://*.example.com",
    "https://*.amazonaws.com",
    "https://*.sch.uk",
    "*",
    "null",
    "https://a..example.com",
    "https://example.com.",
    "HTTPS://App.example.com",
    "http://intranet.example",
    "https://app.example.com/",
    "app.example.com",
    "https://xn--mnchen-3ya.de",
    "https://[::1]:8443",
    "https://*.co.uk",
    "",
    "ftp://\u{1b}[2Kx",
    "https://caf\u{e9}.example",
];
const METHODS: &[&str] = &[
    "GET", "PUT", "PATCH", "put", "TRACE", "*", "match", "Delete", "PROPFIND", "r#x",
];
const HEADERS: &[&str] = &[
    "x-a",
    "X-A",
    "*",
    "authorization",
    "Authorization",
    "content-type",
    "Access-Control-Allow-Origin",
    "access-control-request-method",
    "cookie",
    "set-cookie",
    "sec-x",
    "x y",
    "",
];

prop_compose! {
    fn policy()(
        origins in prop::option::weighted(0.95, prop::collection::vec(entry(ORIGINS, false), 0..4)),
        methods in prop::option::of(prop::collection::vec(entry(METHODS, true), 0..3)),
        allow_headers in prop::option::of(prop::collection::vec(entry(HEADERS, false), 0..3)),
        expose_headers in prop::option::of(prop::collection::vec(entry(HEADERS, false), 0..3)),
        max_age in prop::option::of(prop::sample::select(vec![0u64, 600, 86_400, 86_401, u64::MAX])),
        max_age_grouped in any::<bool>(),
        credentials in any::<bool>(),
        insecure_http_origins in any::<bool>(),
        private_network in any::<bool>(),
        refuse_disallowed in any::<bool>(),
    ) -> Generated {
        Generated {
            origins, methods, allow_headers, expose_headers, max_age, max_age_grouped,
            credentials, insecure_http_origins, private_network, refuse_disallowed,
        }
    }
}

#[derive(Debug)]
struct Generated {
    origins: Option<Vec<Entry>>,
    methods: Option<Vec<Entry>>,
    allow_headers: Option<Vec<Entry>>,
    expose_headers: Option<Vec<Entry>>,
    max_age: Option<u64>,
    max_age_grouped: bool,
    credentials: bool,
    insecure_http_origins: bool,
    private_network: bool,
    refuse_disallowed: bool,
}

/// The token of one entry, or `None` when it cannot be written that way (a raw string
/// holding `"`, an identifier that is not one).
fn entry_token((text, written, grouped): &Entry) -> Option<TokenTree> {
    let token: TokenTree = match written {
        Written::Plain => Literal::string(text).into(),
        Written::Escaped => {
            let escaped: String = text
                .chars()
                .map(|c| format!("\\u{{{:x}}}", c as u32))
                .collect();
            Literal::from_str(&format!("\"{escaped}\"")).ok()?.into()
        }
        Written::Raw => Literal::from_str(&format!("r#\"{text}\"#")).ok()?.into(),
        Written::Ident(raw) => {
            if text.starts_with("r#") {
                return None;
            }
            let source = if *raw {
                format!("r#{text}")
            } else {
                text.clone()
            };
            syn::parse_str::<Ident>(&source).ok()?.into()
        }
    };
    Some(match grouped {
        true => Group::new(Delimiter::None, token.into()).into(),
        false => token,
    })
}

/// The entry's text as the builder gets it: `r#PUT` is `PUT`, so the text itself.
fn entry_text((text, _, _): &Entry) -> &str {
    text
}

fn list_tokens(key: &str, entries: &Option<Vec<Entry>>) -> Option<TokenStream> {
    let Some(entries) = entries else {
        return Some(TokenStream::new());
    };
    let key = Ident::new(key, Span::call_site());
    let mut items = TokenStream::new();
    for entry in entries {
        items.extend([entry_token(entry)?, Punct::new(',', Spacing::Alone).into()]);
    }
    Some(quote!(#key = [#items],))
}

fn attribute(policy: &Generated) -> Option<TokenStream> {
    let mut tokens = TokenStream::new();
    tokens.extend(list_tokens("origins", &policy.origins)?);
    tokens.extend(list_tokens("methods", &policy.methods)?);
    tokens.extend(list_tokens("allow_headers", &policy.allow_headers)?);
    tokens.extend(list_tokens("expose_headers", &policy.expose_headers)?);
    if let Some(seconds) = policy.max_age {
        let literal: TokenTree = Literal::u64_unsuffixed(seconds).into();
        let value: TokenTree = match policy.max_age_grouped {
            true => Group::new(Delimiter::None, literal.into()).into(),
            false => literal,
        };
        tokens.extend(quote!(max_age = #value,));
    }
    if policy.credentials {
        tokens.extend(quote!(credentials,));
    }
    if policy.insecure_http_origins {
        tokens.extend(quote!(insecure_http_origins,));
    }
    if policy.private_network {
        tokens.extend(quote!(private_network,));
    }
    if policy.refuse_disallowed {
        tokens.extend(quote!(refuse_disallowed = true,));
    }
    Some(tokens)
}

/// The same policy through `Policy::builder()`, as a user configures it at run time.
fn builder(policy: &Generated) -> PolicyBuilder {
    let mut builder = Policy::builder();
    if let Some(origins) = texts(&policy.origins) {
        builder = builder.origins(origins);
    }
    if let Some(methods) = texts(&policy.methods) {
        builder = builder.methods(methods);
    }
    if let Some(names) = texts(&policy.allow_headers) {
        builder = builder.allow_headers(names);
    }
    if let Some(names) = texts(&policy.expose_headers) {
        builder = builder.expose_headers(names);
    }
    if let Some(seconds) = policy.max_age {
        builder = builder.max_age(seconds);
    }
    if policy.credentials {
        builder = builder.credentials();
    }
    if policy.insecure_http_origins {
        builder = builder.insecure_http_origins();
    }
    if policy.private_network {
        builder = builder.private_network();
    }
    if policy.refuse_disallowed {
        builder = builder.refuse_disallowed_origins();
    }
    builder
}

fn texts(list: &Option<Vec<Entry>>) -> Option<Vec<&str>> {
    list.as_ref().map(|l| l.iter().map(entry_text).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn agreement_of_macro_and_rules(policy in policy()) {
        let Some(tokens) = attribute(&policy) else {
            return Ok(());
        };
        let spec = PolicySpec {
            origins: texts(&policy.origins),
            credentials: policy.credentials,
            methods: texts(&policy.methods),
            allow_headers: texts(&policy.allow_headers),
            expose_headers: texts(&policy.expose_headers),
            max_age: policy.max_age,
            insecure_http_origins: policy.insecure_http_origins,
            private_network: policy.private_network,
            refuse_disallowed: policy.refuse_disallowed,
        };
        let mut errors = darling::Error::accumulator();
        let received = receive(tokens.clone(), &mut errors);
        let model = validate_policy(&received, Span::call_site(), &mut errors);
        let messages: Vec<String> = errors
            .into_inner()
            .into_iter()
            .flat_map(darling::Error::flatten)
            .map(|e| e.to_string())
            .filter(|m| !m.starts_with("note: "))
            .collect();
        match validate(&spec) {
            Ok(valid) => {
                prop_assert!(messages.is_empty(), "{tokens}: {messages:?}");
                let Some(PolicyModel::Written(from_macro)) = model else {
                    return Err(TestCaseError::fail(format!("{tokens}: no policy")));
                };
                prop_assert_eq!(&from_macro, &valid);
                let generated = impl_cors_policy(
                    &Ident::new("generated", Span::call_site()),
                    Span::call_site(),
                    Some(&PolicyModel::Written(from_macro)),
                    &Exports::new(None),
                );
                let (parts, constants) = read_impl(generated).map_err(TestCaseError::fail)?;
                let built = builder(&policy).build();
                prop_assert!(built.is_ok(), "{tokens}: {built:?}");
                let from_builder = built.unwrap();
                let fixed = &parts.headers;
                let in_policy = [
                    &fixed.expose_headers,
                    &fixed.allow_methods,
                    &fixed.allow_headers,
                    &fixed.max_age,
                ]
                .map(Clone::clone);
                prop_assert_eq!(&constants, &in_policy, "{}", tokens);
                prop_assert_eq!(Policy::__from_validated_parts(parts), from_builder, "{}", tokens);
            }
            Err(problems) => {
                prop_assert!(model.is_none(), "{tokens}");
                let expected: Vec<String> = problems.iter().map(|p| p.kind.to_string()).collect();
                prop_assert_eq!(messages, expected, "{}", tokens);
            }
        }
    }
}
