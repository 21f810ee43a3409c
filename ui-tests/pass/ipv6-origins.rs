// IPv6 origins in serialized (bracketed, compressed) form, with and without a port.
use typed_cors::cors;

#[cors(origins = ["https://[2001:db8::1]", "http://[::1]:8080", "https://[fe80::1]:8443"], credentials)]
async fn handler() {}

fn main() {
    let policy = <handler as typed_cors::CorsPolicy>::policy();
    assert!(policy.allows_origin(b"https://[2001:db8::1]"));
    assert!(policy.allows_origin(b"http://[::1]:8080"));
    assert!(!policy.allows_origin(b"https://[2001:db8::2]"));
}
