// Rule 9: `Access-Control-*` names are response headers the server sends.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["Access-Control-Allow-Origin"])]
async fn handler() {}

fn main() {}
