// Internationalized hosts are written in punycode, as browsers send them.
use typed_cors::cors;

#[cors(origins = ["https://xn--mnchen-3ya.de", "https://*.xn--bcher-kva.example"])]
async fn handler() {}

fn main() {
    let policy = <handler as typed_cors::CorsPolicy>::policy();
    assert!(policy.allows_origin(b"https://xn--mnchen-3ya.de"));
    assert!(policy.allows_origin(b"https://shop.xn--bcher-kva.example"));
}
