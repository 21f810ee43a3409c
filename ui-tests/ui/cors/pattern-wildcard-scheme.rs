// Rule 7: `*` in the scheme.
use typed_cors::cors;

#[cors(origins = ["*://example.com"])]
async fn handler() {}

fn main() {}
