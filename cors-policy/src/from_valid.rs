//! A policy built at run time from a [`ValidPolicy`]: the same parts the macros write
//! as constants (`cors-policy-macros/src/expand.rs`), owned instead of borrowed.

use std::borrow::Cow;

use http::HeaderValue;
use typed_cors_rules::{HeaderTexts, ListModel, OriginTable, OriginsModel, ValidPolicy};

use crate::policy::{FixedHeaders, NameRule, OriginRule, Pattern, PolicyParts};
use crate::static_text::static_text;

impl FixedHeaders {
    /// The header values of a policy built at run time.
    pub(crate) fn from_texts(texts: HeaderTexts) -> Self {
        Self {
            expose_headers: texts.expose_headers.map(header_value),
            allow_methods: texts.allow_methods.map(header_value),
            allow_headers: texts.allow_headers.map(header_value),
            max_age: texts.max_age.map(header_value),
        }
    }
}

impl PolicyParts {
    /// The parts of a policy built at run time: the macros write the same parts as
    /// constants (`cors-policy-macros/src/expand.rs`), from the same [`ValidPolicy`].
    pub(crate) fn from_valid(valid: ValidPolicy) -> Self {
        let headers = FixedHeaders::from_texts(valid.header_texts());
        let methods = valid.preflight_methods();
        let ValidPolicy {
            origins,
            credentials,
            // In `methods`, from `preflight_methods()`.
            methods: _,
            allow_headers,
            // In `headers`, from `header_texts()`.
            expose_headers: _,
            max_age: _,
            private_network,
            refuse_disallowed,
        } = valid;
        Self {
            origins: OriginRule::from_model(origins),
            credentials,
            methods: NameRule::from_list(methods),
            allow_headers: NameRule::from_list(allow_headers),
            headers,
            private_network,
            refuse_disallowed,
        }
    }
}

impl OriginRule {
    fn from_model(origins: OriginsModel) -> Self {
        match origins {
            OriginsModel::Any => Self::Any,
            OriginsModel::List { exact, patterns } => Self::List {
                slots: Cow::Owned(OriginTable::build(&exact).slots),
                exact: Cow::Owned(exact.into_iter().map(Cow::Owned).collect()),
                patterns: patterns
                    .into_iter()
                    .map(|p| Pattern {
                        scheme_prefix: Cow::Owned(p.scheme_prefix),
                        suffix: Cow::Owned(p.suffix),
                    })
                    .collect(),
            },
        }
    }
}

impl NameRule {
    fn from_list(list: ListModel) -> Self {
        match list {
            ListModel::Any => Self::Any,
            ListModel::AnyAndAuthorization => Self::AnyAndAuthorization,
            ListModel::List(names) => Self::List {
                names: names.into_iter().map(Cow::Owned).collect(),
            },
        }
    }
}

/// The rules' texts are tokens and digits joined by `, `: always a valid header value.
/// Over a `'static` copy of the text when there is one (`static_text.rs`), as the
/// macros' constants are: inserting it into a response then copies it instead of
/// counting a reference.
fn header_value(text: String) -> HeaderValue {
    match static_text(&text) {
        Some(text) => HeaderValue::from_static(text),
        None => HeaderValue::try_from(text).expect("validated tokens form a valid header value"),
    }
}
