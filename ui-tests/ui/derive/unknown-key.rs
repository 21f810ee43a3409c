// Unknown keys are reported with a suggestion.
use typed_cors::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"], max_ages = 600)]
struct PartnerApi;

fn main() {}
