// `policy = Name` needs a type that implements `CorsPolicy`.
use typed_cors::cors;

struct NotAPolicy;

#[cors(policy = NotAPolicy)]
async fn handler() {}

fn main() {}
