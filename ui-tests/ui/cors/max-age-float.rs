// Rule 10: a fractional `max_age`.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], max_age = 1.5)]
async fn handler() {}

fn main() {}
