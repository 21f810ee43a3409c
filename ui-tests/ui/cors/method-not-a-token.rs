// Rule 8: a method that is not an HTTP token.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = ["GE T"])]
async fn handler() {}

fn main() {}
