// Rule 4: a non-ASCII host; the fix is its punycode.
use typed_cors::cors;

#[cors(origins = ["https://münchen.example"])]
async fn handler() {}

fn main() {}
