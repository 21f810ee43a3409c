// Rule 9: an allowed header name that is not a token.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["x request id"])]
async fn handler() {}

fn main() {}
