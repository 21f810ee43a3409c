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
