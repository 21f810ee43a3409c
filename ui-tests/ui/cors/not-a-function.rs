// Rule 11: the attribute on something other than a function.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"])]
struct Handler;

fn main() {}
