// The `#[cors]` attribute written above the derive runs as the handler attribute.
// (Unqualified, rustc itself reports `cors` as ambiguous with the derive helper.)
use cors_policy::CorsPolicy;

#[cors_policy::cors(origins = ["https://partner.example.net"])]
#[derive(CorsPolicy)]
struct PartnerApi;

fn main() {
    // The derive still implements the trait: one error, no cascade.
    let _ = PartnerApi::POLICY;
}
