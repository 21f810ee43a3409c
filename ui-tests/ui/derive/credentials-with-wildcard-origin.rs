// The derive applies the same rules as `#[cors]`.
use cors_policy::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["*"], credentials)]
struct PartnerApi;

fn main() {}
