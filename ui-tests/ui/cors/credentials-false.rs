// Rule 1: `credentials = false` is refused; omit the key.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], credentials = false)]
async fn handler() {}

fn main() {}
