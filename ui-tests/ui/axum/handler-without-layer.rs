// `cors_policy::axum` takes each handler with its layer: forgetting the layer is a
// compile error, not a handler silently routed without its policy.
use cors_policy::cors;

#[cors(origins = ["https://app.example.com"])]
async fn read() {}

fn main() {
    let _ = cors_policy::axum::get(read);
}
