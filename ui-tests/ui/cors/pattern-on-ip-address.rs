// Rule 7: IP addresses have no subdomains.
use typed_cors::cors;

#[cors(origins = ["https://*.127.0.0.1"])]
async fn handler() {}

fn main() {}
