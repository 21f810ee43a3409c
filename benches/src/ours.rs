//! Our rows: the policy as `#[cors]` generates it (`CorsLayer::of`, a layer compiled for
//! the one policy) and as `Policy::builder()` builds it (an `Arc<Policy>`).

use typed_cors::{CorsLayer, CorsPolicy};

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

/// Something to do with a scenario's compiled policy `P`, for [`with_compiled`]: a
/// generic closure, which Rust does not have.
pub trait WithCompiled {
    /// What it gives.
    type Output;
    /// Does it with `P`.
    fn with<P: CorsPolicy + 'static>(self) -> Self::Output;
}

/// Runs `f` with the scenario's compiled policy: one place maps scenarios to the
/// generated policy types, for every row that uses them.
pub fn with_compiled<F: WithCompiled>(scenario: Scenario, f: F) -> F::Output {
    match scenario {
        Scenario::ActualGet | Scenario::Preflight | Scenario::Disallowed | Scenario::NoOrigin => {
            f.with::<Bench>()
        }
        Scenario::Pattern => f.with::<BenchPattern>(),
        Scenario::Lookup(1) => f.with::<BenchLookup1>(),
        Scenario::Lookup(10) => f.with::<BenchLookup10>(),
        Scenario::Lookup(100) => f.with::<BenchLookup100>(),
        Scenario::Lookup(1000) => f.with::<BenchLookup1000>(),
        Scenario::Lookup(n) => unreachable!("no generated policy for {n} origins"),
    }
}

/// The scenario's policy, built at run time.
pub fn built_policy(scenario: Scenario) -> typed_cors::Policy {
    let origins = scenario.origins();
    typed_cors::Policy::builder()
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
    /// origins, builds an equal policy, for every scenario that `with_compiled` maps.
    #[test]
    fn the_policies_are_the_scenarios() {
        struct Policy;
        impl WithCompiled for Policy {
            type Output = &'static typed_cors::Policy;
            fn with<P: CorsPolicy + 'static>(self) -> Self::Output {
                P::policy()
            }
        }
        for scenario in Scenario::ALL {
            assert_eq!(
                &built_policy(scenario),
                with_compiled(scenario, Policy),
                "{}",
                scenario.name()
            );
        }
    }
}
