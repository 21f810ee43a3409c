// A named policy has no type parameters.
use typed_cors::CorsPolicy;

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"])]
struct PartnerApi<T>(std::marker::PhantomData<T>);

fn main() {}
