// Rule 4: a scheme browsers never use for CORS.
use typed_cors::cors;

#[cors(origins = ["ftp://files.example.com"])]
async fn handler() {}

fn main() {}
