// Origins are checked at compile time, so they are literals.
use cors_policy::cors;

#[cors(origins = [APP_ORIGIN])]
async fn handler() {}

const APP_ORIGIN: &str = "https://app.example.com";

fn main() {}
