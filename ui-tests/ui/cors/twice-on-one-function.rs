// Rule 11: two `#[cors]` on one function.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"])]
#[cors(origins = ["https://admin.example.com"])]
async fn handler() {}

fn main() {}
