// Rule 2: credentials with origin `*`.
use cors_policy::cors;

#[cors(origins = ["*"], credentials)]
async fn handler() {}

fn main() {}
