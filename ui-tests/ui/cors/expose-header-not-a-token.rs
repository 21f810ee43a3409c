// Rule 9: an exposed header name that is not a token.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], expose_headers = ["x-id,x-other"])]
async fn handler() {}

fn main() {}
