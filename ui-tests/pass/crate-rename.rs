// `crate = "..."` names the runtime crate when it is renamed or re-exported.
mod reexport {
    pub use typed_cors as renamed_cors;
}

use typed_cors::{CorsPolicy, cors};

#[cors(origins = ["https://app.example.com"], crate = "crate::reexport::renamed_cors")]
async fn handler() {}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], crate = "crate::reexport::renamed_cors")]
struct Named;

fn main() {
    assert_eq!(handler::POLICY, Named::POLICY);
}
