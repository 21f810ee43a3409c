// Rule 4: a trailing dot (the root label) is refused; the fix drops it.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com."])]
async fn handler() {}

fn main() {}
