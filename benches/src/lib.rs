//! The harness shared by the criterion benchmarks (`benches/cors.rs`), the round-based
//! ratio runner (`src/bin/rounds.rs`) and the allocation counter (`src/bin/allocs.rs`).
//!
//! Every row is a tower `Service<Request<()>>` around the same trivial inner service
//! ([`inner::Echo`]), driven by the same function ([`drive::drive`]) on identical
//! requests ([`scenario::Scenario::request`]). actix-cors has its own request and
//! service types, so it gets its own driver and its own floor (module `actix`, with the `peers` feature).

pub mod drive;
pub mod floor;
pub mod inner;
pub mod ours;
pub mod scenario;

#[cfg(feature = "peers")]
pub mod actix;
#[cfg(feature = "peers")]
pub mod axum_rows;
#[cfg(feature = "peers")]
pub mod rows;
#[cfg(feature = "peers")]
pub mod tower_http_row;
