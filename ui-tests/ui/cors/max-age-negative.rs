// Rule 10: a negative `max_age`.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], max_age = -1)]
async fn handler() {}

fn main() {}
