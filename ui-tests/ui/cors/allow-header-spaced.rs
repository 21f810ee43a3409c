// A header name written as prose: the error suggests the token, `content-type`.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["Content Type"])]
async fn handler() {}

fn main() {}
