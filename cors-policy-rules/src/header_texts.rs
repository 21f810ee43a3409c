//! What a valid policy answers with: the text of each header whose value the policy
//! alone fixes.
//!
//! The one place that decides it, for [`ValidPolicy::into_parts`]: `Policy::builder()`
//! turns these texts into the header values of a policy built at run time, and the
//! macros into the constants of a compiled policy (`HeaderValue::from_static`), so the
//! two handles cannot answer differently.

use crate::{ListModel, ValidPolicy};

/// The fixed header values of a policy, as text; `None` where the policy sends no fixed
/// value.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeaderTexts {
    /// `Access-Control-Expose-Headers`.
    pub expose_headers: Option<String>,
    /// `Access-Control-Allow-Methods` of a preflight.
    pub allow_methods: Option<String>,
    /// `Access-Control-Allow-Headers` of a preflight, for a listed set.
    pub allow_headers: Option<String>,
    /// `Access-Control-Max-Age` of a preflight.
    pub max_age: Option<String>,
}

impl ValidPolicy {
    /// The fixed header values this policy answers with.
    pub(crate) fn header_texts(&self) -> HeaderTexts {
        HeaderTexts {
            expose_headers: self.expose_headers.header_value(),
            allow_methods: match self.methods {
                // Any method: `*` answers `*` (never with credentials, where a browser
                // would read it as a method named `*`).
                ListModel::Any | ListModel::AnyAndAuthorization => Some("*".to_owned()),
                ref listed => listed.header_value(),
            },
            allow_headers: match self.allow_headers {
                // Under `*` the request's own list is echoed instead, so that a browser's
                // preflight cache holds only names that were checked (Chromium would let
                // a cached `*` cover a later `Authorization`): no fixed value.
                ListModel::Any | ListModel::AnyAndAuthorization => None,
                ref listed => listed.header_value(),
            },
            max_age: self.max_age.map(|seconds| seconds.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PolicySpec, validate};

    fn texts(spec: PolicySpec<'_>) -> HeaderTexts {
        validate(&PolicySpec {
            origins: Some(vec!["https://a.example"]),
            ..spec
        })
        .unwrap()
        .header_texts()
    }

    #[test]
    fn listed_values_are_joined_and_normalized() {
        let found = texts(PolicySpec {
            methods: Some(vec!["PUT", "PATCH"]),
            allow_headers: Some(vec!["Content-Type", "x-a"]),
            expose_headers: Some(vec!["X-Request-Id"]),
            max_age: Some(600),
            ..PolicySpec::default()
        });
        let expected = HeaderTexts {
            expose_headers: Some("x-request-id".into()),
            allow_methods: Some("PUT, PATCH".into()),
            allow_headers: Some("content-type, x-a".into()),
            max_age: Some("600".into()),
        };
        assert_eq!(found, expected);
    }

    #[test]
    fn omitted_keys_send_nothing() {
        assert_eq!(texts(PolicySpec::default()), HeaderTexts::default());
    }

    /// `*` methods answer `*`; `*` request headers have no fixed answer (the request's
    /// list is echoed), with or without `authorization` beside the `*`.
    #[test]
    fn wildcards_answer_star_for_methods_and_nothing_fixed_for_headers() {
        for allow_headers in [vec!["*"], vec!["*", "authorization"]] {
            let found = texts(PolicySpec {
                methods: Some(vec!["*"]),
                allow_headers: Some(allow_headers),
                expose_headers: Some(vec!["*"]),
                ..PolicySpec::default()
            });
            let expected = HeaderTexts {
                expose_headers: Some("*".into()),
                allow_methods: Some("*".into()),
                ..HeaderTexts::default()
            };
            assert_eq!(found, expected);
        }
    }
}
