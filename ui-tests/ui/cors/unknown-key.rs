// Rule 11: an unknown key, with a suggestion.
use typed_cors::cors;

#[cors(origin = ["https://app.example.com"])]
async fn handler() {}

fn main() {}
