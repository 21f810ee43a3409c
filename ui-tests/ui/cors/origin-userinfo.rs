// Rule 4: an origin with userinfo.
use cors_policy::cors;

#[cors(origins = ["https://me@app.example.com"])]
async fn handler() {}

fn main() {}
