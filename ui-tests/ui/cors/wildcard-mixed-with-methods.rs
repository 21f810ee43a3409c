// Rule 3: `*` mixed with other methods.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = [PUT, "*"])]
async fn handler() {}

fn main() {}
