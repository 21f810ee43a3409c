// Rule 7: `*` in the scheme.
use cors_policy::cors;

#[cors(origins = ["*://example.com"])]
async fn handler() {}

fn main() {}
