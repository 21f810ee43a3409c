//! A policy built at run time: the parts [`ValidPolicy::into_parts`] decides, owned. The
//! macros write the same parts as constants (`cors-policy-macros/src/expand.rs`),
//! borrowed; neither side decides anything of its own, both only transcribe.

use std::borrow::Cow;

use http::HeaderValue;
use typed_cors_rules::{
    HeaderTexts, ListModel, OriginRuleModel, PolicyPartsModel, SubdomainPattern, ValidPolicy,
};

use crate::policy::{FixedHeaders, NameRule, OriginRule, Pattern, PolicyParts};
use crate::static_text::static_text;

impl PolicyParts {
    /// The parts of a policy built at run time from `valid`.
    pub(crate) fn from_valid(valid: ValidPolicy) -> Self {
        // Every field, as in `expand.rs`: a new part is a compile error on both sides.
        let PolicyPartsModel {
            origins,
            credentials,
            methods,
            allow_headers,
            headers,
            private_network,
            refuse_disallowed,
        } = valid.into_parts();
        Self {
            origins: OriginRule::from_model(origins),
            credentials,
            methods: NameRule::from_list(methods),
            allow_headers: NameRule::from_list(allow_headers),
            headers: FixedHeaders::from_texts(headers),
            private_network,
            refuse_disallowed,
        }
    }
}

impl FixedHeaders {
    fn from_texts(texts: HeaderTexts) -> Self {
        let HeaderTexts {
            expose_headers,
            allow_methods,
            allow_headers,
            max_age,
        } = texts;
        Self {
            expose_headers: expose_headers.map(header_value),
            allow_methods: allow_methods.map(header_value),
            allow_headers: allow_headers.map(header_value),
            max_age: max_age.map(header_value),
        }
    }
}

impl OriginRule {
    fn from_model(origins: OriginRuleModel) -> Self {
        match origins {
            OriginRuleModel::Any => Self::Any,
            OriginRuleModel::List {
                exact,
                slots,
                patterns,
            } => Self::List {
                exact: Cow::Owned(exact.into_iter().map(Cow::Owned).collect()),
                slots: Cow::Owned(slots),
                patterns: patterns.into_iter().map(Pattern::from_model).collect(),
            },
        }
    }
}

impl Pattern {
    fn from_model(pattern: SubdomainPattern) -> Self {
        let SubdomainPattern {
            scheme_prefix,
            suffix,
        } = pattern;
        Self {
            scheme_prefix: Cow::Owned(scheme_prefix),
            suffix: Cow::Owned(suffix),
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
