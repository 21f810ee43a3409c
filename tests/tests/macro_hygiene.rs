//! Generated code means the same whatever the user has in scope: prelude names and
//! the crates it relies on are shadowed here, and every lint is an error.
#![deny(warnings, unused_qualifications)]

#[allow(dead_code, non_camel_case_types)]
mod shadowed {
    use typed_cors::{CorsPolicy, cors};

    // Each of these would capture an unqualified path in generated code.
    type Result = ();
    struct Ok;
    struct Err;
    struct Option;
    struct Some;
    struct None;
    struct Cow;
    struct Policy;
    struct HeaderValue;
    trait CorsPolicyShadow {}
    mod http {}
    mod core {}
    mod std {}
    mod typed_cors_rules {}

    #[cors(
        origins = ["https://app.example.com", "https://*.example.com"],
        credentials,
        methods = [PUT],
        allow_headers = ["content-type"],
        expose_headers = ["x-request-id"],
        max_age = 600,
        private_network,
    )]
    pub(crate) async fn handler() {}

    #[cors(origins = ["*"], methods = ["*"])]
    pub(crate) fn open_handler() {}

    #[derive(CorsPolicy)]
    #[cors(origins = ["https://partner.example.net"])]
    pub(crate) struct Named;

    #[cors(policy = Named)]
    pub(crate) fn named_handler() {}
}

#[test]
fn generated_items_compile_and_work_with_shadowed_names() {
    use typed_cors::CorsPolicy;

    drop(shadowed::handler());
    shadowed::open_handler();
    shadowed::named_handler();
    assert!(shadowed::handler::policy().allows_credentials());
    assert!(!shadowed::open_handler::policy().varies_by_origin());
    assert_eq!(shadowed::named_handler::POLICY, shadowed::Named::POLICY);
}
