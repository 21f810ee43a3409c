//! The demo page, served from a second origin, and the endpoint its script reports to.

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse};
use axum::routing::{get, post};
use tokio::sync::mpsc::UnboundedSender;

/// The demo page. `__API_BASE__`, `__PAGE_ORIGIN__` and `__PARTNER_ORIGIN__` are
/// replaced when served.
pub const DEMO_HTML: &str = include_str!("demo.html");

/// Where the page's script sends its results (the JSON text it POSTs to `/report`).
pub type Reports = UnboundedSender<String>;

#[derive(Clone)]
struct PageState {
    html: String,
    reports: Reports,
}

/// The page server's routes: `GET /` (the demo page, calling the API at `api_base`) and
/// `POST /report` (the page's results, sent to `reports`). Same-origin only: no CORS.
pub fn routes(api_base: &str, reports: Reports) -> Router {
    let html = DEMO_HTML
        .replace("__API_BASE__", api_base)
        .replace("__PAGE_ORIGIN__", crate::PAGE_ORIGIN)
        .replace("__PARTNER_ORIGIN__", crate::PARTNER_ORIGIN);
    Router::new()
        .route("/", get(demo_page))
        .route("/report", post(report))
        .with_state(PageState { html, reports })
}

async fn demo_page(State(state): State<PageState>) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], Html(state.html))
}

async fn report(State(state): State<PageState>, body: String) -> &'static str {
    // The receiver is gone only when nobody listens any more; the report is then moot.
    let _ = state.reports.send(body);
    "ok"
}
