// Rule 8: a forbidden method.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = [PUT, TRACE])]
async fn handler() {}

fn main() {}
