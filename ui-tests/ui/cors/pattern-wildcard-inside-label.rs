// Rule 7: `*` must be a whole label.
use cors_policy::cors;

#[cors(origins = ["https://*example.com"])]
async fn handler() {}

fn main() {}
