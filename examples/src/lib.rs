//! The typed-cors demo, as a library so that the browser suite can start the very same
//! servers in-process.
//!
//! One process serves two origins on loopback:
//!
//! - the **API** ([`api`]): handlers, each with its own CORS policy, served by axum or,
//!   with the same policies, by actix-web ([`actix`]): see [`Server`];
//! - the **page** ([`page`]): a small HTML page whose script calls every API endpoint
//!   with `fetch` and `XMLHttpRequest` and shows what the browser allowed.
//!
//! The policies are compiled into the binary, so they name the page's origin literally:
//! [`PAGE_ORIGIN`]. The page must be served at that origin for its calls to be allowed;
//! tests that serve it on a free port make Chromium map that origin to the port (see the
//! `browser-tests` crate).

pub mod actix;
pub mod api;
pub mod log;
pub mod page;
pub mod reasons;
pub mod report;
mod server;

pub use server::Server;

use std::net::SocketAddr;

use axum::Router;
use tokio::net::TcpListener;

/// The page's origin, as the API's policies allow it.
pub const PAGE_ORIGIN: &str = "http://127.0.0.1:8701";
/// The port of [`PAGE_ORIGIN`].
pub const PAGE_PORT: u16 = 8701;
/// Another origin, the only one allowed to read `GET /partner`.
pub const PARTNER_ORIGIN: &str = "http://127.0.0.1:8702";
/// The port of [`PARTNER_ORIGIN`].
pub const PARTNER_PORT: u16 = 8702;
/// The API's default port.
pub const API_PORT: u16 = 8700;

/// Serves `router` on `listener` until the process ends.
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    axum::serve(listener, router).await
}

/// Binds a loopback listener on a free port.
pub async fn bind_free_loopback_port() -> std::io::Result<(TcpListener, SocketAddr)> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
    let addr = listener.local_addr()?;
    Ok((listener, addr))
}
