// Rule 8: a lowercase spelling of a method browsers uppercase.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = [put])]
async fn handler() {}

fn main() {}
