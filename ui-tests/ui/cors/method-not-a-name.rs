// Rule 8: entries are identifiers or strings.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = [1])]
async fn handler() {}

fn main() {}
