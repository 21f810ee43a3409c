// Rule 2: `["*", "authorization"]` is a wildcard too, so never with credentials.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["Authorization", "*"], credentials)]
async fn handler() {}

fn main() {}
