//! The macro and the runtime builder agree: for the same policy, the `const` that
//! `#[cors]` / `#[derive(CorsPolicy)]` generate equals `Policy::builder()...build()`,
//! and for an invalid policy both report the same problem (the builder's message is
//! compared with the first line of the macro's pinned compile error).

// The handlers are here for the policies they carry; nothing calls them.
#![allow(dead_code)]

use typed_cors::{CorsPolicy, Policy, PolicyBuilder, cors};

#[cors(origins = ["https://app.example.com"])]
async fn minimal() {}

#[cors(
    origins = ["https://app.example.com", "https://*.example.com", "http://localhost:3000"],
    credentials,
    methods = [GET, PUT, "PATCH"],
    allow_headers = ["Content-Type", "x-request-id"],
    expose_headers = ["X-Request-Id"],
    max_age = 600,
)]
async fn full() {}

#[cors(origins = ["*"], methods = ["*"], allow_headers = ["*"], expose_headers = ["*"])]
async fn wildcards() {}

#[cors(
    origins = ["https://[2001:db8::1]", "https://xn--mnchen-3ya.de", "https://a.example:8443",
               "https://b.example", "https://c.example", "https://d.example", "https://*.e.example:9000"],
    max_age = 0,
)]
async fn many_origins() {}

#[cors(
    origins = ["http://intranet.example.com"],
    credentials = true,
    insecure_http_origins,
    private_network,
    refuse_disallowed,
    max_age = 86400,
)]
async fn flags() {}

// `r#PUT` is the identifier `PUT` (issue 9, hole 7), not a method named `r#PUT`.
#[cors(origins = ["https://app.example.com"], methods = [r#PUT, DELETE])]
async fn raw_identifiers() {}

#[derive(CorsPolicy)]
#[cors(origins = ["https://partner.example.net"], methods = [DELETE], expose_headers = ["etag"])]
struct PartnerApi;

#[cors(policy = PartnerApi)]
async fn partner() {}

fn built(builder: PolicyBuilder) -> Policy {
    builder
        .build()
        .expect("the builder accepts what the macro accepts")
}

#[test]
fn a_minimal_policy() {
    let expected = built(Policy::builder().origins(["https://app.example.com"]));
    assert_eq!(minimal::POLICY, expected);
    assert_eq!(*minimal::policy(), expected);
}

#[test]
fn raw_identifiers_are_methods_without_the_prefix() {
    let expected = built(
        Policy::builder()
            .origins(["https://app.example.com"])
            .methods(["PUT", "DELETE"]),
    );
    assert_eq!(raw_identifiers::POLICY, expected);
}

#[test]
fn a_full_credentialed_policy_with_a_pattern() {
    let expected = built(
        Policy::builder()
            .origins([
                "https://app.example.com",
                "https://*.example.com",
                "http://localhost:3000",
            ])
            .credentials()
            .methods(["GET", "PUT", "PATCH"])
            .allow_headers(["Content-Type", "x-request-id"])
            .expose_headers(["X-Request-Id"])
            .max_age(600),
    );
    assert_eq!(full::POLICY, expected);
}

#[test]
fn wildcards_without_credentials() {
    let expected = built(
        Policy::builder()
            .origins(["*"])
            .methods(["*"])
            .allow_headers(["*"])
            .expose_headers(["*"]),
    );
    assert_eq!(wildcards::POLICY, expected);
}

#[test]
fn many_origins_share_one_hash_table_layout() {
    let expected = built(
        Policy::builder()
            .origins([
                "https://[2001:db8::1]",
                "https://xn--mnchen-3ya.de",
                "https://a.example:8443",
                "https://b.example",
                "https://c.example",
                "https://d.example",
                "https://*.e.example:9000",
            ])
            .max_age(0),
    );
    assert_eq!(many_origins::POLICY, expected);
    assert!(many_origins::policy().allows_origin(b"https://d.example"));
    assert!(many_origins::policy().allows_origin(b"https://x.e.example:9000"));
}

#[test]
fn every_flag() {
    let expected = built(
        Policy::builder()
            .origins(["http://intranet.example.com"])
            .credentials()
            .insecure_http_origins()
            .private_network()
            .refuse_disallowed_origins()
            .max_age(86400),
    );
    assert_eq!(flags::POLICY, expected);
}

#[test]
fn a_named_policy_and_a_handler_reusing_it() {
    let expected = built(
        Policy::builder()
            .origins(["https://partner.example.net"])
            .methods(["DELETE"])
            .expose_headers(["etag"]),
    );
    assert_eq!(PartnerApi::POLICY, expected);
    assert_eq!(partner::POLICY, expected);
    assert!(std::ptr::eq(partner::policy(), PartnerApi::policy()));
}

/// The first line of a UI case's pinned compile error, without `error: `.
fn macro_message(case: &str) -> String {
    let path = format!(
        "{}/../ui-tests/ui/cors/{case}.stderr",
        env!("CARGO_MANIFEST_DIR")
    );
    let stderr = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let first = stderr.lines().next().unwrap_or_default();
    first
        .strip_prefix("error: ")
        .unwrap_or_else(|| panic!("{path} does not start with an error"))
        .to_owned()
}

fn builder_message(builder: PolicyBuilder) -> String {
    let error = builder
        .build()
        .expect_err("the builder refuses what the macro refuses");
    error.problems()[0].kind.to_string()
}

#[test]
fn invalid_policies_get_the_same_message_from_both() {
    let app = || Policy::builder().origins(["https://app.example.com"]);
    let cases: Vec<(&str, PolicyBuilder)> = vec![
        (
            "origin-trailing-slash",
            Policy::builder().origins(["https://app.example.com/"]),
        ),
        (
            "origin-missing-scheme",
            Policy::builder().origins(["app.example.com"]),
        ),
        (
            "origin-uppercase",
            Policy::builder().origins(["https://App.Example.com"]),
        ),
        (
            "origin-non-ascii-host",
            Policy::builder().origins(["https://münchen.example"]),
        ),
        (
            "origin-default-port-https",
            Policy::builder().origins(["https://app.example.com:443"]),
        ),
        ("origin-null", Policy::builder().origins(["null"])),
        (
            "pattern-public-suffix-co-uk",
            Policy::builder().origins(["https://*.co.uk"]),
        ),
        (
            "pattern-wildcard-not-leftmost",
            Policy::builder().origins(["https://a.*.example.com"]),
        ),
        (
            "credentials-with-wildcard-origin",
            Policy::builder().origins(["*"]).credentials(),
        ),
        (
            "insecure-http-origin-with-credentials",
            Policy::builder()
                .origins(["https://app.example.com", "http://intranet.example.com"])
                .credentials(),
        ),
        (
            "wildcard-mixed-with-origins",
            Policy::builder().origins(["https://app.example.com", "*"]),
        ),
        ("method-lowercase", app().methods(["put"])),
        ("method-forbidden", app().methods(["PUT", "TRACE"])),
        ("method-duplicate", app().methods(["PUT", "PUT"])),
        (
            "allow-header-forbidden",
            app().allow_headers(["content-type", "cookie"]),
        ),
        (
            "expose-header-set-cookie",
            app().expose_headers(["Set-Cookie"]),
        ),
        ("max-age-too-large", app().max_age(86401)),
        ("empty-list", Policy::builder().origins([] as [&str; 0])),
        ("missing-origins", Policy::builder().methods(["PUT"])),
    ];
    for (case, builder) in cases {
        assert_eq!(builder_message(builder), macro_message(case), "{case}");
    }
}
