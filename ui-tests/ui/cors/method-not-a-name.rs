// Rule 8: entries are identifiers or strings.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"], methods = [1])]
async fn handler() {}

fn main() {}
