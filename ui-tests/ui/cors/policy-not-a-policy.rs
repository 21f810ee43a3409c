// `policy = Name` needs a type that implements `CorsPolicy`.
use cors_policy::cors;

struct NotAPolicy;

#[cors(policy = NotAPolicy)]
async fn handler() {}

fn main() {}
