// Rule 9: header names are string literals.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = [authorization])]
async fn handler() {}

fn main() {}
