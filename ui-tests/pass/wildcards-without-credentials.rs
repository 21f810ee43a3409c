// Without credentials, `*` is a wildcard in every list.
use cors_policy::cors;

#[cors(origins = ["*"], methods = ["*"], allow_headers = ["*"], expose_headers = ["*"])]
async fn handler() {}

fn main() {
    let policy = <handler as cors_policy::CorsPolicy>::policy();
    assert!(!policy.varies_by_origin());
}
