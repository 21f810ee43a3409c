// Rule 10: a `max_age` that is not an integer literal.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], max_age = "600")]
async fn handler() {}

fn main() {}
