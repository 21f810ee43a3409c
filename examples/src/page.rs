//! The demo page, served from a second origin, and the endpoint its script reports to.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use tokio::sync::mpsc::UnboundedSender;

use crate::Server;
use crate::log::RequestLog;

/// The demo page. `__API_BASE__`, `__API_SERVER__`, `__PAGE_ORIGIN__` and
/// `__PARTNER_ORIGIN__` are replaced when served.
pub const DEMO_HTML: &str = include_str!("demo.html");

/// Where the page's script sends its results (the JSON text it POSTs to `/report`).
pub type Reports = UnboundedSender<String>;

#[derive(Clone)]
struct PageState {
    html: String,
    reports: Reports,
    log: RequestLog,
}

/// The page server's routes: `GET /` (the demo page, calling the API at `api_base`,
/// served by `server`),
/// `POST /report` (the page's results, sent to `reports`) and `GET /reasons` (the
/// server's explanation of each call, from the API's `log`: the demo's own developer
/// view, never something the API sends). Same-origin only: no CORS.
pub fn routes(api_base: &str, server: Server, reports: Reports, log: RequestLog) -> Router {
    let html = DEMO_HTML
        .replace("__API_BASE__", api_base)
        .replace("__API_SERVER__", server.name())
        .replace("__PAGE_ORIGIN__", crate::PAGE_ORIGIN)
        .replace("__PARTNER_ORIGIN__", crate::PARTNER_ORIGIN);
    Router::new()
        .route("/", get(demo_page))
        .route("/report", post(report))
        .route("/reasons", get(reasons))
        .with_state(PageState { html, reports, log })
}

async fn demo_page(State(state): State<PageState>) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], Html(state.html))
}

async fn report(State(state): State<PageState>, body: String) -> &'static str {
    // The receiver is gone only when nobody listens any more; the report is then moot.
    let _ = state.reports.send(body);
    "ok"
}

async fn reasons(State(state): State<PageState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(state.log.explanations()),
    )
}
