// Rule 8: a forbidden method.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], methods = [PUT, TRACE])]
async fn handler() {}

fn main() {}
