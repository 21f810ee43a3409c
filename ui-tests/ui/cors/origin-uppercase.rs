// Rule 4: an origin with uppercase letters.
use typed_cors::cors;

#[cors(origins = ["https://App.Example.com"])]
async fn handler() {}

fn main() {}
