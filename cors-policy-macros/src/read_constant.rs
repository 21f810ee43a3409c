//! Test support: reads a generated `impl CorsPolicy` back into the runtime's values, so
//! that the agreement test can compare what the macro writes with what
//! `Policy::builder()` builds. It reads only the shapes `expand.rs` writes, with the
//! paths `Exports::new(None)` gives, and fails on anything else (a missing, repeated or
//! unknown field; another path; a `..` rest), so that it cannot read a wrong constant
//! as a right one.

use std::borrow::Cow;
use std::collections::HashMap;

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::{Expr, ImplItem, ItemImpl, Lit, Member};
use typed_cors::__private::{
    FixedHeaders, HeaderValue, NameRule, OriginRule, Pattern, PolicyParts,
};

type Read<T> = Result<T, String>;

/// The constants of a generated implementation: `POLICY`'s parts, and `EXPOSE_HEADERS`,
/// `ALLOW_METHODS`, `ALLOW_HEADERS` and `MAX_AGE` in that order.
pub(crate) fn read_impl(tokens: TokenStream) -> Read<(PolicyParts, [Option<HeaderValue>; 4])> {
    let item: ItemImpl = syn::parse2(tokens).map_err(|e| e.to_string())?;
    let mut constants: HashMap<String, Expr> = HashMap::new();
    for item in item.items {
        if let ImplItem::Const(constant) = item {
            constants.insert(constant.ident.to_string(), constant.expr);
        }
    }
    let mut constant = |name: &str| constants.remove(name).ok_or(format!("no {name}"));
    let policy = constant("POLICY")?;
    let values = [
        constant("EXPOSE_HEADERS")?,
        constant("ALLOW_METHODS")?,
        constant("ALLOW_HEADERS")?,
        constant("MAX_AGE")?,
    ];
    let parts = policy_parts(&policy)?;
    let [expose, methods, headers, max_age] = values.each_ref().map(optional_header);
    Ok((parts, [expose?, methods?, headers?, max_age?]))
}

/// `::typed_cors::__private::` and then `name`.
fn private(name: &str) -> String {
    format!("::typed_cors::__private::{name}")
}

fn path_is(path: &syn::Path, name: &str) -> bool {
    let text: String = path
        .to_token_stream()
        .to_string()
        .split_whitespace()
        .collect();
    text == private(name)
}

/// `name(argument)`: the one argument.
fn call<'e>(expr: &'e Expr, name: &str) -> Read<&'e Expr> {
    match expr {
        Expr::Call(call) if call.args.len() == 1 => match &*call.func {
            Expr::Path(func) if path_is(&func.path, name) => Ok(&call.args[0]),
            _ => Err(format!("not a call of {name}: {}", expr.to_token_stream())),
        },
        _ => Err(format!("not a call of {name}: {}", expr.to_token_stream())),
    }
}

/// The fields of `name { ... }`, each given once, without a `..` rest.
struct Fields(HashMap<String, Expr>);

impl Fields {
    fn of(expr: &Expr, name: &str) -> Read<Self> {
        let Expr::Struct(value) = expr else {
            return Err(format!("not a struct: {}", expr.to_token_stream()));
        };
        if !path_is(&value.path, name) || value.rest.is_some() || value.dot2_token.is_some() {
            return Err(format!("not a whole {name}: {}", expr.to_token_stream()));
        }
        let mut fields = HashMap::new();
        for field in &value.fields {
            let Member::Named(member) = &field.member else {
                return Err(format!("unnamed field in {name}"));
            };
            if fields
                .insert(member.to_string(), field.expr.clone())
                .is_some()
            {
                return Err(format!("{member} given twice in {name}"));
            }
        }
        Ok(Self(fields))
    }

    fn take(&mut self, field: &str) -> Read<Expr> {
        self.0.remove(field).ok_or(format!("no field {field}"))
    }

    /// Every field was read: none the runtime does not know.
    fn done(self) -> Read<()> {
        match self.0.keys().next() {
            Some(field) => Err(format!("unknown field {field}")),
            None => Ok(()),
        }
    }
}

fn policy_parts(expr: &Expr) -> Read<PolicyParts> {
    let mut fields = Fields::of(call(expr, "Policy::__from_validated_parts")?, "PolicyParts")?;
    let parts = PolicyParts {
        origins: origin_rule(&fields.take("origins")?)?,
        credentials: boolean(&fields.take("credentials")?)?,
        methods: name_rule(&fields.take("methods")?)?,
        allow_headers: name_rule(&fields.take("allow_headers")?)?,
        headers: fixed_headers(&fields.take("headers")?)?,
        private_network: boolean(&fields.take("private_network")?)?,
        refuse_disallowed: boolean(&fields.take("refuse_disallowed")?)?,
    };
    fields.done()?;
    Ok(parts)
}

fn origin_rule(expr: &Expr) -> Read<OriginRule> {
    if let Expr::Path(path) = expr
        && path_is(&path.path, "OriginRule::Any")
    {
        return Ok(OriginRule::Any);
    }
    let mut fields = Fields::of(expr, "OriginRule::List")?;
    let exact = borrowed_slice(&fields.take("exact")?)?
        .into_iter()
        .map(|e| borrowed_str(e).map(Cow::Owned))
        .collect::<Read<_>>()?;
    let slots = borrowed_slice(&fields.take("slots")?)?
        .into_iter()
        .map(slot)
        .collect::<Read<_>>()?;
    let patterns = borrowed_slice(&fields.take("patterns")?)?
        .into_iter()
        .map(pattern)
        .collect::<Read<_>>()?;
    fields.done()?;
    Ok(OriginRule::List {
        exact: Cow::Owned(exact),
        slots: Cow::Owned(slots),
        patterns: Cow::Owned(patterns),
    })
}

fn pattern(expr: &Expr) -> Read<Pattern> {
    let mut fields = Fields::of(expr, "Pattern")?;
    let pattern = Pattern {
        scheme_prefix: Cow::Owned(borrowed_str(&fields.take("scheme_prefix")?)?),
        suffix: Cow::Owned(borrowed_str(&fields.take("suffix")?)?),
    };
    fields.done()?;
    Ok(pattern)
}

fn name_rule(expr: &Expr) -> Read<NameRule> {
    if let Expr::Path(path) = expr {
        if path_is(&path.path, "NameRule::Any") {
            return Ok(NameRule::Any);
        }
        if path_is(&path.path, "NameRule::AnyAndAuthorization") {
            return Ok(NameRule::AnyAndAuthorization);
        }
    }
    let mut fields = Fields::of(expr, "NameRule::List")?;
    let names = borrowed_slice(&fields.take("names")?)?
        .into_iter()
        .map(|e| borrowed_str(e).map(Cow::Owned))
        .collect::<Read<_>>()?;
    fields.done()?;
    Ok(NameRule::List {
        names: Cow::Owned(names),
    })
}

fn fixed_headers(expr: &Expr) -> Read<FixedHeaders> {
    let mut fields = Fields::of(expr, "FixedHeaders")?;
    let headers = FixedHeaders {
        expose_headers: optional_header(&fields.take("expose_headers")?)?,
        allow_methods: optional_header(&fields.take("allow_methods")?)?,
        allow_headers: optional_header(&fields.take("allow_headers")?)?,
        max_age: optional_header(&fields.take("max_age")?)?,
    };
    fields.done()?;
    Ok(headers)
}

/// `None`, or `Some(HeaderValue::from_static("..."))`.
fn optional_header(expr: &Expr) -> Read<Option<HeaderValue>> {
    if let Expr::Path(path) = expr
        && path_is(&path.path, "None")
    {
        return Ok(None);
    }
    let text = string(call(call(expr, "Some")?, "HeaderValue::from_static")?)?;
    HeaderValue::try_from(text)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// `Cow::Borrowed(&[a, b, ...])`: the elements.
fn borrowed_slice(expr: &Expr) -> Read<Vec<&Expr>> {
    match call(expr, "Cow::Borrowed")? {
        Expr::Reference(reference) if reference.mutability.is_none() => match &*reference.expr {
            Expr::Array(array) => Ok(array.elems.iter().collect()),
            other => Err(format!("not an array: {}", other.to_token_stream())),
        },
        other => Err(format!("not a reference: {}", other.to_token_stream())),
    }
}

/// `Cow::Borrowed("...")`: the text.
fn borrowed_str(expr: &Expr) -> Read<String> {
    string(call(expr, "Cow::Borrowed")?)
}

fn string(expr: &Expr) -> Read<String> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(text) => Ok(text.value()),
            _ => Err(format!("not a string: {}", expr.to_token_stream())),
        },
        _ => Err(format!("not a string: {}", expr.to_token_stream())),
    }
}

fn slot(expr: &Expr) -> Read<u32> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(int) if int.suffix() == "u32" => int.base10_parse().map_err(|e| e.to_string()),
            _ => Err(format!("not a u32: {}", expr.to_token_stream())),
        },
        _ => Err(format!("not a u32: {}", expr.to_token_stream())),
    }
}

fn boolean(expr: &Expr) -> Read<bool> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Bool(value) => Ok(value.value),
            _ => Err(format!("not a bool: {}", expr.to_token_stream())),
        },
        _ => Err(format!("not a bool: {}", expr.to_token_stream())),
    }
}
