//! Stage 1: read the keys of `#[cors(...)]` into a model that keeps every span.
//!
//! Checks that need no knowledge of CORS live here: unknown keys (with a suggestion),
//! duplicate keys, and the shape of each value. Every error is accumulated, so the user
//! sees all of them in one compile.

use darling::Result;
use darling::ast::NestedMeta;
use darling::error::Accumulator;
use proc_macro2::{Span, TokenStream};
use syn::Meta;
use syn::spanned::Spanned;
use typed_cors_rules::Field;

use crate::diag::{conflict_at, error_at};
use crate::key::{Key, written_name};
use crate::key_values::{CratePath, EntryList, FlagValue, MaxAge, MethodList, PolicyRef};

/// A key that was given, with the span of the key itself.
#[derive(Clone, Debug)]
pub(crate) struct Keyed<T> {
    pub(crate) key: Span,
    pub(crate) value: T,
}

impl<T> Keyed<T> {
    fn new(key: Span, value: T) -> Self {
        Self { key, value }
    }
}

/// The attribute as written, every part with its span.
#[derive(Default)]
pub(crate) struct Received {
    pub(crate) origins: Option<Keyed<EntryList>>,
    pub(crate) credentials: Option<FlagValue>,
    pub(crate) methods: Option<Keyed<EntryList>>,
    pub(crate) allow_headers: Option<Keyed<EntryList>>,
    pub(crate) expose_headers: Option<Keyed<EntryList>>,
    pub(crate) max_age: Option<Keyed<MaxAge>>,
    pub(crate) insecure_http_origins: Option<FlagValue>,
    pub(crate) private_network: Option<FlagValue>,
    pub(crate) refuse_disallowed: Option<FlagValue>,
    pub(crate) policy: Option<Keyed<PolicyRef>>,
    pub(crate) krate: Option<CratePath>,
    /// Every key given, with its span, in order.
    pub(crate) given: Vec<(Key, Span)>,
    /// Keys that were given but whose value was refused here; later stages skip them
    /// so that one mistake is reported once.
    pub(crate) refused: Vec<Key>,
}

impl Received {
    pub(crate) fn was_refused(&self, key: Key) -> bool {
        self.refused.contains(&key)
    }
}

/// Reads the arguments of one `#[cors(...)]`.
pub(crate) fn receive(args: TokenStream, errors: &mut Accumulator) -> Received {
    let mut received = Received::default();
    let Some(items) = errors.handle(NestedMeta::parse_meta_list(args).map_err(Into::into)) else {
        // Tokens that are not `key = value` pairs at all: nothing more to read.
        received.refused.extend(Key::ALL);
        return received;
    };
    for item in items {
        match item {
            NestedMeta::Meta(meta) => receive_key(&meta, &mut received, errors),
            NestedMeta::Lit(lit) => {
                errors.push(error_at(
                    lit.span(),
                    "expected `key = value`: `#[cors]` takes named keys; write e.g. `origins = [\"https://app.example.com\"]`",
                ));
                // Most likely the origins without their key: do not also call them missing.
                received.refused.push(Key::Setting(Field::Origins));
            }
            NestedMeta::NameValueInvalidExpr(invalid) => {
                if let Some(key) = known_key(&invalid.path, &mut received, errors) {
                    received.refused.push(key);
                }
                errors.push(invalid.error);
            }
        }
    }
    received
}

/// The key's name if it is known and not a duplicate; reports it otherwise.
fn known_key(path: &syn::Path, received: &mut Received, errors: &mut Accumulator) -> Option<Key> {
    let name = written_name(path);
    let Some(key) = Key::named(&name) else {
        let suggestion = suggest_key(&name);
        errors.push(error_at(path.span(), unknown_key(&name, suggestion)));
        // A misspelt key was meant as the suggested one: report the spelling only,
        // not also that the key is missing.
        received.refused.extend(suggestion);
        return None;
    };
    if let Some((_, first)) = received.given.iter().find(|(k, _)| *k == key) {
        let key = key.name();
        errors.push(conflict_at(
            path.span(),
            format!(
                "duplicate key `{key}`: each key may appear once in `#[cors]`; remove one of them"
            ),
            *first,
            format!("`{key}` first given here"),
        ));
        return None;
    }
    Some(key)
}

fn receive_key(meta: &Meta, received: &mut Received, errors: &mut Accumulator) {
    let Some(key) = known_key(meta.path(), received, errors) else {
        return;
    };
    received.given.push((key, meta.path().span()));
    let key_span = meta.path().span();
    let ok = match key {
        Key::Setting(field) => receive_setting(field, meta, received, errors),
        Key::Policy => store(errors, PolicyRef::read(meta), |v| {
            received.policy = Some(Keyed::new(key_span, v))
        }),
        Key::Crate => store(errors, CratePath::read(meta), |v| received.krate = Some(v)),
    };
    if !ok {
        received.refused.push(key);
    }
}

/// Reads the value of one setting into its place; says whether it was stored.
fn receive_setting(
    field: Field,
    meta: &Meta,
    received: &mut Received,
    errors: &mut Accumulator,
) -> bool {
    let key_span = meta.path().span();
    let list = |v| Some(Keyed::new(key_span, v));
    match field {
        Field::Origins => store(errors, EntryList::read(field, meta), |v| {
            received.origins = list(v)
        }),
        Field::Methods => store(errors, MethodList::read(meta), |v| {
            received.methods = list(v.0)
        }),
        Field::AllowHeaders => store(errors, EntryList::read(field, meta), |v| {
            received.allow_headers = list(v)
        }),
        Field::ExposeHeaders => store(errors, EntryList::read(field, meta), |v| {
            received.expose_headers = list(v)
        }),
        Field::MaxAge => store(errors, MaxAge::read(meta), |v| {
            received.max_age = Some(Keyed::new(key_span, v))
        }),
        Field::Credentials => store(errors, FlagValue::read(field, meta), |v| {
            received.credentials = Some(v)
        }),
        Field::InsecureHttpOrigins => store(errors, FlagValue::read(field, meta), |v| {
            received.insecure_http_origins = Some(v)
        }),
        Field::PrivateNetwork => store(errors, FlagValue::read(field, meta), |v| {
            received.private_network = Some(v)
        }),
        Field::RefuseDisallowed => store(errors, FlagValue::read(field, meta), |v| {
            received.refuse_disallowed = Some(v)
        }),
    }
}

/// Stores a parsed value, or records its error; says whether it was stored.
fn store<T>(errors: &mut Accumulator, result: Result<T>, put: impl FnOnce(T)) -> bool {
    errors.handle(result).map(put).is_some()
}

/// Names other CORS libraries use for our keys, so the suggestion is right even when
/// the spelling is far from ours.
const ALIASES: [(&str, Field); 14] = [
    ("allow_origin", Field::Origins),
    ("allow_origins", Field::Origins),
    ("allowed_origins", Field::Origins),
    ("allow_credentials", Field::Credentials),
    ("supports_credentials", Field::Credentials),
    ("allow_methods", Field::Methods),
    ("allowed_methods", Field::Methods),
    ("headers", Field::AllowHeaders),
    ("allowed_headers", Field::AllowHeaders),
    ("exposed_headers", Field::ExposeHeaders),
    ("max_age_secs", Field::MaxAge),
    ("max_age_seconds", Field::MaxAge),
    ("allow_private_network", Field::PrivateNetwork),
    ("refuse_disallowed_origins", Field::RefuseDisallowed),
];

fn suggest_key(name: &str) -> Option<Key> {
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map(|(_, field)| Key::Setting(*field))
        .or_else(|| closest_key(name))
}

fn unknown_key(name: &str, suggestion: Option<Key>) -> String {
    let keys = Key::ALL.map(|k| format!("`{}`", k.name())).join(", ");
    match suggestion {
        Some(key) => format!(
            "unknown key `{name}` in `#[cors]`: did you mean `{}`? the keys are {keys}",
            key.name()
        ),
        None => format!("unknown key `{name}` in `#[cors]`: the keys are {keys}"),
    }
}

fn closest_key(name: &str) -> Option<Key> {
    Key::ALL
        .into_iter()
        .map(|k| (strsim::jaro_winkler(name, k.name()), k))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::*;

    fn read(args: TokenStream) -> (Received, Vec<String>) {
        let mut errors = darling::Error::accumulator();
        let received = receive(args, &mut errors);
        let messages = errors
            .into_inner()
            .iter()
            .flat_map(|e| e.clone().flatten())
            .map(|e| e.to_string())
            .collect();
        (received, messages)
    }

    /// The texts of a received `methods` list.
    fn method_texts(methods: Option<Keyed<EntryList>>) -> Vec<String> {
        let list = methods.expect("methods received").value;
        list.entries.into_iter().map(|e| e.text).collect()
    }

    #[test]
    fn every_key_is_read_with_its_value() {
        let (received, errors) = read(quote! {
            origins = ["https://a.example"], credentials, methods = [PUT, "PATCH"],
            allow_headers = ["x-a"], expose_headers = ["x-b"], max_age = 600,
            insecure_http_origins, private_network = true, refuse_disallowed,
            crate = "::my_cors"
        });
        assert!(errors.is_empty(), "{errors:?}");
        let methods = method_texts(received.methods);
        assert_eq!(methods, ["PUT", "PATCH"]);
        assert_eq!(received.max_age.unwrap().value.seconds, 600);
        assert!(received.credentials.is_some() && received.private_network.is_some());
        assert!(received.krate.is_some());
        assert_eq!(received.given.len(), 10);
    }

    #[test]
    fn raw_identifiers_are_read_without_their_prefix() {
        let (received, errors) = read(quote!(
            origins = ["https://a.example"],
            methods = [r#PUT, r#match]
        ));
        assert!(errors.is_empty(), "{errors:?}");
        let methods = method_texts(received.methods);
        assert_eq!(methods, ["PUT", "match"]);
    }

    #[test]
    fn unknown_keys_get_a_suggestion_and_are_not_also_missing() {
        let (received, errors) = read(quote!(allowed_origins = ["https://a.example"]));
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("did you mean `origins`?"),
            "{}",
            errors[0]
        );
        assert!(received.was_refused(Key::Setting(Field::Origins)));
        let (_, errors) = read(quote!(max_ag = 5));
        assert!(
            errors[0].contains("did you mean `max_age`?"),
            "{}",
            errors[0]
        );
        let (_, errors) = read(quote!(zzz = 5));
        assert!(!errors[0].contains("did you mean"), "{}", errors[0]);
    }

    #[test]
    fn a_duplicate_key_is_an_error_with_a_note_and_keeps_the_first_value() {
        let (received, errors) = read(quote!(max_age = 1, max_age = 2));
        assert_eq!(errors.len(), 2);
        assert!(errors[0].starts_with("duplicate key `max_age`"));
        assert!(errors[1].starts_with("note: `max_age` first given here"));
        assert_eq!(received.max_age.unwrap().value.seconds, 1);
    }

    #[test]
    fn refused_values_are_reported_once_and_remembered() {
        let (received, errors) = read(quote! {
            credentials = false, origins = "https://a.example", max_age = -1, methods = [1]
        });
        assert_eq!(errors.len(), 4, "{errors:?}");
        for field in [
            Field::Credentials,
            Field::Origins,
            Field::MaxAge,
            Field::Methods,
        ] {
            assert!(received.was_refused(Key::Setting(field)), "{field:?}");
        }
        assert!(
            errors[1].contains("write `origins = [\"https://a.example\"]`"),
            "{}",
            errors[1]
        );
    }
}
