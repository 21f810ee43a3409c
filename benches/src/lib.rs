//! The harness shared by the criterion benchmarks (`benches/cors.rs`), the round-based
//! ratio runner (`src/bin/rounds.rs`) and the allocation counter (`src/bin/allocs.rs`).
//!
//! Every tower row is a `Service<Request<()>>` around the same trivial inner service
//! ([`inner::Echo`]), driven by the same function ([`drive::drive`]) on identical
//! requests ([`scenario::Scenario::request`]). actix-web middlewares (actix-cors, ours as
//! `CorsMiddleware`) have their own request and service types, so they get their own
//! driver, inner service and floor (module `actix`, with the `peers` feature).
//!
//! Modules depend one way: [`row`] (the `Row` interface) on none of the rows, each row
//! module on [`row`], and `rows` (every row by name) on the row modules.

pub mod drive;
pub mod floor;
pub mod inner;
pub mod ours;
pub mod row;
pub mod scenario;
pub mod tower_row;

#[cfg(feature = "peers")]
pub mod actix;
#[cfg(feature = "peers")]
pub mod axum_rows;
#[cfg(feature = "peers")]
pub mod rows;
#[cfg(feature = "peers")]
pub mod tower_http_row;
