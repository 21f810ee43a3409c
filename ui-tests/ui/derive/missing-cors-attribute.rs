// The derive needs a `#[cors(...)]` attribute.
use typed_cors::CorsPolicy;

#[derive(CorsPolicy)]
struct PartnerApi;

fn main() {}
