// Rule 11: an empty list.
use cors_policy::cors;

#[cors(origins = [])]
async fn handler() {}

fn main() {}
