// A named policy is a unit struct.
use cors_policy::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"])]
struct PartnerApi {
    name: String,
}

fn main() {}
