// Rule 5: the `null` origin.
use typed_cors::cors;

#[cors(origins = ["null"])]
async fn handler() {}

fn main() {}
