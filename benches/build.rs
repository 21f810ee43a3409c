//! Writes the 10-, 100- and 1,000-origin benchmark policies as `#[derive(CorsPolicy)]`
//! items, so that every `ours` row measures what the macro generates, however long the
//! list. The origins are `scenario::lookup_origin`'s (checked by a test in `ours.rs`).

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let mut code = String::new();
    for n in [10, 100, 1000] {
        let origins: Vec<String> = (0..n)
            .map(|i| format!("\"https://app{i:04}.example.com\""))
            .collect();
        writeln!(
            code,
            "/// The {n}-origin lookup policy, written with `#[cors]`.
#[derive(typed_cors::CorsPolicy)]
#[cors(
    origins = [{}],
    credentials,
    methods = [GET, POST, PUT, DELETE],
    allow_headers = [\"content-type\", \"x-request-id\"],
    expose_headers = [\"x-request-id\"],
    max_age = 600,
)]
pub struct BenchLookup{n};
",
            origins.join(", ")
        )
        .expect("writing to a String");
    }
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("lookup_policies.rs"), code).expect("writing OUT_DIR");
    println!("cargo::rerun-if-changed=build.rs");
}
