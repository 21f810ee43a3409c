// Rule 4: `:80` on http.
use typed_cors::cors;

#[cors(origins = ["http://app.example.com:80"])]
async fn handler() {}

fn main() {}
