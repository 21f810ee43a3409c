// Rule 4: an origin with a fragment.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com#top"])]
async fn handler() {}

fn main() {}
