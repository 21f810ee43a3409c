// `crate` takes a string literal.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], crate = typed_cors)]
async fn handler() {}

fn main() {}
