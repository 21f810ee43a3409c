// The policy struct exists exactly when the function does.
use typed_cors::{CorsPolicy, cors};

#[cfg(any())]
#[cors(origins = ["https://app.example.com"])]
async fn never_compiled() {}

#[cfg(all())]
#[cors(origins = ["https://app.example.com"])]
async fn always_compiled() {}

fn main() {
    let _ = always_compiled::POLICY;
}
