// Rule 7: `*.` must be followed by a domain; `https://*.` would match every host
// written with a trailing dot (`https://attacker.com.`).
use typed_cors::cors;

#[cors(origins = ["https://*."], credentials)]
async fn handler() {}

fn main() {}
