// Rule 9: `set-cookie` is never exposed.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], expose_headers = ["Set-Cookie"])]
async fn handler() {}

fn main() {}
