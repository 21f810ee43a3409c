// The derive applies the same rules as `#[cors]`.
use typed_cors::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["*"], credentials)]
struct PartnerApi;

fn main() {}
