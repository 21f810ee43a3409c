// Rule 4: an origin with a query.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com?x=1"])]
async fn handler() {}

fn main() {}
