// Rule 5: the `null` origin.
use cors_policy::cors;

#[cors(origins = ["null"])]
async fn handler() {}

fn main() {}
