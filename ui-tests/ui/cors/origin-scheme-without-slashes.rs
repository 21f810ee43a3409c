// Rule 4: `https:` without `//` has no scheme separator; the fix keeps the scheme.
use cors_policy::cors;

#[cors(origins = ["https:app.example.com"])]
async fn handler() {}

fn main() {}
