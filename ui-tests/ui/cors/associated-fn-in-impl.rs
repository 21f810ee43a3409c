// `#[cors]` on an associated function without `self`: the macro cannot see that it is
// inside an `impl` block, so rustc reports the struct it declares there. The fix is the
// same as for methods: a named policy (see `method-with-receiver.rs`).
use cors_policy::cors;

struct Api;

impl Api {
    #[cors(origins = ["https://app.example.com"])]
    async fn handler() {}
}

fn main() {}
