//! Issue 11's rows, through axum's `MethodRouter` (the per-method router only exists
//! there): the same policy, handlers and requests, wired two ways.
//!
//! - `ours-route`: `get(h).post(h).put(h).delete(h).layer(CorsLayer::of::<P>())`, one
//!   layer on the `MethodRouter`, as before issue 11;
//! - `ours-per-method`: `typed_cors::axum::get(h, CorsLayer::of::<P>()).post(…).put(…)
//!   .delete(…)`, a layer per handler and the preflight dispatch by requested method.
//!
//! The handler answers at once (one poll), with the scenario's inner response.

use axum::body::Body;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderValue, Request, Response};
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, get};
use typed_cors::{CorsLayer, CorsPolicy};

use crate::drive::drive;
use crate::inner::InnerResponse;
use crate::row::{Row, Summary, summarize};
use crate::scenario::Scenario;

/// How the policy is wired onto the `MethodRouter`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wiring {
    /// One `CorsLayer::of` on the whole `MethodRouter`.
    Route,
    /// `typed_cors::axum`, one `CorsLayer::of` per handler.
    PerMethod,
}

/// The method router for policy `P`, wired as `wiring`, with `inner`'s response.
pub fn router<P: CorsPolicy + 'static>(wiring: Wiring, inner: InnerResponse) -> MethodRouter {
    let handler = move || async move {
        let mut response = ().into_response();
        if inner == InnerResponse::WithHeaders {
            let headers = response.headers_mut();
            headers.insert(
                CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        }
        response
    };
    let router: MethodRouter = match wiring {
        Wiring::Route => get(handler)
            .post(handler)
            .put(handler)
            .delete(handler)
            .layer(CorsLayer::of::<P>()),
        Wiring::PerMethod => typed_cors::axum::get(handler, CorsLayer::of::<P>())
            .post(handler, CorsLayer::of::<P>())
            .put(handler, CorsLayer::of::<P>())
            .delete(handler, CorsLayer::of::<P>())
            .into(),
    };
    // As `Router::with_state` does before serving: handlers become routes once.
    router.with_state(())
}

/// A row on axum's `MethodRouter`.
#[derive(Debug)]
pub struct AxumRow {
    service: MethodRouter,
    scenario: Scenario,
    requests: Vec<Request<Body>>,
    responses: Vec<Response<Body>>,
}

impl AxumRow {
    /// A row around `service`.
    pub fn new(service: MethodRouter, scenario: Scenario) -> Self {
        Self {
            service,
            scenario,
            requests: Vec::new(),
            responses: Vec::new(),
        }
    }
}

impl Row for AxumRow {
    fn prepare(&mut self, n: usize) {
        self.requests.clear();
        self.requests
            .extend((0..n).map(|_| self.scenario.request().map(|()| Body::empty())));
        self.responses.reserve(n);
    }

    #[inline(never)]
    fn run(&mut self) {
        for request in self.requests.drain(..) {
            self.responses.push(drive(&mut self.service, request));
        }
    }

    fn finish(&mut self) -> Option<Summary> {
        let summary = self.responses.first().map(summarize);
        self.responses.clear();
        summary
    }
}
