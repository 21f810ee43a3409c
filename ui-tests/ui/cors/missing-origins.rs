// Rule 11: `origins` is required.
use typed_cors::cors;

#[cors(methods = [PUT])]
async fn handler() {}

fn main() {}
