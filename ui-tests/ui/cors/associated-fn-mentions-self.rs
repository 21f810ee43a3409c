// `Self` in the signature: only an associated function can say it, so the macro knows
// without reading the source.
use typed_cors::cors;

struct Api;

impl Api {
#[cors(origins = ["https://app.example.com"])]
async fn handler() -> Self {
    Api
}
}

fn main() {}
