// The derive needs a `#[cors(...)]` attribute.
use cors_policy::CorsPolicy;

#[derive(CorsPolicy)]
struct PartnerApi;

fn main() {}
