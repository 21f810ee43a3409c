//! What a valid policy holds at run time: the one function that turns a [`ValidPolicy`]
//! into the parts of a `typed_cors::Policy`.
//!
//! Every decision about what the runtime holds is made here, once: the origin table's
//! slots, which methods a preflight looks up, what each fixed header says. The macros
//! write these parts as constants (`cors-policy-macros/src/expand.rs`) and
//! `Policy::builder()` as owned values (`cors-policy/src/from_valid.rs`); both only
//! transcribe them, so a compiled and a built policy cannot differ.

use crate::{HeaderTexts, ListModel, OriginTable, OriginsModel, SubdomainPattern, ValidPolicy};

/// The parts of a runtime policy, as plain data, in the shape of `typed_cors`'s
/// `PolicyParts` field for field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyPartsModel {
    /// Which origins are allowed, and how the runtime finds them.
    pub origins: OriginRuleModel,
    /// Whether credentialed requests are allowed.
    pub credentials: bool,
    /// The methods a preflight's requested method is looked up in (see
    /// [`ValidPolicy::into_parts`]).
    pub methods: ListModel,
    /// The request headers a preflight may ask for.
    pub allow_headers: ListModel,
    /// The fixed header values.
    pub headers: HeaderTexts,
    /// Whether Private Network Access preflights are answered.
    pub private_network: bool,
    /// Whether actual requests from disallowed origins are refused with 403.
    pub refuse_disallowed: bool,
}

/// The allowed origins, in the shape of `typed_cors`'s `OriginRule`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginRuleModel {
    /// Any origin, answered with `*`.
    Any,
    /// Exact origins found through a hash table, then subdomain patterns.
    List {
        /// Serialized origins, in the order given.
        exact: Vec<String>,
        /// The open-addressing slots over `exact` ([`OriginTable::build`]).
        slots: Vec<u32>,
        /// Subdomain patterns, in the order given.
        patterns: Vec<SubdomainPattern>,
    },
}

impl ValidPolicy {
    /// The parts a runtime policy holds for this valid policy.
    ///
    /// `methods` leaves out the CORS-safelisted GET, HEAD and POST, which the runtime
    /// lets pass before looking (one comparison fewer each, per preflight);
    /// `Access-Control-Allow-Methods` still names them as written.
    pub fn into_parts(self) -> PolicyPartsModel {
        let headers = self.header_texts();
        // Every field, so that a new one must be given its runtime part here.
        let Self {
            origins,
            credentials,
            methods,
            allow_headers,
            // Only in `headers`: the runtime needs their texts alone.
            expose_headers: _,
            max_age: _,
            private_network,
            refuse_disallowed,
        } = self;
        PolicyPartsModel {
            origins: origin_rule(origins),
            credentials,
            methods: without_safelisted(methods),
            allow_headers,
            headers,
            private_network,
            refuse_disallowed,
        }
    }
}

fn origin_rule(origins: OriginsModel) -> OriginRuleModel {
    match origins {
        OriginsModel::Any => OriginRuleModel::Any,
        OriginsModel::List { exact, patterns } => OriginRuleModel::List {
            slots: OriginTable::build(&exact).slots,
            exact,
            patterns,
        },
    }
}

/// The methods a preflight looks its requested method up in: the listed ones but the
/// CORS-safelisted GET, HEAD and POST; `*` stays `*`.
fn without_safelisted(methods: ListModel) -> ListModel {
    match methods {
        ListModel::List(names) => ListModel::List(
            names
                .into_iter()
                .filter(|name| !crate::is_safelisted_method(name))
                .collect(),
        ),
        any => any,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PolicySpec, validate};

    fn parts(spec: PolicySpec<'_>) -> PolicyPartsModel {
        validate(&PolicySpec {
            origins: spec.origins.clone().or(Some(vec!["https://a.example"])),
            ..spec
        })
        .unwrap()
        .into_parts()
    }

    /// A preflight looks its method up among the listed methods other than GET, HEAD
    /// and POST (which pass before any look-up); the header text keeps all, as written;
    /// `*` stays `*`.
    #[test]
    fn preflight_methods_leave_out_the_safelisted_ones() {
        let methods = |methods: Vec<&str>| {
            parts(PolicySpec {
                methods: Some(methods),
                ..PolicySpec::default()
            })
        };
        let listed = methods(vec!["GET", "PUT", "HEAD", "POST", "DELETE"]);
        assert_eq!(
            listed.methods,
            ListModel::List(vec!["PUT".into(), "DELETE".into()])
        );
        assert_eq!(
            listed.headers.allow_methods.as_deref(),
            Some("GET, PUT, HEAD, POST, DELETE")
        );
        assert_eq!(methods(vec!["GET"]).methods, ListModel::List(vec![]));
        assert_eq!(methods(vec!["*"]).methods, ListModel::Any);
    }

    /// The exact origins keep their order and get the table built over them; patterns
    /// stay beside them; `*` has neither.
    #[test]
    fn the_origin_rule_holds_the_table_over_the_exact_origins() {
        let listed = parts(PolicySpec {
            origins: Some(vec![
                "https://b.example",
                "https://*.c.example",
                "https://a.example",
            ]),
            ..PolicySpec::default()
        });
        let exact = vec!["https://b.example".to_owned(), "https://a.example".into()];
        let expected = OriginRuleModel::List {
            slots: OriginTable::build(&exact).slots,
            exact,
            patterns: vec![SubdomainPattern {
                scheme_prefix: "https://".into(),
                suffix: ".c.example".into(),
            }],
        };
        assert_eq!(listed.origins, expected);
        let any = parts(PolicySpec {
            origins: Some(vec!["*"]),
            ..PolicySpec::default()
        });
        assert_eq!(any.origins, OriginRuleModel::Any);
    }

    /// Every other field goes to its part as validated.
    #[test]
    fn the_flags_and_the_header_texts_are_carried() {
        let found = parts(PolicySpec {
            credentials: true,
            allow_headers: Some(vec!["X-A"]),
            expose_headers: Some(vec!["X-B"]),
            max_age: Some(60),
            private_network: true,
            refuse_disallowed: true,
            ..PolicySpec::default()
        });
        assert!(found.credentials && found.private_network && found.refuse_disallowed);
        assert_eq!(found.allow_headers, ListModel::List(vec!["x-a".into()]));
        let expected = HeaderTexts {
            expose_headers: Some("x-b".into()),
            allow_methods: None,
            allow_headers: Some("x-a".into()),
            max_age: Some("60".into()),
        };
        assert_eq!(found.headers, expected);
        let plain = parts(PolicySpec::default());
        assert!(!plain.credentials && !plain.private_network && !plain.refuse_disallowed);
    }
}
