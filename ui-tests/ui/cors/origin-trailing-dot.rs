// Rule 4: a trailing dot (the root label) is refused; the fix drops it.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com."])]
async fn handler() {}

fn main() {}
