// Rule 2: credentials with `*` in `methods`.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], credentials, methods = ["*"])]
async fn handler() {}

fn main() {}
