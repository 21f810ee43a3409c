// Anchored subdomain patterns, with and without a port, beside exact origins.
use typed_cors::cors;

#[cors(origins = ["https://example.com", "https://*.example.com", "https://*.staging.example.org:8443"])]
async fn handler() {}

fn main() {
    let policy = <handler as typed_cors::CorsPolicy>::policy();
    assert!(policy.allows_origin(b"https://example.com"));
    assert!(policy.allows_origin(b"https://a.b.example.com"));
    assert!(!policy.allows_origin(b"https://a.example.com.evil.net"));
    assert!(!policy.allows_origin(b"https://evilexample.com"));
    assert!(policy.allows_origin(b"https://app.staging.example.org:8443"));
}
