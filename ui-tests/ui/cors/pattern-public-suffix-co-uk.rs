// Rule 7: a pattern over the public suffix `co.uk`.
use typed_cors::cors;

#[cors(origins = ["https://*.co.uk"])]
async fn handler() {}

fn main() {}
