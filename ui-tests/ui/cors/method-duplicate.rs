// Rule 8: the same method twice.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = [PUT, "PUT"])]
async fn handler() {}

fn main() {}
