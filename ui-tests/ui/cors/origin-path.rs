// Rule 4: an origin with a path.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com/api"])]
async fn handler() {}

fn main() {}
