//! tower-http 0.7's `CorsLayer` on the benchmark policy.

use std::time::Duration;

use http::header::CONTENT_TYPE;
use http::{HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::scenario::{MAX_AGE, Scenario, is_example_subdomain};

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// tower-http's layer for a scenario's policy: `AllowOrigin::exact` for one origin,
/// `AllowOrigin::list` for the lookup lists, `AllowOrigin::predicate` for the pattern.
pub fn layer(scenario: Scenario) -> CorsLayer {
    let origins = scenario.origins();
    let allow_origin = match scenario {
        Scenario::Pattern => {
            AllowOrigin::predicate(|origin, _| is_example_subdomain(origin.as_bytes()))
        }
        Scenario::Lookup(_) => AllowOrigin::list(
            origins
                .iter()
                .map(|o| HeaderValue::from_str(o).expect("valid origin")),
        ),
        _ => AllowOrigin::exact(HeaderValue::from_str(&origins[0]).expect("valid origin")),
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_credentials(true)
        .allow_methods([Method::GET, Method::POST, Method::PUT, Method::DELETE])
        .allow_headers([CONTENT_TYPE, X_REQUEST_ID])
        .expose_headers([X_REQUEST_ID])
        .max_age(Duration::from_secs(MAX_AGE))
}
