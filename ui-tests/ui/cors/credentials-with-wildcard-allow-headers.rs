// Rule 2: credentials with `*` in `allow_headers`.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], credentials, allow_headers = ["*"])]
async fn handler() {}

fn main() {}
