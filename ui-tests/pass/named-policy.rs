//! A named policy, reused by a handler with `policy = Name`.

use typed_cors::{CorsLayer, CorsPolicy, cors};

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"], methods = [PUT], max_age = 600)]
struct PartnerApi;

#[cors(policy = PartnerApi)]
async fn partner_orders() {}

fn main() {
    assert_eq!(partner_orders::POLICY, PartnerApi::POLICY);
    assert!(PartnerApi::policy().allows_origin(b"https://partner.example.net"));
    let _layer = CorsLayer::of::<partner_orders>();
}
