// Rule 7: a trailing dot does not hide a public suffix (`https://*.com.` would trust
// `https://attacker.com.`).
use typed_cors::cors;

#[cors(origins = ["https://*.com."], credentials)]
async fn handler() {}

fn main() {}
