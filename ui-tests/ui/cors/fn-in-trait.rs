// A trait's provided function cannot have a struct beside it either.
use typed_cors::cors;

trait Api {
    #[cors(origins = ["https://app.example.com"])]
    fn handler() {}
}

fn main() {}
