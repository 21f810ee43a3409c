// Rule 4: the empty string.
use typed_cors::cors;

#[cors(origins = [""])]
async fn handler() {}

fn main() {}
