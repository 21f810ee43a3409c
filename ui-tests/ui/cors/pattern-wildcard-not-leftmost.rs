// Rule 7: `*` must be the leftmost label.
use typed_cors::cors;

#[cors(origins = ["https://a.*.example.com"])]
async fn handler() {}

fn main() {}
