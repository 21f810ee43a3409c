// Rule 7: `*` must be the leftmost label.
use cors_policy::cors;

#[cors(origins = ["https://a.*.example.com"])]
async fn handler() {}

fn main() {}
