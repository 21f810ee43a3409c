// Rule 7: `*` must be a whole label.
use typed_cors::cors;

#[cors(origins = ["https://*example.com"])]
async fn handler() {}

fn main() {}
