// Rule 7: a pattern over a domain with public suffixes below it: `*.amazonaws.com`
// matches `https://attacker-bucket.s3.amazonaws.com`, registrable by anyone.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com", "https://*.amazonaws.com"], credentials)]
async fn handler() {}

fn main() {}
