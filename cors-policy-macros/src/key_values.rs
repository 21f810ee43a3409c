//! The values of `#[cors(...)]` keys, parsed with their spans.
//!
//! Each type reads one key's value from a `syn::Meta` (its `read` is told which key it
//! reads), and every message names the key and shows the value to write.

use darling::{Error, Result};
use proc_macro2::Span;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use syn::{Expr, ExprLit, ExprUnary, Lit, Meta, Path, UnOp};
use typed_cors_rules::Field;

use crate::diag::error_at;
use crate::key::Key;

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

impl EntryList {
    /// `origins`, `allow_headers` or `expose_headers`.
    pub(crate) fn read(field: Field, meta: &Meta) -> Result<Self> {
        list_from_meta(field, meta, EntryKind::Strings)
    }
}

impl MethodList {
    pub(crate) fn read(meta: &Meta) -> Result<Self> {
        list_from_meta(Field::Methods, meta, EntryKind::StringsOrIdents).map(MethodList)
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
fn value_of<'m>(key: Key, meta: &'m Meta, example: &str) -> Result<&'m Expr> {
    let key = key.name();
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

fn list_from_meta(field: Field, meta: &Meta, kind: EntryKind) -> Result<EntryList> {
    let key = field.key();
    let example = match kind {
        EntryKind::Strings => "[\"...\"]",
        EntryKind::StringsOrIdents => "[PUT, \"PATCH\"]",
    };
    let expr = value_of(Key::Setting(field), meta, example)?;
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
        .filter_map(|elem| errors.handle(entry(field, elem, kind)))
        .collect();
    errors.finish_with(EntryList { entries })
}

fn entry(field: Field, expr: &Expr, kind: EntryKind) -> Result<Entry> {
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
        _ => Err(error_at(span, not_an_entry(field, expr, kind))),
    }
}

fn not_an_entry(field: Field, expr: &Expr, kind: EntryKind) -> String {
    let what = match kind {
        EntryKind::Strings => "string literals",
        EntryKind::StringsOrIdents => "method names such as `PUT` or string literals",
    };
    let fix = match (field, expr) {
        // A name (a `const`, a `static`) means the value lives elsewhere, perhaps known
        // only at run time: say where such origins go.
        (Field::Origins, Expr::Path(_) | Expr::Macro(_)) => {
            "; write the origin itself, e.g. `\"https://app.example.com\"`, or, for origins known only at run time (configuration, environment), build the policy with `Policy::builder()` and apply it with `CorsLayer::new(policy)`".to_owned()
        }
        (Field::Origins, _) => {
            "; write the origin itself, e.g. `\"https://app.example.com\"`".to_owned()
        }
        // A bare word in a header list is most likely a header name missing its quotes.
        (_, Expr::Path(p)) if p.path.get_ident().is_some() => {
            format!("; write `\"{}\"`", quote::quote!(#p))
        }
        _ => String::new(),
    };
    let key = field.key();
    format!(
        "`{key}` entries must be {what}: the macro checks every entry at compile time, so it must be written out{fix}"
    )
}

/// A flag: `key` or `key = true`. Keeps the key's span for notes.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlagValue(pub(crate) Span);

impl FlagValue {
    /// `credentials`, `insecure_http_origins`, `private_network` or `refuse_disallowed`.
    pub(crate) fn read(field: Field, meta: &Meta) -> Result<Self> {
        let key = field.key();
        let span = meta.path().span();
        match meta {
            Meta::Path(_) => Ok(FlagValue(span)),
            Meta::NameValue(nv) => match ungroup(&nv.value) {
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }) if b.value => Ok(FlagValue(span)),
                Expr::Lit(ExprLit {
                    lit: Lit::Bool(b), ..
                }) => Err(error_at(b.span(), flag_false(field))),
                other => Err(error_at(
                    other.span(),
                    format!(
                        "`{key}` is a flag: write `{key}` alone (or `{key} = true`){}",
                        flag_reason(field)
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

fn flag_reason(field: Field) -> &'static str {
    match field {
        Field::Credentials => {
            "; the only valid value of `Access-Control-Allow-Credentials` is `true`, so no other value means anything"
        }
        _ => "",
    }
}

fn flag_false(field: Field) -> String {
    let key = field.key();
    match field {
        Field::Credentials => "`credentials = false` is not allowed: the only valid value of `Access-Control-Allow-Credentials` is `true`, and a policy without the key already refuses credentials; remove `credentials = false`".to_owned(),
        _ => format!("`{key} = false` is not allowed: `{key}` is off unless given; remove `{key} = false`"),
    }
}

/// `max_age = 600`, in seconds.
#[derive(Clone, Copy, Debug)]
pub(crate) struct MaxAge {
    pub(crate) seconds: u64,
    pub(crate) span: Span,
}

impl MaxAge {
    pub(crate) fn read(meta: &Meta) -> Result<Self> {
        let expr = value_of(Key::Setting(Field::MaxAge), meta, "600")?;
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

impl PolicyRef {
    pub(crate) fn read(meta: &Meta) -> Result<Self> {
        match value_of(Key::Policy, meta, "PartnerApi")? {
            Expr::Path(p) if p.qself.is_none() => Ok(PolicyRef(p.path.clone())),
            other => Err(error_at(
                other.span(),
                "`policy` names a type that derives `CorsPolicy`; write e.g. `policy = PartnerApi`",
            )),
        }
    }
}

/// `crate = "my_cors"`: the path of the renamed `typed-cors` dependency.
#[derive(Clone, Debug)]
pub(crate) struct CratePath(pub(crate) Path);

impl CratePath {
    pub(crate) fn read(meta: &Meta) -> Result<Self> {
        const FIX: &str =
            "write e.g. `crate = \"my_cors\"` (the name under which `typed-cors` is a dependency)";
        match value_of(Key::Crate, meta, "\"my_cors\"")? {
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
