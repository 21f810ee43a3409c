// Rule 4: an origin with a trailing slash.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com/"])]
async fn handler() {}

fn main() {}
