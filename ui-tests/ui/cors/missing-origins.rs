// Rule 11: `origins` is required.
use cors_policy::cors;

#[cors(methods = [PUT])]
async fn handler() {}

fn main() {}
