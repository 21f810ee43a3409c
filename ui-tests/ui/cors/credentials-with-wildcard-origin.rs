// Rule 2: credentials with origin `*`.
use typed_cors::cors;

#[cors(origins = ["*"], credentials)]
async fn handler() {}

fn main() {}
