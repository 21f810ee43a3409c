// Rule 4: an empty label (`*..com` would match hosts no browser sends, and hide `com`).
use cors_policy::cors;

#[cors(origins = ["https://*..com"])]
async fn handler() {}

fn main() {}
