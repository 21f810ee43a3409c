// `policy` is exclusive with the policy keys.
use cors_policy::cors;

#[cors(policy = Partner, origins = ["https://app.example.com"])]
async fn handler() {}

#[derive(cors_policy::CorsPolicy)]
#[cors(origins = ["https://partner.example.net"])]
struct Partner;

fn main() {}
