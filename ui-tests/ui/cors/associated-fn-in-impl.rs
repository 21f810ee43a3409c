// `#[cors]` on an associated function without `self`: its tokens look like a free
// function's, so the macro reads the block around it in the source and gives the same
// advice as for methods (`method-with-receiver.rs`): a named policy.
use typed_cors::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"])]
    async fn handler() {}
}

fn main() {}
