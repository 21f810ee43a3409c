// Rule 11: a duplicate key.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], max_age = 600, max_age = 60)]
async fn handler() {}

fn main() {}
