// Rule 4: an origin without scheme.
use cors_policy::cors;

#[cors(origins = ["app.example.com"])]
async fn handler() {}

fn main() {}
