// Unknown keys are reported with a suggestion.
use cors_policy::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"], max_ages = 600)]
struct PartnerApi;

fn main() {}
