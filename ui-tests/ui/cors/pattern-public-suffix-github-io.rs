// Rule 7: a pattern over the public suffix `github.io`.
use typed_cors::cors;

#[cors(origins = ["https://*.github.io"])]
async fn handler() {}

fn main() {}
