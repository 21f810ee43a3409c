// Rule 6: a non-loopback `http://` origin with credentials, without the opt-in.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com", "http://intranet.example.com"], credentials)]
async fn handler() {}

fn main() {}
