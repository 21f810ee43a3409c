// Rule 4: `https:` without `//` has no scheme separator; the fix keeps the scheme.
use typed_cors::cors;

#[cors(origins = ["https:app.example.com"])]
async fn handler() {}

fn main() {}
