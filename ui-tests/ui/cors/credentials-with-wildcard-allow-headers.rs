// Rule 2: credentials with `*` in `allow_headers`.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], credentials, allow_headers = ["*"])]
async fn handler() {}

fn main() {}
