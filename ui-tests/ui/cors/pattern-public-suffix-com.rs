// Rule 7: a pattern over the top-level domain `com`.
use cors_policy::cors;

#[cors(origins = ["https://*.com"])]
async fn handler() {}

fn main() {}
