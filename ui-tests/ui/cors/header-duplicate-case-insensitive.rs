// Rule 9: duplicates compare case-insensitively.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["X-Request-Id", "x-request-id"])]
async fn handler() {}

fn main() {}
