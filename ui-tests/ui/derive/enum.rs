// A named policy is a unit struct, not an enum.
use typed_cors::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"])]
enum PartnerApi {
    A,
}

fn main() {}
