// The `#[cors]` attribute written above the derive runs as the handler attribute.
// (Unqualified, rustc itself reports `cors` as ambiguous with the derive helper.)
use typed_cors::CorsPolicy;

#[typed_cors::cors(origins = ["https://partner.example.net"])]
#[derive(CorsPolicy)]
struct PartnerApi;

fn main() {
    // The derive still implements the trait: one error, no cascade.
    let _ = PartnerApi::POLICY;
}
