// An invalid named policy gives its one error and nothing else: the trait is still
// implemented (with a placeholder policy), so code using it type-checks.
use typed_cors::{CorsLayer, CorsPolicy, cors};

#[derive(CorsPolicy)]
#[cors(origins = ["null"])]
struct PartnerApi;

#[cors(policy = PartnerApi)]
async fn handler() {}

fn main() {
    let _layer = CorsLayer::of::<PartnerApi>();
    let _policy = PartnerApi::policy();
    let _handler_layer = CorsLayer::of::<handler>();
}
