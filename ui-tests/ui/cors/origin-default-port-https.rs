// Rule 4: `:443` on https.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com:443"])]
async fn handler() {}

fn main() {}
