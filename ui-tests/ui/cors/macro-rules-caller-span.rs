// Errors point at the token the caller wrote, not at `$origin` in the macro definition.
use typed_cors::cors;

macro_rules! api {
    ($origin:literal, $max_age:literal, $method:ident) => {
        #[cors(credentials, origins = [$origin], max_age = $max_age, methods = [$method])]
        async fn handler() {}
    };
}

api!("*", 100000, TRACE);

fn main() {}
