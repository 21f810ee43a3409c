// Rule 2: credentials with `*` in `expose_headers`.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], credentials, expose_headers = ["*"])]
async fn handler() {}

fn main() {}
