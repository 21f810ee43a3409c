//! Helpers shared by the integration tests: serve an axum app on loopback and read
//! response headers strictly.

use axum::Router;

/// Serves `app` on a free loopback port and returns its base URL (`http://127.0.0.1:N`).
pub async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}")
}

/// The only value of header `name`; fails if it is repeated (two
/// `Access-Control-Allow-Origin` headers fail the browser's CORS check).
pub fn one<'a>(response: &'a reqwest::Response, name: &str) -> Option<&'a str> {
    let mut values = response.headers().get_all(name).iter();
    let first = values.next().map(|v| v.to_str().unwrap());
    assert!(values.next().is_none(), "{name} is repeated");
    first
}

/// Every `Vary` field line of the response, in order.
pub fn vary(response: &reqwest::Response) -> Vec<&str> {
    response
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect()
}

/// Sends a preflight for `method` (and `request_headers`, if any) from `origin` to `url`.
pub async fn preflight(
    url: &str,
    origin: &str,
    method: &str,
    request_headers: Option<&str>,
) -> reqwest::Response {
    let mut request = reqwest::Client::new()
        .request(reqwest::Method::OPTIONS, url)
        .header("origin", origin)
        .header("access-control-request-method", method);
    if let Some(list) = request_headers {
        request = request.header("access-control-request-headers", list);
    }
    request.send().await.unwrap()
}

/// Sends a `method` request from `origin` to `url`.
pub async fn request_from(method: reqwest::Method, url: &str, origin: &str) -> reqwest::Response {
    reqwest::Client::new()
        .request(method, url)
        .header("origin", origin)
        .send()
        .await
        .unwrap()
}
