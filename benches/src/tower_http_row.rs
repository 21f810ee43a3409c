//! tower-http 0.7's `CorsLayer` on the benchmark policy.

use std::time::Duration;

use http::header::CONTENT_TYPE;
use http::{HeaderName, HeaderValue, Method};
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::scenario::{MAX_AGE, Scenario};

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The subdomain check a tower-http user writes in `AllowOrigin::predicate`.
fn subdomain(origin: &HeaderValue) -> bool {
    origin
        .as_bytes()
        .strip_prefix(b"https://")
        .and_then(|rest| rest.strip_suffix(b".example.com"))
        .is_some_and(|labels| {
            !labels.is_empty()
                && labels.split(|&b| b == b'.').all(|label| {
                    !label.is_empty()
                        && label
                            .iter()
                            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                })
        })
}

/// tower-http's layer for a scenario's policy: `AllowOrigin::exact` for one origin,
/// `AllowOrigin::list` for the lookup lists, `AllowOrigin::predicate` for the pattern.
pub fn layer(scenario: Scenario) -> CorsLayer {
    let origins = scenario.origins();
    let allow_origin = match scenario {
        Scenario::Pattern => AllowOrigin::predicate(|origin, _| subdomain(origin)),
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
