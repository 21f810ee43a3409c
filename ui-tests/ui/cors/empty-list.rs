// Rule 11: an empty list.
use typed_cors::cors;

#[cors(origins = [])]
async fn handler() {}

fn main() {}
