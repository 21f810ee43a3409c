// Rule 3: `*` mixed with other entries.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com", "*"])]
async fn handler() {}

fn main() {}
