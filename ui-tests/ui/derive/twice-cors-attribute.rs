// One `#[cors(...)]` per named policy.
use typed_cors::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"])]
#[cors(max_age = 600)]
struct PartnerApi;

fn main() {}
