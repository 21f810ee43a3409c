// Rule 4: an empty label (`*..com` would match hosts no browser sends, and hide `com`).
use typed_cors::cors;

#[cors(origins = ["https://*..com"])]
async fn handler() {}

fn main() {}
