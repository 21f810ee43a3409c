//! The demo API: its endpoints, each with its own CORS policy, and their axum routes
//! ([`routes`]; the actix-web ones are [`crate::actix::api`], with the same policies).
//!
//! | endpoint | policy |
//! | --- | --- |
//! | `GET /public` | any origin (`*`), no credentials |
//! | `GET /session` | the page's origin, with credentials; sets and reads a session cookie |
//! | `PUT`/`DELETE /items/{id}` | the page's origin, with credentials, the custom request header `x-demo-token`, JSON bodies, and the exposed `x-request-id`; preflights cached 600 s |
//! | `GET /partner` | only [`PARTNER_ORIGIN`](crate::PARTNER_ORIGIN), which the page is not |
//! | `GET`/`PUT`/`DELETE /notes` | one path, a policy per handler ([`typed_cors::axum`]): `GET` any origin, `PUT` the page's origin with credentials, `DELETE` only the partner |

use std::collections::HashMap;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::Router;
use axum::extract::{Path, State};
use axum::handler::Handler;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, get, put};
use typed_cors::{CorsLayer, PolicyHandle, cors};

use crate::log::{RequestLog, mark_handler_called, record};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "demo_session";

/// Server-side sessions: visit counts by session id.
#[derive(Clone, Debug, Default)]
pub struct Sessions {
    next_id: Arc<AtomicU64>,
    visits: Arc<Mutex<HashMap<u64, u64>>>,
}

/// `GET /public`: readable by any origin, without credentials.
#[cors(origins = ["*"])]
pub async fn public() -> &'static str {
    "public data: any origin may read this"
}

/// `GET /session`: starts a session (sets the cookie) or counts a visit to it.
#[cors(
    origins = ["http://127.0.0.1:8701"], // crate::PAGE_ORIGIN
    credentials,
    expose_headers = ["x-session-visits"],
)]
pub async fn session(State(sessions): State<Sessions>, headers: HeaderMap) -> Response {
    let visit = sessions.visit(session_id(
        headers
            .get_all(header::COOKIE)
            .iter()
            .map(HeaderValue::as_bytes),
    ));
    let mut response = visit.body().into_response();
    let response_headers = response.headers_mut();
    response_headers.insert("x-session-visits", HeaderValue::from(visit.visits));
    if let Some(Ok(value)) = visit.set_cookie().map(HeaderValue::try_from) {
        response_headers.insert(header::SET_COOKIE, value);
    }
    response
}

/// One visit to `GET /session`, whichever framework serves it.
#[derive(Clone, Copy, Debug)]
pub struct Visit {
    /// The session's id.
    pub id: u64,
    /// Whether the session started with this visit (no known cookie came).
    pub fresh: bool,
    /// The session's visits, this one included.
    pub visits: u64,
}

impl Sessions {
    /// Counts a visit to the session `existing` (from the cookie), or starts one.
    pub fn visit(&self, existing: Option<u64>) -> Visit {
        let (id, fresh) = match existing {
            Some(id) => (id, false),
            None => (self.next_id.fetch_add(1, Ordering::SeqCst) + 1, true),
        };
        let mut map = self.visits.lock().unwrap_or_else(PoisonError::into_inner);
        let count = map.entry(id).or_insert(0);
        *count += 1;
        Visit {
            id,
            fresh,
            visits: *count,
        }
    }
}

impl Visit {
    /// The response's text.
    pub fn body(&self) -> String {
        if self.fresh {
            format!("new session {}", self.id)
        } else {
            format!(
                "cookie received: session {}, visit {}",
                self.id, self.visits
            )
        }
    }

    /// The `Set-Cookie` value that starts a fresh session.
    pub fn set_cookie(&self) -> Option<String> {
        self.fresh.then(|| {
            format!(
                "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax",
                self.id
            )
        })
    }
}

/// `PUT`/`DELETE /items/{id}`: a state-changing endpoint that browsers preflight.
#[cors(
    origins = ["http://127.0.0.1:8701"], // crate::PAGE_ORIGIN
    credentials,
    methods = [PUT, DELETE],
    allow_headers = ["content-type", "x-demo-token"],
    expose_headers = ["x-request-id"],
    max_age = 600,
)]
pub async fn item(
    method: Method,
    Path(id): Path<u32>,
    headers: HeaderMap,
    body: String,
) -> Response {
    let token = headers.get("x-demo-token").map(HeaderValue::as_bytes);
    let (text, request_id) = item_answer(method == Method::DELETE, id, token, &body);
    let mut response = text.into_response();
    response
        .headers_mut()
        .insert("x-request-id", HeaderValue::from(request_id));
    response
        .headers_mut()
        .insert("x-internal-trace", HeaderValue::from_static("not-exposed"));
    response
}

/// `/items/{id}`'s text and the request id to expose, whichever framework serves it;
/// every response also carries `x-internal-trace: not-exposed`, which the policy does
/// not expose.
pub fn item_answer(delete: bool, id: u32, token: Option<&[u8]>, body: &str) -> (String, u64) {
    static REQUEST_ID: AtomicU64 = AtomicU64::new(0);
    let request_id = REQUEST_ID.fetch_add(1, Ordering::SeqCst) + 1;
    let token = token
        .and_then(|t| std::str::from_utf8(t).ok())
        .unwrap_or("none");
    let text = if delete {
        format!("deleted item {id} (token {token})")
    } else {
        format!("stored item {id}: {body} (token {token})")
    };
    (text, request_id)
}

/// `GET /partner`: allowed only for [`PARTNER_ORIGIN`](crate::PARTNER_ORIGIN).
#[cors(origins = ["http://127.0.0.1:8702"])] // crate::PARTNER_ORIGIN
pub async fn partner() -> &'static str {
    "partner data: only the partner origin may read this"
}

/// `GET /notes`: anyone may read the notes.
#[cors(origins = ["*"])]
pub async fn read_notes() -> &'static str {
    "notes: any origin may read them"
}

/// `PUT /notes`: the page may write them, with its cookie.
#[cors(
    origins = ["http://127.0.0.1:8701"], // crate::PAGE_ORIGIN
    credentials,
    methods = [PUT],
    allow_headers = ["content-type"],
    max_age = 600,
)]
pub async fn write_notes(body: String) -> String {
    format!("notes stored: {body}")
}

/// `DELETE /notes`: only the partner may delete them.
#[cors(origins = ["http://127.0.0.1:8702"], methods = [DELETE], max_age = 600)] // crate::PARTNER_ORIGIN
pub async fn delete_notes() -> &'static str {
    "notes deleted"
}

/// `/notes`: three handlers, three policies, one path (on actix-web:
/// [`crate::actix::api::configure`]). The handler-called marker wraps
/// each handler inside its policy, so preflights (answered without a handler) show none.
fn notes<S: Clone + Send + Sync + 'static>() -> MethodRouter<S> {
    let marked = || from_fn(mark_handler_called);
    typed_cors::axum::get(read_notes.layer(marked()), CorsLayer::of::<read_notes>())
        .put(write_notes.layer(marked()), CorsLayer::of::<write_notes>())
        .delete(
            delete_notes.layer(marked()),
            CorsLayer::of::<delete_notes>(),
        )
        .into()
}

/// Applies `cors` to every method of `route`, with the handler-called marker inside it.
pub fn with_cors<S, H: PolicyHandle>(route: MethodRouter<S>, cors: CorsLayer<H>) -> MethodRouter<S>
where
    S: Clone + Send + Sync + 'static,
{
    route
        .layer::<_, Infallible>(from_fn(mark_handler_called))
        .layer::<_, Infallible>(cors)
}

/// The API's routes, with their CORS policies and state, without the request log.
pub fn routes() -> Router {
    Router::new()
        .route("/public", with_cors(get(public), CorsLayer::of::<public>()))
        .route(
            "/session",
            with_cors(get(session), CorsLayer::of::<session>()),
        )
        .route(
            "/items/{id}",
            with_cors(put(item).delete(item), CorsLayer::of::<item>()),
        )
        .route(
            "/partner",
            with_cors(get(partner), CorsLayer::of::<partner>()),
        )
        .route("/notes", notes())
        .with_state(Sessions::default())
}

/// Wraps an API router in the request log, outermost, so it sees what the CORS layers
/// answered.
pub fn recorded(router: Router, log: RequestLog) -> Router {
    router.layer(from_fn_with_state(log, record))
}

/// The session id in a request's `Cookie` header lines, if one names a session.
pub fn session_id<'a>(cookie_lines: impl IntoIterator<Item = &'a [u8]>) -> Option<u64> {
    cookie_lines
        .into_iter()
        .filter_map(|v| std::str::from_utf8(v).ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find_map(|(n, v)| (n == SESSION_COOKIE).then_some(v))
        .and_then(|v| v.parse().ok())
}

#[cfg(test)]
mod tests {
    use typed_cors::CorsPolicy;

    use super::*;

    /// The attributes name the origins literally; they must be the crate's constants.
    #[test]
    fn policies_name_the_demo_origins() {
        let page = crate::PAGE_ORIGIN.as_bytes();
        let partner = crate::PARTNER_ORIGIN.as_bytes();
        assert!(session::policy().allows_origin(page));
        assert!(item::policy().allows_origin(page));
        assert!(!session::policy().allows_origin(partner));
        assert!(partner::policy().allows_origin(partner));
        assert!(!partner::policy().allows_origin(page));
        assert!(public::policy().allows_origin(partner));
        assert!(session::policy().allows_credentials() && item::policy().allows_credentials());
        assert!(!public::policy().allows_credentials());
    }
}
