//! The server's side of "why was it blocked?": which policy decides a request of the
//! demo API, and its explanation ([`Policy::explain`]), for the terminal and the page.
//!
//! This is the demo's own log, for the developer; the API never sends a reason to a
//! client (no header, no body).

use axum::http::{Method, Request};
use typed_cors::{CorsPolicy, Policy};

use crate::api::{delete_notes, item, partner, public, read_notes, session, write_notes};

/// The policy that decides `request` on the demo API, if a route has one. On `/notes`,
/// three handlers share the path: a preflight is decided by the policy of the method it
/// asks for, as the per-method router routes it.
pub fn policy_for<B>(request: &Request<B>) -> Option<&'static Policy> {
    let path = request.uri().path();
    let method = match request.headers().get("access-control-request-method") {
        Some(asked) if request.method() == Method::OPTIONS => asked.as_bytes(),
        _ => request.method().as_str().as_bytes(),
    };
    Some(match path {
        "/public" => public::policy(),
        "/session" => session::policy(),
        "/partner" => partner::policy(),
        _ if path.starts_with("/items/") => item::policy(),
        "/notes" => match method {
            b"GET" | b"HEAD" => read_notes::policy(),
            b"PUT" => write_notes::policy(),
            b"DELETE" => delete_notes::policy(),
            _ => return None,
        },
        _ => return None,
    })
}

/// The explanation of the decision on a CORS request (one with `Origin`), e.g.
/// `refused: method "PATCH" is not allowed (allowed: PUT, DELETE; GET, HEAD and POST
/// always pass)`, whichever framework served it (as an `http` request); `None` for requests without `Origin` or outside the demo's routes.
pub fn explain<B>(request: &Request<B>) -> Option<String> {
    if !request.headers().contains_key("origin") {
        return None;
    }
    let Some(policy) = policy_for(request) else {
        // Only `/notes` has a handler per method; any other path without a policy here
        // is outside the demo's routes (the browser suite's own endpoints), which this
        // explanation does not know, allowed or not.
        let path = request.uri().path();
        return (path == "/notes").then(|| {
            format!("refused: no handler on {path} serves this method, so no policy allows it")
        });
    };
    Some(policy.explain(request).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(method: &str, path: &str, asked: Option<&str>) -> Request<()> {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header("origin", "https://page.example");
        if let Some(asked) = asked {
            builder = builder.header("access-control-request-method", asked);
        }
        builder.body(()).unwrap()
    }

    #[test]
    fn a_method_without_a_handler_on_notes_is_explained_as_such() {
        let reason = explain(&request("OPTIONS", "/notes", Some("PATCH"))).unwrap();
        assert_eq!(
            reason,
            "refused: no handler on /notes serves this method, so no policy allows it"
        );
    }

    #[test]
    fn a_path_outside_the_demo_routes_has_no_explanation() {
        // The browser suite's endpoints are served beside the demo API: the demo's
        // explanation must not call their allowed requests refused.
        assert_eq!(explain(&request("GET", "/t/per-method/items", None)), None);
        assert_eq!(explain(&request("OPTIONS", "/t/x", Some("PUT"))), None);
    }

    #[test]
    fn a_demo_route_is_explained_by_its_policy() {
        let reason = explain(&request("GET", "/public", None)).unwrap();
        assert!(!reason.starts_with("refused"), "{reason}");
    }
}
