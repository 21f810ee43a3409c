// A single origin must still be written as a list.
use cors_policy::cors;

#[cors(origins = "https://app.example.com")]
async fn handler() {}

fn main() {}
