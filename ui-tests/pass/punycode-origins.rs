// Internationalized hosts are written in punycode, as browsers send them.
use cors_policy::cors;

#[cors(origins = ["https://xn--mnchen-3ya.de", "https://*.xn--bcher-kva.example"])]
async fn handler() {}

fn main() {
    let policy = <handler as cors_policy::CorsPolicy>::policy();
    assert!(policy.allows_origin(b"https://xn--mnchen-3ya.de"));
    assert!(policy.allows_origin(b"https://shop.xn--bcher-kva.example"));
}
