// Rule 9: `sec-*` and `proxy-*` names are forbidden request headers.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["sec-fetch-mode", "proxy-authorization"])]
async fn handler() {}

fn main() {}
