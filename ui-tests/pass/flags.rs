// Every flag, written bare or as `= true`.
use typed_cors::cors;

#[cors(
    origins = ["https://app.example.com", "http://intranet.example.com"],
    credentials = true,
    insecure_http_origins,
    private_network = true,
    refuse_disallowed,
    max_age = 86400,
)]
async fn handler() {}

fn main() {
    let policy = <handler as typed_cors::CorsPolicy>::policy();
    assert!(policy.allows_credentials());
    assert!(policy.refuses_disallowed_origins());
}
