// Keys are named.
use cors_policy::cors;

#[cors("https://app.example.com")]
async fn handler() {}

fn main() {}
