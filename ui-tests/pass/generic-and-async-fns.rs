// Generic, async and `pub(crate)` functions keep their signature; the struct gets
// the function's visibility and no type parameters.
use typed_cors::{CorsLayer, cors};

mod api {
    use typed_cors::cors;

    #[cors(origins = ["https://app.example.com"])]
    pub(crate) async fn echo<T: ToString + Send>(value: T) -> String {
        value.to_string()
    }

    #[cors(origins = ["https://app.example.com"])]
    pub fn sync_handler<'a>(name: &'a str) -> &'a str {
        name
    }
}

#[cors(origins = ["https://app.example.com"], max_age = 0)]
fn where_clause<T>(value: T) -> T
where
    T: Clone,
{
    value.clone()
}

fn main() {
    let _future = api::echo(5);
    assert_eq!(api::sync_handler("x"), "x");
    assert_eq!(where_clause(3), 3);
    let _layers = (
        CorsLayer::of::<api::echo>(),
        CorsLayer::of::<api::sync_handler>(),
        CorsLayer::of::<where_clause>(),
    );
}
