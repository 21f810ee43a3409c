//! Procedural macros of `typed-cors`: [`#[cors(...)]`](macro@cors) on a handler and
//! [`#[derive(CorsPolicy)]`](derive@CorsPolicy) for a named policy.
//!
//! Use them through the `typed-cors` crate, which re-exports them. Every rule of a
//! policy is checked while compiling, by the same code (`typed-cors-rules`) that
//! `Policy::builder()` runs at run time; an invalid policy is a compile error on the
//! offending token that says what is wrong, why, and what to write instead.
//!
//! Set `TYPED_CORS_DEBUG=1` while building to print what the macros generate (cargo does
//! not know that the macros read it, so touch the file whose expansion you want to see).

mod actix_routes;
mod check;
mod debug;
mod derive;
mod diag;
mod expand;
mod exports;
mod finish;
mod handler;
mod key;
mod key_values;
mod pipeline;
mod placement;
mod receive;
mod validate;

#[cfg(test)]
mod agreement_tests;
#[cfg(test)]
mod read_constant;

use proc_macro::TokenStream;

/// Attaches a CORS policy, checked at compile time, to a handler.
///
/// The function stays as written (in debug builds, an `async fn`'s body first checks
/// that its own policy's layer decided the request; see below). Beside it, in the type
/// namespace, the macro declares a braced struct of the same name (with the function's
/// visibility) that implements `CorsPolicy`; so `CorsLayer::of::<handler>()` is the
/// handler's layer. Above an actix-web route macro (`#[get("/path")]`, with the
/// feature `actix` of `typed-cors`), actix's struct gets the policy instead, and the
/// route the policy's middleware.
///
/// ```
/// use axum::{Router, routing::put};
/// use typed_cors::{CorsLayer, CorsPolicy, cors};
///
/// #[cors(
///     origins = ["https://app.example.com", "https://*.example.com"],
///     credentials,                       // a flag; `credentials = true` also works
///     methods = [GET, PUT, "PATCH"],     // identifiers or string literals
///     allow_headers = ["content-type", "x-request-id"],
///     expose_headers = ["x-request-id"],
///     max_age = 600,                     // seconds, at most 86400
/// )]
/// async fn update_profile() -> &'static str {
///     "updated"
/// }
///
/// let app: Router = Router::new().route(
///     "/profile",
///     put(update_profile).layer(CorsLayer::of::<update_profile>()),
/// );
/// assert!(update_profile::POLICY.allows_credentials());
/// ```
///
/// # What it generates
///
/// The function, and (with `CorsPolicy` standing for `typed_cors::CorsPolicy`):
///
/// ```text
/// async fn update_profile() -> &'static str {
///     // Debug builds: reports once (a `warn` event, target `typed_cors`, and a line on
///     // stderr) when the layer that decided the request is not this handler's own
///     // (routed without it, with another policy's, or under the router-wide default
///     // alone). It never panics: a test may call the handler directly.
///     #[cfg(debug_assertions)]
///     typed_cors::__private::check_own_layer::<update_profile>();
///     "updated"
/// }
///
/// #[allow(nonstandard_style)]
/// struct update_profile {}
///
/// impl CorsPolicy for update_profile {
///     // The policy that `Policy::builder()` would build from the same values, as a
///     // constant: origins in a precomputed hash table, header values prebuilt.
///     const POLICY: Policy = /* ... */;
///
///     fn policy() -> &'static Policy {
///         static POLICY: Policy = <update_profile as CorsPolicy>::POLICY;
///         &POLICY
///     }
/// }
/// ```
///
/// Build with `TYPED_CORS_DEBUG=1` to print the exact expansion.
///
/// # Keys
///
/// | key | value |
/// |---|---|
/// | `origins` (required) | serialized origins `"https://app.example.com"`, subdomain patterns `"https://*.example.com"`, or `["*"]` alone |
/// | `credentials` | flag: send `Access-Control-Allow-Credentials: true` |
/// | `methods` | `[PUT, "PATCH"]`, or `["*"]` |
/// | `allow_headers` | request header names, or `["*"]` |
/// | `expose_headers` | response header names, or `["*"]` |
/// | `max_age` | preflight cache lifetime in seconds, `0..=86400` |
/// | `insecure_http_origins` | flag: allow non-loopback `http://` origins with credentials |
/// | `private_network` | flag: answer Private Network Access preflights |
/// | `refuse_disallowed` | flag: refuse requests from disallowed origins with 403 |
/// | `policy` | `policy = Name`: the policy of a `#[derive(CorsPolicy)]` type, alone |
/// | `crate` | `crate = "my_cors"`: the path of a renamed `typed-cors` dependency |
///
/// # Errors
///
/// Every mistake is a compile error, all of them reported at once. For example, a
/// credentialed policy cannot allow any origin, because browsers refuse
/// `Access-Control-Allow-Origin: *` on credentialed requests:
///
/// ```compile_fail
/// use typed_cors::cors;
///
/// #[cors(origins = ["*"], credentials)]
/// async fn handler() {}
/// ```
///
/// An origin is compared byte for byte with the serialized origin browsers send, so
/// one with a trailing slash could never match (the error says to write
/// `https://app.example.com`):
///
/// ```compile_fail
/// use typed_cors::cors;
///
/// #[cors(origins = ["https://app.example.com/"])]
/// async fn handler() {}
/// ```
///
/// `credentials = false` is refused: omit the key instead.
///
/// ```compile_fail
/// use typed_cors::cors;
///
/// #[cors(origins = ["https://app.example.com"], credentials = false)]
/// async fn handler() {}
/// ```
///
/// The attribute needs a free function, since it declares a struct beside it; on a
/// method, use a named policy instead:
///
/// ```compile_fail
/// use typed_cors::cors;
///
/// struct Api;
/// impl Api {
///     #[cors(origins = ["https://app.example.com"])]
///     async fn handler(&self) {}
/// }
/// ```
#[proc_macro_attribute]
pub fn cors(args: TokenStream, item: TokenStream) -> TokenStream {
    handler::expand_cors_attr(args.into(), item.into()).into()
}

/// Defines a named, reusable CORS policy on a unit struct, from a `#[cors(...)]`
/// helper attribute that takes the same keys as [`#[cors]`](macro@cors).
///
/// A handler uses it with `#[cors(policy = Name)]`, or a router layer applies it
/// directly with `CorsLayer::of::<Name>()`.
///
/// ```
/// use typed_cors::{CorsLayer, CorsPolicy, cors};
///
/// #[derive(CorsPolicy)]
/// #[cors(origins = ["https://partner.example.net"], methods = [PUT], max_age = 600)]
/// struct PartnerApi;
///
/// #[cors(policy = PartnerApi)]
/// async fn partner_orders() {}
///
/// assert_eq!(partner_orders::POLICY, PartnerApi::POLICY);
/// let layer = CorsLayer::of::<PartnerApi>();
/// # let _ = layer;
/// ```
///
/// The struct must be a unit struct, and the policy must be valid:
///
/// ```compile_fail
/// use typed_cors::CorsPolicy;
///
/// #[derive(CorsPolicy)]
/// #[cors(origins = ["null"])]
/// struct Sandboxed;
/// ```
#[proc_macro_derive(CorsPolicy, attributes(cors))]
pub fn derive_cors_policy(input: TokenStream) -> TokenStream {
    derive::expand_derive(input.into()).into()
}
