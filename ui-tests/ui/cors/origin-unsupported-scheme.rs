// Rule 4: a scheme browsers never use for CORS.
use cors_policy::cors;

#[cors(origins = ["ftp://files.example.com"])]
async fn handler() {}

fn main() {}
