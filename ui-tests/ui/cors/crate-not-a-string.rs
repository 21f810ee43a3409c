// `crate` takes a string literal.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], crate = cors_policy)]
async fn handler() {}

fn main() {}
