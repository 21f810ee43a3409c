//! The request log on axum: [`record`] outermost on the API, [`mark_handler_called`]
//! inside each route's CORS layer.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::{HandlerCalled, RequestLog, Seen};

/// Middleware, outermost on the API: records the request and the final response.
pub async fn record(State(log): State<RequestLog>, mut request: Request, next: Next) -> Response {
    let called = HandlerCalled::default();
    request.extensions_mut().insert(called.clone());
    let seen = Seen::request(&request);
    let response = next.run(request).await;
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_bytes()));
    log.push(seen.answered(response.status().as_u16(), headers, &called));
    response
}

/// Middleware, innermost on each route (inside the CORS layer): notes that the request
/// got through to the handler.
pub async fn mark_handler_called(request: Request, next: Next) -> Response {
    if let Some(called) = request.extensions().get::<HandlerCalled>() {
        called.mark();
    }
    next.run(request).await
}
