// Rule 4: an origin with uppercase letters.
use cors_policy::cors;

#[cors(origins = ["https://App.Example.com"])]
async fn handler() {}

fn main() {}
