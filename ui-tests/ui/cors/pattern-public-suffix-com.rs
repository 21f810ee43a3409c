// Rule 7: a pattern over the top-level domain `com`.
use typed_cors::cors;

#[cors(origins = ["https://*.com"])]
async fn handler() {}

fn main() {}
