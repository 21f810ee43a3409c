//! Our rows: the policy as `#[cors]` generates it (`CorsLayer::of`, a layer compiled for
//! the one policy) and as `Policy::builder()` builds it (an `Arc<Policy>`).

use cors_policy::{CorsLayer, CorsPolicy};

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

// The 10-, 100- and 1,000-origin policies (`BenchLookup10` ...), written by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/lookup_policies.rs"));

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

/// Our layer as `Policy::builder()` users get it: `CorsLayer::new` (an `Arc`).
pub fn built_layer(scenario: Scenario) -> CorsLayer {
    CorsLayer::new(built_policy(scenario))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated policies hold the scenarios' origins: the builder, given the same
    /// origins, builds an equal policy.
    #[test]
    fn the_policies_are_the_scenarios() {
        assert_eq!(&built_policy(Scenario::ActualGet), Bench::policy());
        assert_eq!(&built_policy(Scenario::Pattern), BenchPattern::policy());
        assert_eq!(&built_policy(Scenario::Lookup(1)), BenchLookup1::policy());
        assert_eq!(&built_policy(Scenario::Lookup(10)), BenchLookup10::policy());
        assert_eq!(
            &built_policy(Scenario::Lookup(100)),
            BenchLookup100::policy()
        );
        assert_eq!(
            &built_policy(Scenario::Lookup(1000)),
            BenchLookup1000::policy()
        );
    }
}
