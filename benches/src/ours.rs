//! Our rows: the policy as `#[cors]` generates it (a `&'static Policy` with static header
//! values) and as `Policy::builder()` builds it (an `Arc<Policy>`).

use std::borrow::Cow;

use cors_policy::__private::{NameRule, OriginRule, Pattern, Policy, PolicyParts};
use cors_policy::{CorsLayer, CorsPolicy};
use cors_policy_rules::{ListModel, OriginTable, OriginsModel, PolicySpec, validate};
use http::HeaderValue;

use crate::scenario::{ALLOW_HEADERS, EXPOSE_HEADERS, MAX_AGE, METHODS, Scenario};

/// The benchmark policy, written with `#[cors]`.
#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app.example.com"],
    credentials,
    methods = [GET, POST, PUT, DELETE],
    allow_headers = ["content-type", "x-request-id"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
pub struct Bench;

/// The benchmark policy with the subdomain pattern, written with `#[cors]`.
#[derive(CorsPolicy)]
#[cors(
    origins = ["https://*.example.com"],
    credentials,
    methods = [GET, POST, PUT, DELETE],
    allow_headers = ["content-type", "x-request-id"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
pub struct BenchPattern;

/// The 1-origin lookup policy, written with `#[cors]`.
#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app0000.example.com"],
    credentials,
    methods = [GET, POST, PUT, DELETE],
    allow_headers = ["content-type", "x-request-id"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
pub struct BenchLookup1;

fn spec(origins: &[String]) -> PolicySpec<'_> {
    PolicySpec {
        origins: Some(origins.iter().map(String::as_str).collect()),
        credentials: true,
        methods: Some(METHODS.to_vec()),
        allow_headers: Some(ALLOW_HEADERS.to_vec()),
        expose_headers: Some(EXPOSE_HEADERS.to_vec()),
        max_age: Some(MAX_AGE),
        insecure_http_origins: false,
    }
}

/// The scenario's policy, built at run time.
pub fn built_policy(scenario: Scenario) -> cors_policy::Policy {
    let origins = scenario.origins();
    cors_policy::Policy::builder()
        .origins(&origins)
        .credentials()
        .methods(METHODS)
        .allow_headers(ALLOW_HEADERS)
        .expose_headers(EXPOSE_HEADERS)
        .max_age(MAX_AGE)
        .build()
        .expect("valid policy")
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

fn static_value(text: Option<String>) -> Option<HeaderValue> {
    text.map(|t| HeaderValue::from_static(leak(t)))
}

fn name_rule(list: ListModel) -> NameRule {
    let header = static_value(list.header_value());
    match list {
        ListModel::Any => NameRule::Any,
        ListModel::List(names) => NameRule::List {
            names: Cow::Owned(names.into_iter().map(Cow::Owned).collect()),
            header,
        },
    }
}

/// The scenario's policy as `#[cors]` expands it: validated by the same rules, every
/// header value `HeaderValue::from_static`, kept in a `static` (here: leaked).
pub fn static_policy(scenario: Scenario) -> &'static Policy {
    let origins = scenario.origins();
    let valid = validate(&spec(&origins)).expect("valid policy");
    let origins = match valid.origins {
        OriginsModel::Any => OriginRule::Any,
        OriginsModel::List { exact, patterns } => OriginRule::List {
            slots: Cow::Owned(OriginTable::build(&exact).slots),
            exact: Cow::Owned(exact.into_iter().map(Cow::Owned).collect()),
            patterns: Cow::Owned(
                patterns
                    .into_iter()
                    .map(|p| Pattern {
                        scheme_prefix: Cow::Owned(p.scheme_prefix),
                        suffix: Cow::Owned(p.suffix),
                    })
                    .collect(),
            ),
        },
    };
    let parts = PolicyParts {
        origins,
        credentials: valid.credentials,
        methods: name_rule(valid.methods),
        allow_headers: name_rule(valid.allow_headers),
        expose_headers: static_value(valid.expose_headers.header_value()),
        max_age: static_value(valid.max_age.map(|s| s.to_string())),
        private_network: false,
        refuse_disallowed: false,
    };
    Box::leak(Box::new(Policy::__from_validated_parts(parts)))
}

/// Our layer as `#[cors]` users get it: `CorsLayer::of` (a `&'static Policy`). The
/// policies with 10, 100 and 1,000 origins are built by [`static_policy`], the same
/// parts the macro generates (checked by the tests below).
pub fn static_layer(scenario: Scenario) -> CorsLayer {
    match scenario {
        Scenario::ActualGet | Scenario::Preflight | Scenario::Disallowed | Scenario::NoOrigin => {
            CorsLayer::of::<Bench>()
        }
        Scenario::Pattern => CorsLayer::of::<BenchPattern>(),
        Scenario::Lookup(1) => CorsLayer::of::<BenchLookup1>(),
        Scenario::Lookup(_) => CorsLayer::from_static(static_policy(scenario)),
    }
}

/// Our layer as `Policy::builder()` users get it: `CorsLayer::new` (an `Arc`).
pub fn built_layer(scenario: Scenario) -> CorsLayer {
    CorsLayer::new(built_policy(scenario))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hand_made_static_policy_is_what_the_macro_generates() {
        assert_eq!(static_policy(Scenario::ActualGet), Bench::policy());
        assert_eq!(static_policy(Scenario::Pattern), BenchPattern::policy());
        assert_eq!(static_policy(Scenario::Lookup(1)), BenchLookup1::policy());
        assert_eq!(&built_policy(Scenario::ActualGet), Bench::policy());
    }
}
