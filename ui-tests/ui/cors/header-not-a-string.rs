// Rule 9: header names are string literals.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = [authorization])]
async fn handler() {}

fn main() {}
