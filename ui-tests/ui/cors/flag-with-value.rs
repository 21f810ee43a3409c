// Flags take no value.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], private_network = "yes")]
async fn handler() {}

fn main() {}
