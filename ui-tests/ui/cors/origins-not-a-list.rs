// A single origin must still be written as a list.
use typed_cors::cors;

#[cors(origins = "https://app.example.com")]
async fn handler() {}

fn main() {}
