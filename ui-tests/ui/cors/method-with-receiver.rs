// `#[cors]` cannot declare its struct inside an `impl` block.
use typed_cors::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"])]
    async fn handler(&self) {}
}

fn main() {}
