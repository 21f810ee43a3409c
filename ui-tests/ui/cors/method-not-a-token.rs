// Rule 8: a method that is not an HTTP token.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], methods = ["GE T"])]
async fn handler() {}

fn main() {}
