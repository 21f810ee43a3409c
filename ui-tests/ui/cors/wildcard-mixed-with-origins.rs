// Rule 3: `*` mixed with other entries.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com", "*"])]
async fn handler() {}

fn main() {}
