//! The values of `#[cors(...)]` keys, parsed with their spans.
//!
//! Each type reads one key's value from a `syn::Meta` through darling's `FromMeta`, and
//! every message names the key and shows the value to write.

use darling::{Error, FromMeta, Result};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Lit, Meta, Path, UnOp};

use crate::diag::error_at;

/// One entry of a list, as written: its text and where it is.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) text: String,
    pub(crate) span: Span,
}

/// Which entries a list accepts besides string literals.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    /// Only string literals (origins, header names).
    Strings,
    /// String literals or bare identifiers (`GET`, `"PATCH"`).
    StringsOrIdents,
}

/// `key = ["a", "b"]`.
#[derive(Clone, Debug)]
pub(crate) struct EntryList {
    pub(crate) entries: Vec<Entry>,
}

/// `methods = [GET, "PATCH"]`: identifiers are accepted too.
#[derive(Clone, Debug)]
pub(crate) struct MethodList(pub(crate) EntryList);

impl FromMeta for EntryList {
    fn from_meta(meta: &Meta) -> Result<Self> {
        list_from_meta(meta, EntryKind::Strings)
    }
}

impl FromMeta for MethodList {
    fn from_meta(meta: &Meta) -> Result<Self> {
        list_from_meta(meta, EntryKind::StringsOrIdents).map(MethodList)
    }
}

fn key_of(meta: &Meta) -> String {
    key_name(meta.path())
}

/// A key as the user means it: `r#origins` is the key `origins`.
pub(crate) fn key_name(path: &Path) -> String {
    match path.get_ident() {
        Some(ident) => ident.unraw().to_string(),
        None => darling::util::path_to_string(path),
    }
}

/// The expression inside the invisible groups that `macro_rules!` puts around a
/// substituted `$x:literal` or `$x:expr`.
fn ungroup(expr: &Expr) -> &Expr {
    match expr {
        Expr::Group(group) => ungroup(&group.expr),
        other => other,
    }
}

/// The value of `key = value`, or an error showing `example` as the value to write.
fn value_of<'m>(meta: &'m Meta, example: &str) -> Result<&'m Expr> {
    let key = key_of(meta);
    match meta {
        Meta::NameValue(nv) => Ok(ungroup(&nv.value)),
        Meta::Path(path) => Err(error_at(
            path.span(),
            format!("`{key}` needs a value; write `{key} = {example}`"),
        )),
        Meta::List(list) => Err(error_at(
            list.span(),
            format!("`{key}` is written with `=`; write `{key} = {example}`"),
        )),
    }
}

fn list_from_meta(meta: &Meta, kind: EntryKind) -> Result<EntryList> {
    let key = key_of(meta);
    let example = match kind {
        EntryKind::Strings => "[\"...\"]",
        EntryKind::StringsOrIdents => "[PUT, \"PATCH\"]",
    };
    let expr = value_of(meta, example)?;
    let Expr::Array(array) = expr else {
        let fix = match expr {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => format!("[{:?}]", s.value()),
            _ => example.to_owned(),
        };
        return Err(error_at(
            expr.span(),
            format!("`{key}` takes a list, even of one entry; write `{key} = {fix}`"),
        ));
    };
    let mut errors = Error::accumulator();
    let entries = array
        .elems
        .iter()
        .filter_map(|elem| errors.handle(entry(&key, elem, kind)))
        .collect();
    errors.finish_with(EntryList { entries })
}

fn entry(key: &str, expr: &Expr, kind: EntryKind) -> Result<Entry> {
    // The span of what is inside the invisible group: the group's own span is the
    // `$x` of a `macro_rules!` definition, the inside is the token the caller wrote.
    let expr = ungroup(expr);
    let span = expr.span();
    match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) => Ok(Entry {
            text: s.value(),
            span,
        }),
        Expr::Path(p) if kind == EntryKind::StringsOrIdents && p.path.get_ident().is_some() => {
            Ok(Entry {
                // `r#PUT` is the identifier `PUT`: the prefix only escapes keywords.
                text: p
                    .path
                    .get_ident()
                    .map(|ident| ident.unraw().to_string())
                    .unwrap_or_default(),
                span,
            })
        }
        _ => Err(error_at(span, not_an_entry(key, expr, kind))),
    }
}

fn not_an_entry(key: &str, expr: &Expr, kind: EntryKind) -> String {
    let what = match kind {
        EntryKind::Strings => "string literals",
        EntryKind::StringsOrIdents => "method names such as `PUT` or string literals",
    };
    let fix = match (key, expr) {
        // A name (a `const`, a `static`) means the value lives elsewhere, perhaps known
        // only at run time: say where such origins go.
        ("origins", Expr::Path(_) | Expr::Macro(_)) => {
            "; write the origin itself, e.g. `\"https://app.example.com\"`, or, for origins known only at run time (configuration, environment), build the policy with `Policy::builder()` and apply it with `CorsLayer::new(policy)`".to_owned()
        }
        ("origins", _) => {
            "; write the origin itself, e.g. `\"https://app.example.com\"`".to_owned()
        }
        // A bare word in a header list is most likely a header name missing its quotes.
        (_, Expr::Path(p)) if p.path.get_ident().is_some() => {
            format!("; write `\"{}\"`", quote::quote!(#p))
        }
        _ => String::new(),
    };
    format!(
        "`{key}` entries must be {what}: the macro checks every entry at compile time, so it must be written out{fix}"
    )
}

/// A flag: `key` or `key = true`. Keeps the key's span for notes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlagValue(pub(crate) Span);

impl FromMeta for FlagValue {
    fn from_meta(meta: &Meta) -> Result<Self> {
        let key = key_of(meta);
        let span = meta.path().span();
        match meta {
            Meta::Path(_) => Ok(FlagValue(span)),
            Meta::NameValue(nv) => match ungroup(&nv.value) {
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }) if b.value => Ok(FlagValue(span)),
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }) => Err(error_at(b.span(), flag_false(&key))),
                other => Err(error_at(
                    other.span(),
                    format!(
                        "`{key}` is a flag: write `{key}` alone (or `{key} = true`){}",
                        flag_reason(&key)
                    ),
                )),
            },
            Meta::List(list) => Err(error_at(
                list.span(),
                format!("`{key}` is a flag: write `{key}` alone (or `{key} = true`)"),
            )),
        }
    }
}

fn flag_reason(key: &str) -> &'static str {
    match key {
        "credentials" => {
            "; the only valid value of `Access-Control-Allow-Credentials` is `true`, so no other value means anything"
        }
        _ => "",
    }
}

fn flag_false(key: &str) -> String {
    match key {
        "credentials" => "`credentials = false` is not allowed: the only valid value of `Access-Control-Allow-Credentials` is `true`, and a policy without the key already refuses credentials; remove `credentials = false`".to_owned(),
        _ => format!("`{key} = false` is not allowed: `{key}` is off unless given; remove `{key} = false`"),
    }
}

/// `max_age = 600`, in seconds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MaxAge {
    pub(crate) seconds: u64,
    pub(crate) span: Span,
}

impl FromMeta for MaxAge {
    fn from_meta(meta: &Meta) -> Result<Self> {
        let expr = value_of(meta, "600")?;
        let span = expr.span();
        match expr {
            Expr::Lit(ExprLit {
                lit: Lit::Int(int), ..
            }) if int.base10_digits().starts_with('-') => Err(negative_max_age(span)),
            Expr::Lit(ExprLit {
                lit: Lit::Int(int), ..
            }) => Ok(MaxAge {
                // A literal too large for `u64` is certainly above the limit; let the
                // rules say so with their usual message.
                seconds: int.base10_parse().unwrap_or(u64::MAX),
                span,
            }),
            Expr::Unary(ExprUnary {
                op: UnOp::Neg(_), ..
            }) => Err(negative_max_age(span)),
            _ => Err(error_at(span, max_age_fix(expr))),
        }
    }
}

fn negative_max_age(span: Span) -> Error {
    error_at(
        span,
        "`max_age` cannot be negative: it is a number of seconds the browser may cache the preflight; write e.g. `max_age = 600`, or remove it to keep the browser default of 5 s",
    )
}

fn max_age_fix(expr: &Expr) -> String {
    let fix = match expr {
        Expr::Lit(ExprLit {
            lit: Lit::Str(s), ..
        }) if s.value().parse::<u64>().is_ok() => s.value(),
        Expr::Lit(ExprLit {
            lit: Lit::Float(f), ..
        }) => f
            .base10_parse::<f64>()
            .map(|v| format!("{}", v.round().max(0.0) as u64))
            .unwrap_or_else(|_| "600".to_owned()),
        _ => "600".to_owned(),
    };
    format!(
        "`max_age` must be an integer literal: it is a whole number of seconds, checked at compile time; write `max_age = {fix}`"
    )
}

/// `policy = PartnerApi`: a type implementing `CorsPolicy`.
#[derive(Clone, Debug)]
pub(crate) struct PolicyRef(pub(crate) Path);

impl FromMeta for PolicyRef {
    fn from_meta(meta: &Meta) -> Result<Self> {
        match value_of(meta, "PartnerApi")? {
            Expr::Path(p) if p.qself.is_none() => Ok(PolicyRef(p.path.clone())),
            other => Err(error_at(
                other.span(),
                "`policy` names a type that derives `CorsPolicy`; write e.g. `policy = PartnerApi`",
            )),
        }
    }
}

/// `crate = "my_cors"`: the path of the renamed `cors-policy` dependency.
#[derive(Clone, Debug)]
pub(crate) struct CratePath(pub(crate) Path);

impl FromMeta for CratePath {
    fn from_meta(meta: &Meta) -> Result<Self> {
        const FIX: &str =
            "write e.g. `crate = \"my_cors\"` (the name under which `cors-policy` is a dependency)";
        match value_of(meta, "\"my_cors\"")? {
            Expr::Lit(ExprLit {
                lit: Lit::Str(s), ..
            }) => s.parse::<Path>().map(CratePath).map_err(|_| {
                error_at(
                    s.span(),
                    format!("`crate` must be a path such as `my_cors` or `::my_cors`; {FIX}"),
                )
            }),
            other => Err(error_at(
                other.span(),
                format!("`crate` takes the path as a string literal; {FIX}"),
            )),
        }
    }
}
