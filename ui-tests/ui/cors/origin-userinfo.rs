// Rule 4: an origin with userinfo.
use typed_cors::cors;

#[cors(origins = ["https://me@app.example.com"])]
async fn handler() {}

fn main() {}
