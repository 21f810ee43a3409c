// Rule 4: an IPv6 address not in compressed form.
use typed_cors::cors;

#[cors(origins = ["https://[0:0::1]"])]
async fn handler() {}

fn main() {}
