// `["*", "authorization"]`, in either order and any case, is the one mix `allow_headers`
// accepts: Fetch's `*` never covers `Authorization`, so it is named beside it.
use typed_cors::cors;

#[cors(origins = ["https://app.example.com"], allow_headers = ["*", "authorization"])]
async fn first() {}

#[cors(origins = ["*"], allow_headers = ["Authorization", "*"])]
async fn second() {}

fn main() {
    let _ = (first(), second());
}
