//! The request log on actix-web: [`record`] wraps the whole `App`, outermost;
//! [`mark_handler_called`] is inside each resource's CORS middleware
//! ([`super::resources::with_cors`]).

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use axum::http;

use crate::log::{HandlerCalled, RequestLog, Seen};

/// Middleware, outermost on the API (`from_fn(record)`): records the request and the
/// response actix sends, taking the log from the app's data.
pub async fn record(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let log = request.app_data::<web::Data<RequestLog>>().cloned();
    let called = HandlerCalled::default();
    request.extensions_mut().insert(called.clone());
    let seen = Seen::request(&as_http(&request));
    let result = next.call(request).await;
    if let Some(log) = log {
        let seen = match &result {
            Ok(response) => seen.answered(
                response.status().as_u16(),
                names_and_values(response.headers()),
                &called,
            ),
            // An error from inside: actix's dispatcher sends its `error_response()`,
            // with the response mappers (the CORS middleware's among them) applied.
            Err(error) => {
                let response = error.error_response();
                seen.answered(
                    response.status().as_u16(),
                    names_and_values(response.headers()),
                    &called,
                )
            }
        };
        log.push(seen);
    }
    result
}

/// Middleware, innermost on each resource (inside the CORS middleware): notes that the
/// request got through to the handler.
pub async fn mark_handler_called(
    request: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    if let Some(called) = request.extensions().get::<HandlerCalled>() {
        called.mark();
    }
    next.call(request).await
}

fn names_and_values(
    headers: &actix_web::http::header::HeaderMap,
) -> impl Iterator<Item = (&str, &[u8])> {
    headers.iter().map(|(n, v)| (n.as_str(), v.as_bytes()))
}

/// The request's head as an `http` 1 request (actix-web 4 is on `http` 0.2), for the
/// log and the policies' explanations.
fn as_http(request: &ServiceRequest) -> http::Request<()> {
    let mut builder = http::Request::builder()
        .method(request.method().as_str())
        .uri(request.uri().to_string());
    for (name, value) in request.headers() {
        builder = builder.header(name.as_str(), value.as_bytes());
    }
    // actix parsed the same bytes as valid: this never fails; if it did, the log would
    // show an empty request rather than stop the server.
    builder.body(()).unwrap_or_default()
}
