// Rule 9: a forbidden request header.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["content-type", "cookie"])]
async fn handler() {}

fn main() {}
