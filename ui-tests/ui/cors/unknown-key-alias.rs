// Rule 11: another library's name for a key is suggested ours.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_methods = [PUT])]
async fn handler() {}

fn main() {}
