// `policy` is exclusive with the policy keys.
use typed_cors::cors;

#[cors(policy = Partner, origins = ["https://app.example.com"])]
async fn handler() {}

#[derive(typed_cors::CorsPolicy)]
#[cors(origins = ["https://partner.example.net"])]
struct Partner;

fn main() {}
