//! actix-cors 0.7, configured with the benchmark policy.

use actix_cors::Cors;
use actix_web::dev::Transform;

use super::{ActixEcho, ActixRow, ready_now};
use crate::inner::InnerResponse;
use crate::row::Row;
use crate::scenario::{
    ALLOW_HEADERS, EXPOSE_HEADERS, MAX_AGE, METHODS, Scenario, is_example_subdomain,
};

/// actix-cors configured with the benchmark policy. `block_on_origin_mismatch(false)`
/// so that a disallowed origin reaches the handler, as with every other row.
pub fn cors(scenario: Scenario) -> Cors {
    let mut cors = Cors::default();
    match scenario {
        Scenario::Pattern => {
            cors = cors.allowed_origin_fn(|origin, _| is_example_subdomain(origin.as_bytes()));
        }
        _ => {
            for origin in scenario.origins() {
                cors = cors.allowed_origin(&origin);
            }
        }
    }
    cors.supports_credentials()
        .allowed_methods(METHODS)
        .allowed_headers(ALLOW_HEADERS)
        .expose_headers(EXPOSE_HEADERS)
        .max_age(MAX_AGE as usize)
        .block_on_origin_mismatch(false)
}

/// The actix-cors row.
pub fn cors_row(scenario: Scenario, inner: InnerResponse) -> impl Row {
    let service = ready_now(cors(scenario).new_transform(ActixEcho(inner))).expect("valid cors");
    ActixRow::new(service, scenario)
}
