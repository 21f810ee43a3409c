// Rule 4: an origin without scheme.
use typed_cors::cors;

#[cors(origins = ["app.example.com"])]
async fn handler() {}

fn main() {}
