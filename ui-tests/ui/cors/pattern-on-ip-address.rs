// Rule 7: IP addresses have no subdomains.
use cors_policy::cors;

#[cors(origins = ["https://*.127.0.0.1"])]
async fn handler() {}

fn main() {}
