// Flags take no value.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], private_network = "yes")]
async fn handler() {}

fn main() {}
