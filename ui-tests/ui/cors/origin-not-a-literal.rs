// Origins are checked at compile time, so they are literals.
use typed_cors::cors;

#[cors(origins = [APP_ORIGIN])]
async fn handler() {}

const APP_ORIGIN: &str = "https://app.example.com";

fn main() {}
