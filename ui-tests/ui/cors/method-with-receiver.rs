// `#[cors]` cannot declare its struct inside an `impl` block.
use cors_policy::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"])]
    async fn handler(&self) {}
}

fn main() {}
