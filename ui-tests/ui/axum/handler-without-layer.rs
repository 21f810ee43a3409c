// `typed_cors::axum` takes each handler with its layer: forgetting the layer is a
// compile error, not a handler silently routed without its policy.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"])]
async fn read() {}

fn main() {
    let _ = typed_cors::axum::get(read);
}
