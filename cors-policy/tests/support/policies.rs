//! Every policy the layer tests send requests through, twice: as `Policy::builder()`
//! builds it (what `CorsLayer::new` applies) and as a `#[derive(CorsPolicy)]` twin (what
//! `CorsLayer::of` compiles, the handle users get from `#[cors]`). [`super::send`] finds
//! a policy's twin by equality, and the `twins` test checks each pair.

use typed_cors::{CorsPolicy, Policy};

pub use super::many_origins::ManyOrigins;

/// The credentialed policy of the reference's misconfiguration list.
pub fn app_policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .credentials()
        .methods(["GET", "PUT", "DELETE"])
        .allow_headers(["content-type", "x-request-id"])
        .expose_headers(["x-request-id"])
        .max_age(600)
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(
    origins = ["https://app.example.com"],
    credentials,
    methods = [GET, PUT, DELETE],
    allow_headers = ["content-type", "x-request-id"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
pub struct App;

pub fn public_policy() -> Policy {
    Policy::builder()
        .origins(["*"])
        .methods(["*"])
        .allow_headers(["*"])
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["*"], methods = ["*"], allow_headers = ["*"])]
pub struct Public;

/// Refuses disallowed origins with `403` before the handler runs.
pub fn refusing_policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .credentials()
        .refuse_disallowed_origins()
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], credentials, refuse_disallowed)]
pub struct Refusing;

/// [`refusing_policy`] without credentials.
pub fn refusing_uncredentialed_policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .refuse_disallowed_origins()
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], refuse_disallowed)]
pub struct RefusingUncredentialed;

/// Allows `PATCH`, which methods compare case-sensitively.
pub fn patch_policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .methods(["PATCH"])
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], methods = [PATCH])]
pub struct Patch;

/// No `methods`: only the safelisted GET, HEAD and POST pass a preflight.
pub fn content_type_policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .allow_headers(["content-type"])
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], allow_headers = ["content-type"])]
pub struct ContentType;

pub fn private_network_policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .private_network()
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], private_network)]
pub struct PrivateNetwork;

pub fn subdomains_policy() -> Policy {
    Policy::builder()
        .origins(["https://*.example.com"])
        .credentials()
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://*.example.com"], credentials)]
pub struct Subdomains;

pub fn subdomains_and_apex_policy() -> Policy {
    Policy::builder()
        .origins(["https://*.example.com", "https://example.com"])
        .build()
        .unwrap()
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://*.example.com", "https://example.com"])]
pub struct SubdomainsAndApex;

/// The origins of [`many_origins`], `https://tenant{i}.example.org` for `i` in `0..1000`.
pub fn tenants() -> Vec<String> {
    (0..1000)
        .map(|i| format!("https://tenant{i}.example.org"))
        .collect()
}

/// A thousand exact origins: the compiled layer looks them up in a hash table.
pub fn many_origins() -> Policy {
    Policy::builder().origins(tenants()).build().unwrap()
}

/// Returns `$body` with `$layer` the compiled layer of the twin equal to `$policy`, or
/// panics naming the policy that has none. One list, so that a pair is added in one
/// place.
macro_rules! with_compiled_twin {
    ($policy:expr, |$layer:ident| $body:expr) => {
        with_compiled_twin!(
            $policy,
            |$layer| $body,
            App,
            Public,
            Refusing,
            RefusingUncredentialed,
            Patch,
            ContentType,
            PrivateNetwork,
            Subdomains,
            SubdomainsAndApex,
            ManyOrigins,
        )
    };
    ($policy:expr, |$layer:ident| $body:expr, $($twin:ty),+ $(,)?) => {{
        let policy: &typed_cors::Policy = $policy;
        $(
            if policy == <$twin as typed_cors::CorsPolicy>::policy() {
                let $layer = typed_cors::CorsLayer::of::<$twin>();
                return $body;
            }
        )+
        panic!("no `#[derive(CorsPolicy)]` twin in tests/support/policies.rs for {policy:?}")
    }};
}
pub(crate) use with_compiled_twin;

/// Every builder policy above and its twin, for the `twins` test.
pub fn pairs() -> Vec<(&'static str, Policy, &'static Policy)> {
    vec![
        ("App", app_policy(), App::policy()),
        ("Public", public_policy(), Public::policy()),
        ("Refusing", refusing_policy(), Refusing::policy()),
        (
            "RefusingUncredentialed",
            refusing_uncredentialed_policy(),
            RefusingUncredentialed::policy(),
        ),
        ("Patch", patch_policy(), Patch::policy()),
        ("ContentType", content_type_policy(), ContentType::policy()),
        (
            "PrivateNetwork",
            private_network_policy(),
            PrivateNetwork::policy(),
        ),
        ("Subdomains", subdomains_policy(), Subdomains::policy()),
        (
            "SubdomainsAndApex",
            subdomains_and_apex_policy(),
            SubdomainsAndApex::policy(),
        ),
        ("ManyOrigins", many_origins(), ManyOrigins::policy()),
    ]
}
