//! The servers a browser test talks to, on free loopback ports: the API on axum or on
//! actix-web ([`Server`]), the same endpoints and policies either way; the pages on axum.

use axum::Router;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::get;
use examples::Server;
use examples::log::RequestLog;
use tokio::sync::mpsc::UnboundedReceiver;

/// The suite's top page, served at the page origin.
pub const SUITE_HTML: &str = include_str!("suite.html");
/// The suite's page at the partner origin, framed by the top page.
pub const PARTNER_HTML: &str = include_str!("suite-partner.html");
/// The helpers and cases both suite pages load.
pub const SUITE_JS: &str = include_str!("suite.js");
/// The per-method page (issue 11) at the page origin, and at the partner origin.
pub const PER_METHOD_HTML: &str = include_str!("per-method.html");
/// The per-method page at the partner origin, framed by the top one.
pub const PER_METHOD_PARTNER_HTML: &str = include_str!("per-method-partner.html");
/// The per-method cases, loaded after [`SUITE_JS`].
pub const PER_METHOD_JS: &str = include_str!("per-method.js");

/// The demo's API and page servers, plus the suite's pages and endpoints, running on
/// free loopback ports.
#[derive(Debug)]
pub struct Servers {
    /// The framework serving the API.
    pub server: Server,
    /// The API's base URL, e.g. `http://127.0.0.1:40111`.
    pub api_base: String,
    /// The port actually serving the page origin (`http://127.0.0.1:8701`).
    pub page_port: u16,
    /// The port actually serving the partner origin (`http://127.0.0.1:8702`).
    pub partner_port: u16,
    /// What the API saw.
    pub log: RequestLog,
    /// The pages' reports.
    pub reports: UnboundedReceiver<String>,
}

impl Servers {
    /// Binds three free loopback ports and serves the API (with `server`), the page
    /// origin and the partner origin on them, in this process.
    pub async fn start(server: Server) -> std::io::Result<Self> {
        let (api, api_addr) = examples::bind_free_loopback_port().await?;
        let (page, page_addr) = examples::bind_free_loopback_port().await?;
        let (partner, partner_addr) = examples::bind_free_loopback_port().await?;
        let api_base = format!("http://{api_addr}");
        let log = RequestLog::default();
        let (sender, reports) = tokio::sync::mpsc::unbounded_channel();
        let suite_js = SUITE_JS
            .replace("__API_BASE__", &api_base)
            .replace("__PAGE_ORIGIN__", examples::PAGE_ORIGIN)
            .replace("__PARTNER_ORIGIN__", examples::PARTNER_ORIGIN);
        let page_router = examples::page::routes(
            examples::PAGE_ORIGIN,
            &api_base,
            server,
            sender,
            log.clone(),
        )
        .merge(
            Router::new()
                .route("/suite", get(|| async { no_store(Html(SUITE_HTML)) }))
                .route(
                    "/suite-partner",
                    get(|| async { no_store(Html(PARTNER_HTML)) }),
                )
                .route(
                    "/per-method",
                    get(|| async { no_store(Html(PER_METHOD_HTML)) }),
                )
                .route(
                    "/per-method-partner",
                    get(|| async { no_store(Html(PER_METHOD_PARTNER_HTML)) }),
                )
                .route(
                    "/per-method.js",
                    get(|| async {
                        no_store(([(header::CONTENT_TYPE, "text/javascript")], PER_METHOD_JS))
                    }),
                )
                .route(
                    "/suite.js",
                    get(move || async move {
                        no_store(([(header::CONTENT_TYPE, "text/javascript")], suite_js))
                    }),
                ),
        );
        match server {
            Server::Axum => {
                let api_router = examples::api::recorded(
                    examples::api::routes()
                        .merge(crate::cases::routes())
                        .merge(crate::per_method::routes()),
                    log.clone(),
                );
                tokio::spawn(examples::serve(api, api_router));
            }
            Server::Actix => {
                // The same endpoints, on actix's own threads until the test process ends.
                examples::actix::spawn(
                    api.into_std()?,
                    log.clone(),
                    &[
                        crate::cases::configure_actix,
                        crate::per_method::configure_actix,
                    ],
                )?;
            }
        }
        tokio::spawn(examples::serve(page, page_router.clone()));
        tokio::spawn(examples::serve(partner, page_router));
        Ok(Self {
            server,
            api_base,
            page_port: page_addr.port(),
            partner_port: partner_addr.port(),
            log,
            reports,
        })
    }

    /// The `--host-resolver-rules` that make Chromium reach the page and partner origins
    /// at the ports bound here.
    pub fn host_rules(&self) -> Vec<String> {
        vec![
            format!(
                "MAP 127.0.0.1:{} 127.0.0.1:{}",
                examples::PAGE_PORT,
                self.page_port
            ),
            format!(
                "MAP 127.0.0.1:{} 127.0.0.1:{}",
                examples::PARTNER_PORT,
                self.partner_port
            ),
        ]
    }
}

fn no_store(inner: impl IntoResponse) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], inner)
}
