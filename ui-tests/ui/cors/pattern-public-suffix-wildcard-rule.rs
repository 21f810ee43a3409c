// Rule 7: a wildcard rule of the Public Suffix List at the pattern's domain (`*.sch.uk`:
// every name directly under `sch.uk` is a public suffix).
use typed_cors::cors;

#[cors(origins = ["https://*.sch.uk"])]
async fn handler() {}

fn main() {}
