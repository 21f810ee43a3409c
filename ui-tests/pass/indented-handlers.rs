// Free handlers that are indented (in a module, in a function, after an `impl` block):
// the macro reads the source around them to rule out an `impl`, and finds none.
use typed_cors::{CorsLayer, cors};

struct Api;

impl Api {
    fn helper() -> &'static str {
        "}" // a brace in a string does not close the block
    }
}

mod handlers {
    use typed_cors::cors;

    impl super::Api {
        /* a comment with `impl X {` */
        pub fn other() {}
    }

    #[cors(origins = ["https://app.example.com"])]
    pub async fn in_a_module() {}
}

fn main() {
    struct Local;
    impl Local {
        fn in_main() {}
    }

    #[cors(origins = ["https://app.example.com"])]
    async fn in_a_function() {}

    let _ = (Api::helper(), Local::in_main(), Api::other());
    let _ = (handlers::in_a_module(), in_a_function());
    let _layers = (
        CorsLayer::of::<handlers::in_a_module>(),
        CorsLayer::of::<in_a_function>(),
    );
}
