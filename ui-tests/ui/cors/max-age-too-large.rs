// Rule 10: above 86400, the largest cap of any browser.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], max_age = 86401)]
async fn handler() {}

fn main() {}
