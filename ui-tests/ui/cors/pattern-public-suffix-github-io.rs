// Rule 7: a pattern over the public suffix `github.io`.
use cors_policy::cors;

#[cors(origins = ["https://*.github.io"])]
async fn handler() {}

fn main() {}
