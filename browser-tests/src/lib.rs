//! Headless-Chromium conformance suite for typed-cors: the browser is the judge.
//!
//! The suite starts the demo's API (plus a few endpoints of its own, [`cases`]) and the
//! page server on free loopback ports, in-process, and drives Debian's `chromium`:
//!
//! - a page's script makes every call with `fetch` or `XMLHttpRequest` and POSTs what
//!   the browser let it see to its own origin's `/report`;
//! - the test awaits that report, then compares it, and the API's request log, with what
//!   each policy intends;
//! - for each blocked request, the test also has Chromium's own CORS error class (the
//!   value behind the DevTools console's message, e.g. `MethodDisallowedByPreflightResponse`),
//!   which the script never sees: it is read from the DevTools protocol's
//!   `Network.loadingFailed` events ([`cors_errors`]) and added to the case it belongs to.
//!
//! The policies are compiled in and name fixed origins (`http://127.0.0.1:8701` for the
//! page, `:8702` for the partner). Chromium's `--host-resolver-rules` maps those origins
//! to the free ports the test bound, so the browser sends the very `Origin` the policies
//! allow while two test runs (or a running demo) never fight over a port.
//!
//! Every browser test runs twice, against the API on axum and on actix-web
//! ([`examples::Server`]): the same pages, the same endpoints and policies, the same
//! expectations ([`on_both_servers!`]).
//!
//! See [`chromium`] for how the browser is found, launched and stopped, and
//! [`cors_errors`] for why the error class is read from the DevTools protocol.

pub mod cases;
pub mod chromium;
pub mod cors_errors;
pub mod devtools;
pub mod harness;
pub mod per_method;

/// Turns each `async fn NAME(server: Server)` named into two tests, `NAME::axum` and
/// `NAME::actix`: one set of cases, two servers.
#[macro_export]
macro_rules! on_both_servers {
    ($($name:ident),+ $(,)?) => {
        $(
            mod $name {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn axum() {
                    super::$name(::examples::Server::Axum).await;
                }

                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn actix() {
                    super::$name(::examples::Server::Actix).await;
                }
            }
        )+
    };
}
