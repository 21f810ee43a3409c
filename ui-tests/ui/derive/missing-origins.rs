// `origins` is required in a named policy too.
use cors_policy::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(methods = [PUT])]
struct PartnerApi;

fn main() {}
