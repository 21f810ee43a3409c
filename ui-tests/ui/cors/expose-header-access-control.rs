// Rule 9: the policy sends the `Access-Control-*` headers; exposing one means nothing.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], expose_headers = ["access-control-allow-origin"])]
async fn handler() {}

fn main() {}
