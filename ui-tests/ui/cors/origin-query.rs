// Rule 4: an origin with a query.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com?x=1"])]
async fn handler() {}

fn main() {}
