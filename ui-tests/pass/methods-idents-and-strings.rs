// Methods as identifiers or strings; extension methods keep their case.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], methods = [GET, PUT, "PATCH", DELETE, "PROPFIND", "patch"])]
async fn handler() {}

fn main() {}
