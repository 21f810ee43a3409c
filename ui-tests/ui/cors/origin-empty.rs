// Rule 4: the empty string.
use cors_policy::cors;

#[cors(origins = [""])]
async fn handler() {}

fn main() {}
