// Rule 1: any value but `true` is refused.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], credentials = "true")]
async fn handler() {}

fn main() {}
