// Rule 3: `*` mixed with other methods.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], methods = [PUT, "*"])]
async fn handler() {}

fn main() {}
