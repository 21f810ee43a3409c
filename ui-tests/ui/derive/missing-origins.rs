// `origins` is required in a named policy too.
use typed_cors::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(methods = [PUT])]
struct PartnerApi;

fn main() {}
