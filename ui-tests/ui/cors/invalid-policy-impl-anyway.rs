// An invalid policy gives its one error and nothing else: the handler is kept and its
// policy struct still exists (with a placeholder policy), so the code using both
// type-checks.
use typed_cors::{CorsLayer, CorsPolicy, cors};

#[cors(origins = ["https://app.example.com/"])]
async fn handler() -> &'static str {
    "ok"
}

fn main() {
    let _future = handler();
    let _layer = CorsLayer::of::<handler>();
    let _policy = handler::policy();
}
