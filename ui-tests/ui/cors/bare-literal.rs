// Keys are named.
use typed_cors::cors;

#[cors("https://app.example.com")]
async fn handler() {}

fn main() {}
