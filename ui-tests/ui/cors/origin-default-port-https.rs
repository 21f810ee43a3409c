// Rule 4: `:443` on https.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com:443"])]
async fn handler() {}

fn main() {}
