// Without credentials, `*` is a wildcard in every list.
use typed_cors::cors;

#[cors(origins = ["*"], methods = ["*"], allow_headers = ["*"], expose_headers = ["*"])]
async fn handler() {}

fn main() {
    let policy = <handler as typed_cors::CorsPolicy>::policy();
    assert!(!policy.varies_by_origin());
}
