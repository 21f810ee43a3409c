// Non-default ports are part of the origin; loopback `http://` is fine with credentials.
use typed_cors::cors;

#[cors(
    origins = ["https://app.example.com:8443", "http://localhost:3000", "http://127.0.0.1:5173"],
    credentials,
)]
async fn handler() {}

fn main() {
    let policy = <handler as typed_cors::CorsPolicy>::policy();
    assert!(policy.allows_origin(b"https://app.example.com:8443"));
    assert!(!policy.allows_origin(b"https://app.example.com"));
    assert!(policy.allows_origin(b"http://localhost:3000"));
}
