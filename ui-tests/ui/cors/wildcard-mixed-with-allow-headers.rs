// Rule 3: in allow_headers only `authorization` may stand beside `*`.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["*", "x-other"])]
async fn handler() {}

fn main() {}
