// Rule 12: every mistake in one attribute is reported in one compile.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com/", "null"], credentials = false, methods = [put, TRACE], max_age = 100000, expose_headers = [])]
async fn handler() {}

fn main() {}
