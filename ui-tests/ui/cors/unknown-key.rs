// Rule 11: an unknown key, with a suggestion.
use cors_policy::cors;

#[cors(origin = ["https://app.example.com"])]
async fn handler() {}

fn main() {}
