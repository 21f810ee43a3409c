//! The demo page, served from a second origin, and the endpoint its script reports to.

use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
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
    /// The origin the page is served at, the only one whose reports are taken.
    page_origin: String,
    html: String,
    reports: Reports,
    log: RequestLog,
}

/// The page server's routes, for the page served at `page_origin`: `GET /` (the demo
/// page, calling the API at `api_base`, served by `server`), `POST /report` (the page's
/// results, sent to `reports`, from `page_origin` only) and `GET /reasons` (the
/// server's explanation of each call, from the API's `log`: the demo's own developer
/// view, never something the API sends). Same-origin only: no CORS.
pub fn routes(
    page_origin: &str,
    api_base: &str,
    server: Server,
    reports: Reports,
    log: RequestLog,
) -> Router {
    let html = DEMO_HTML
        .replace("__API_BASE__", api_base)
        .replace("__API_SERVER__", server.name())
        .replace("__PAGE_ORIGIN__", crate::PAGE_ORIGIN)
        .replace("__PARTNER_ORIGIN__", crate::PARTNER_ORIGIN);
    Router::new()
        .route("/", get(demo_page))
        .route("/report", post(report))
        .route("/reasons", get(reasons))
        .with_state(PageState {
            page_origin: page_origin.to_owned(),
            html,
            reports,
            log,
        })
}

async fn demo_page(State(state): State<PageState>) -> impl IntoResponse {
    ([(header::CACHE_CONTROL, "no-store")], Html(state.html))
}

/// Takes a report from the page only. Any web site can make the browser send a
/// plain-text POST here without a preflight, and what is taken is printed in the
/// developer's terminal: a request that is not the page's own is refused, unread.
async fn report(
    State(state): State<PageState>,
    headers: HeaderMap,
    body: String,
) -> Result<&'static str, StatusCode> {
    if !from_the_page(&headers, &state.page_origin) {
        // Fixed text, nothing from the request: a page opened at another address
        // (`localhost`, a LAN address) is told where to open it instead.
        eprintln!(
            "demo: a report not from {} was refused; open the page at that address",
            state.page_origin
        );
        return Err(StatusCode::FORBIDDEN);
    }
    // The receiver is gone only when nobody listens any more; the report is then moot.
    let _ = state.reports.send(body);
    Ok("ok")
}

/// Whether a request comes from a page at `page_origin`: its one `Origin` (which a
/// browser sends on every POST, same-origin included) is that origin, and its
/// `Sec-Fetch-Site`, when the browser sends one, says `same-origin`.
fn from_the_page(headers: &HeaderMap, page_origin: &str) -> bool {
    let values = |name: &str| headers.get_all(name).iter().collect::<Vec<_>>();
    let origin_is_the_page = matches!(values("origin")[..], [origin] if origin == page_origin);
    let same_origin = match values("sec-fetch-site")[..] {
        // A browser without fetch metadata: its `Origin` decides.
        [] => true,
        [site] => site == "same-origin",
        _ => false,
    };
    origin_is_the_page && same_origin
}

async fn reasons(State(state): State<PageState>) -> impl IntoResponse {
    (
        [(header::CACHE_CONTROL, "no-store")],
        Json(state.log.explanations()),
    )
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use tokio::sync::mpsc::unbounded_channel;
    use tower::ServiceExt;

    use super::*;

    const PAGE: &str = "http://127.0.0.1:8701";

    /// POSTs `body` to `/report` with `headers`; the status, and the report the demo
    /// would print, if any.
    async fn post_report(headers: &[(&str, &str)], body: &str) -> (StatusCode, Option<String>) {
        let (reports, mut received) = unbounded_channel();
        let router = routes(
            PAGE,
            "http://127.0.0.1:8700",
            Server::Axum,
            reports,
            RequestLog::default(),
        );
        let mut request =
            Request::post("/report").header("content-type", "text/plain;charset=UTF-8");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = router
            .oneshot(request.body(Body::from(body.to_owned())).unwrap())
            .await
            .unwrap();
        (response.status(), received.try_recv().ok())
    }

    const REPORT: &str = r#"{"page":"demo","results":[]}"#;

    #[tokio::test]
    async fn the_pages_own_report_is_taken() {
        let same_origin = [("origin", PAGE), ("sec-fetch-site", "same-origin")];
        assert_eq!(
            post_report(&same_origin, REPORT).await,
            (StatusCode::OK, Some(REPORT.to_owned()))
        );
        // Without fetch metadata (an older browser), the origin alone decides.
        assert_eq!(
            post_report(&[("origin", PAGE)], REPORT).await,
            (StatusCode::OK, Some(REPORT.to_owned()))
        );
    }

    #[tokio::test]
    async fn a_report_from_another_site_is_refused_and_not_printed() {
        // What any web site can send without a preflight: a plain-text POST.
        let cross_site = [
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ];
        assert_eq!(
            post_report(&cross_site, "\u{1b}]0;owned\u{7}").await,
            (StatusCode::FORBIDDEN, None)
        );
        let other_port = [("origin", "http://127.0.0.1:8702")];
        assert_eq!(
            post_report(&other_port, REPORT).await,
            (StatusCode::FORBIDDEN, None)
        );
        // A page at another origin that was resolved to this server (DNS rebinding)
        // sends its own origin; so does one on another port of the same host.
        let rebound = [
            ("origin", "http://evil.example:8701"),
            ("sec-fetch-site", "same-origin"),
        ];
        assert_eq!(
            post_report(&rebound, REPORT).await,
            (StatusCode::FORBIDDEN, None)
        );
    }

    #[tokio::test]
    async fn a_report_without_the_pages_origin_or_same_origin_metadata_is_refused() {
        // The page's `fetch` always sends `Origin` on a POST: a request without one is
        // not the page's.
        assert_eq!(
            post_report(&[], REPORT).await,
            (StatusCode::FORBIDDEN, None)
        );
        let same_site = [("origin", PAGE), ("sec-fetch-site", "same-site")];
        assert_eq!(
            post_report(&same_site, REPORT).await,
            (StatusCode::FORBIDDEN, None)
        );
        let twice = [("origin", PAGE), ("origin", "https://evil.example")];
        assert_eq!(
            post_report(&twice, REPORT).await,
            (StatusCode::FORBIDDEN, None)
        );
    }
}
