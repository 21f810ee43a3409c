//! A small model of CORS, written apart from the crate's code, as the property tests'
//! oracle: what the server must answer (every `Access-Control-*` header and `Vary`), and
//! what a browser then decides (Fetch, "CORS check", "CORS-preflight fetch").
//!
//! It shares nothing with `typed_cors` but the policy's keys: plain strings in,
//! plain strings out, written from the Fetch standard and the README's promises.

#![allow(dead_code, unreachable_pub)]

/// A policy as its keys say it.
#[derive(Clone, Debug)]
pub struct ModelPolicy {
    /// `None` for `*`.
    pub origins: Option<Vec<&'static str>>,
    pub credentials: bool,
    /// `None` for `*`; empty when not given.
    pub methods: Option<Vec<&'static str>>,
    pub allow_headers: ModelHeaders,
    /// `None` for `*`; empty when not given.
    pub expose_headers: Option<Vec<&'static str>>,
    pub max_age: Option<u32>,
    pub private_network: bool,
    pub refuse_disallowed: bool,
}

/// `allow_headers`.
#[derive(Clone, Debug)]
pub enum ModelHeaders {
    /// `["*"]`: any name but `authorization`.
    Any,
    /// `["*", "authorization"]`.
    AnyAndAuthorization,
    /// These names (any case); empty when not given.
    List(Vec<&'static str>),
}

/// A request as the server sees it.
#[derive(Clone, Debug, Default)]
pub struct ModelRequest {
    pub options: bool,
    pub origins: Vec<Vec<u8>>,
    pub request_methods: Vec<Vec<u8>>,
    pub request_headers: Vec<Vec<u8>>,
    pub private_network: Option<Vec<u8>>,
    pub sec_fetch_site: Option<Vec<u8>>,
}

/// What the server must answer: its status when it answers itself (the handler is not
/// called), and the complete set of `Access-Control-*` headers and `Vary` lines it adds
/// (the handler's own CORS headers never survive; its `Vary` does, and is not counted).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub answered: Option<u16>,
    pub headers: Vec<(String, String)>,
}

const PREFLIGHT_VARY: &str =
    "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

impl ModelPolicy {
    /// Whether the policy allows this `Origin` value. Exact origins compare byte for
    /// byte; `scheme://*.domain[:port]` wants one or more lowercase DNS labels before
    /// `.domain[:port]`.
    pub fn allows_origin(&self, origin: &[u8]) -> bool {
        let Some(list) = &self.origins else {
            return true;
        };
        list.iter().any(|entry| match entry.split_once("*.") {
            None => entry.as_bytes() == origin,
            Some((scheme, domain)) => {
                let Some(rest) = origin.strip_prefix(scheme.as_bytes()) else {
                    return false;
                };
                let Some(labels) = rest.strip_suffix(format!(".{domain}").as_bytes()) else {
                    return false;
                };
                !labels.is_empty()
                    && labels.split(|b| *b == b'.').all(|label| {
                        !label.is_empty()
                            && label.iter().all(|b| {
                                b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_".contains(b)
                            })
                    })
            }
        })
    }

    /// Methods compare case-sensitively; GET, HEAD and POST need no listing.
    pub fn allows_method(&self, method: &[u8]) -> bool {
        if [&b"GET"[..], b"HEAD", b"POST"].contains(&method) {
            return true;
        }
        match &self.methods {
            None => !method.is_empty(),
            Some(list) => list.iter().any(|m| m.as_bytes() == method),
        }
    }

    /// One requested header name (already trimmed, not empty).
    pub fn allows_header(&self, name: &[u8]) -> bool {
        let authorization = name.eq_ignore_ascii_case(b"authorization");
        match &self.allow_headers {
            // A name `*` would be echoed as the wildcard, which Chromium reads as
            // covering `Authorization`: refused under `*` like `authorization`.
            ModelHeaders::Any => !authorization && name != b"*",
            ModelHeaders::AnyAndAuthorization => true,
            ModelHeaders::List(list) => {
                list.iter().any(|h| h.as_bytes().eq_ignore_ascii_case(name))
            }
        }
    }

    fn any_origin(&self) -> bool {
        self.origins.is_none()
    }

    /// A `refuse_disallowed` policy's answers depend on `Sec-Fetch-Site` too (403, or
    /// the handler's answer for a same-origin request).
    fn vary_origin(&self) -> Vec<(String, String)> {
        if self.any_origin() {
            vec![]
        } else if self.refuse_disallowed {
            vec![pair("vary", "Origin, Sec-Fetch-Site")]
        } else {
            vec![pair("vary", "Origin")]
        }
    }

    /// The value of `Access-Control-Allow-Origin` for this request, if allowed.
    fn allow_origin(&self, request: &ModelRequest) -> Option<String> {
        if self.any_origin() {
            return Some("*".into());
        }
        match request.origins.as_slice() {
            [one] if self.allows_origin(one) => Some(String::from_utf8(one.clone()).ok()?),
            _ => None,
        }
    }

    /// The server's answer to `request`.
    pub fn expected(&self, request: &ModelRequest) -> Expected {
        let preflight =
            request.options && !request.origins.is_empty() && !request.request_methods.is_empty();
        if preflight {
            let mut headers = self.preflight_headers(request).unwrap_or_default();
            headers.push(pair("vary", PREFLIGHT_VARY));
            return Expected {
                answered: Some(204),
                headers: sorted(headers),
            };
        }
        match self.allow_origin(request) {
            Some(origin) => {
                let mut headers = vec![pair("access-control-allow-origin", &origin)];
                if self.credentials {
                    headers.push(pair("access-control-allow-credentials", "true"));
                }
                if let Some(expose) = joined(&self.expose_headers) {
                    headers.push(pair("access-control-expose-headers", &expose));
                }
                headers.extend(self.vary_origin());
                Expected {
                    answered: None,
                    headers: sorted(headers),
                }
            }
            None => {
                let same_origin = request.sec_fetch_site.as_deref() == Some(b"same-origin");
                let refused = self.refuse_disallowed && !request.origins.is_empty() && !same_origin;
                Expected {
                    answered: refused.then_some(403),
                    headers: self.vary_origin(),
                }
            }
        }
    }

    /// The CORS headers of a preflight's answer: none when the origin is refused; the
    /// full answer when everything asked for is allowed; and when the origin is allowed
    /// but the method or a header is not, the origin and what the policy does allow (so
    /// that the browser's console names the real problem), without `Max-Age`, without
    /// the methods when the refused method is listed but for its case (a Chromium that
    /// uppercases would accept it), and with `Allow-Private-Network` when allowed and
    /// asked (Chromium checks it before the method and headers).
    fn preflight_headers(&self, request: &ModelRequest) -> Option<Vec<(String, String)>> {
        let origin = self.allow_origin(request)?;
        let method_ok = match request.request_methods.as_slice() {
            [method] => self.allows_method(method),
            _ => false,
        };
        let lines = request.request_headers.as_slice();
        let any = !matches!(self.allow_headers, ModelHeaders::List(_));
        let headers_ok = if any && lines.len() > 1 {
            false
        } else {
            lines
                .iter()
                .all(|line| names(line).iter().all(|n| self.allows_header(n)))
        };
        let allowed = method_ok && headers_ok;
        let mut headers = vec![pair("access-control-allow-origin", &origin)];
        if self.credentials {
            headers.push(pair("access-control-allow-credentials", "true"));
        }
        let listed_but_for_case = |list: &[&str]| match request.request_methods.as_slice() {
            [method] if !method_ok => list
                .iter()
                .any(|m| m.as_bytes().eq_ignore_ascii_case(method)),
            _ => false,
        };
        let methods = match &self.methods {
            None => Some("*".to_owned()),
            Some(list) if list.is_empty() || listed_but_for_case(list) => None,
            Some(list) => Some(list.join(", ")),
        };
        if let Some(methods) = methods {
            headers.push(pair("access-control-allow-methods", &methods));
        }
        let allow_headers = match (&self.allow_headers, lines.first()) {
            (ModelHeaders::List(list), _) if !list.is_empty() => Some(
                list.iter()
                    .map(|h| h.to_ascii_lowercase())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            (ModelHeaders::List(_), _) | (_, None) => None,
            // Echoed as sent, whatever its bytes (a browser sends tokens).
            (ModelHeaders::AnyAndAuthorization, Some(line)) => {
                Some(String::from_utf8_lossy(line).into_owned())
            }
            (ModelHeaders::Any, Some(line)) if allowed => {
                Some(String::from_utf8_lossy(line).into_owned())
            }
            // Refused: the request's names without `authorization`, never `*`.
            (ModelHeaders::Any, Some(line)) => {
                let kept: Vec<String> = names(line)
                    .into_iter()
                    .filter(|n| !n.eq_ignore_ascii_case(b"authorization") && *n != b"*")
                    .map(|n| String::from_utf8_lossy(n).into_owned())
                    .collect();
                (!kept.is_empty()).then(|| kept.join(","))
            }
        };
        if let Some(allow_headers) = allow_headers {
            headers.push(pair("access-control-allow-headers", &allow_headers));
        }
        if self.private_network && request.private_network.as_deref() == Some(b"true") {
            headers.push(pair("access-control-allow-private-network", "true"));
        }
        if allowed && let Some(seconds) = self.max_age {
            headers.push(pair("access-control-max-age", &seconds.to_string()));
        }
        Some(headers)
    }

    /// What the policy means to allow: a page at `origin` making a request with this
    /// method and these headers, with or without credentials.
    pub fn intends(&self, call: &BrowserCall) -> bool {
        self.allows_origin(call.origin.as_bytes())
            && (!call.credentials || self.credentials)
            && (!call.preflighted()
                || self.allows_method(call.method.as_bytes())
                    && call
                        .headers
                        .iter()
                        .all(|h| self.allows_header(h.as_bytes())))
    }
}

/// A `fetch` as a browser makes it: from a page at `origin`, with a method browsers send
/// as written, lowercase request header names, and a credentials mode.
#[derive(Clone, Debug)]
pub struct BrowserCall {
    pub origin: String,
    pub method: String,
    /// Non-safelisted header names, lowercase, sorted, distinct.
    pub headers: Vec<String>,
    pub credentials: bool,
}

impl BrowserCall {
    /// Whether the browser sends a preflight first (Fetch, "CORS-preflight fetch"):
    /// a method other than GET, HEAD and POST, or a non-safelisted header.
    pub fn preflighted(&self) -> bool {
        !["GET", "HEAD", "POST"].contains(&self.method.as_str()) || !self.headers.is_empty()
    }

    /// The preflight the browser sends (without credentials, whatever the mode).
    pub fn preflight_request(&self) -> ModelRequest {
        ModelRequest {
            options: true,
            origins: vec![self.origin.clone().into_bytes()],
            request_methods: vec![self.method.clone().into_bytes()],
            request_headers: if self.headers.is_empty() {
                vec![]
            } else {
                vec![self.headers.join(",").into_bytes()]
            },
            ..ModelRequest::default()
        }
    }

    /// The actual request (its method is the call's; the server sees only `Origin`).
    pub fn actual_request(&self) -> ModelRequest {
        ModelRequest {
            options: self.method == "OPTIONS",
            origins: vec![self.origin.clone().into_bytes()],
            ..ModelRequest::default()
        }
    }

    /// The browser's CORS check of a response (Fetch, "CORS check").
    pub fn cors_check(&self, headers: &http::HeaderMap) -> bool {
        let origins: Vec<_> = headers
            .get_all("access-control-allow-origin")
            .iter()
            .collect();
        let [origin] = origins.as_slice() else {
            return false;
        };
        if !self.credentials && origin.as_bytes() == b"*" {
            return true;
        }
        if origin.as_bytes() != self.origin.as_bytes() {
            return false;
        }
        !self.credentials
            || headers
                .get("access-control-allow-credentials")
                .is_some_and(|v| v.as_bytes() == b"true")
    }

    /// Whether a successful preflight answer lets the call through (Fetch,
    /// "CORS-preflight fetch", steps on methods and header names, as Chromium applies
    /// them by default).
    pub fn preflight_passes(&self, status: u16, headers: &http::HeaderMap) -> bool {
        if !(200..300).contains(&status) || !self.cors_check(headers) {
            return false;
        }
        let list = |name: &str| -> Vec<String> {
            headers
                .get_all(name)
                .iter()
                .flat_map(|v| {
                    v.to_str()
                        .unwrap_or("")
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .collect::<Vec<_>>()
                })
                .filter(|s| !s.is_empty())
                .collect()
        };
        let methods = list("access-control-allow-methods");
        let names = list("access-control-allow-headers");
        let wildcard = |list: &[String]| !self.credentials && list.iter().any(|m| m == "*");
        let method_ok = ["GET", "HEAD", "POST"].contains(&self.method.as_str())
            || methods.contains(&self.method)
            || wildcard(&methods);
        // Chromium (156) without `CorsNonWildcardRequestHeadersSupport` lets the wildcard
        // cover `Authorization` too, against Fetch: the laxer browser is the stricter test
        // of the server's answers.
        let headers_ok = self
            .headers
            .iter()
            .all(|h| names.iter().any(|n| n.eq_ignore_ascii_case(h)) || wildcard(&names));
        method_ok && headers_ok
    }
}

fn names(line: &[u8]) -> Vec<&[u8]> {
    line.split(|b| *b == b',')
        .map(<[u8]>::trim_ascii)
        .filter(|n| !n.is_empty())
        .collect()
}

fn joined(list: &Option<Vec<&'static str>>) -> Option<String> {
    match list {
        None => Some("*".into()),
        Some(list) if list.is_empty() => None,
        Some(list) => Some(
            list.iter()
                .map(|h| h.to_ascii_lowercase())
                .collect::<Vec<_>>()
                .join(", "),
        ),
    }
}

fn pair(name: &str, value: &str) -> (String, String) {
    (name.to_owned(), value.to_owned())
}

fn sorted(mut headers: Vec<(String, String)>) -> Vec<(String, String)> {
    headers.sort();
    headers
}

/// The `Access-Control-*` headers and the `Vary` lines of `headers` that are not in
/// `handler_vary` (the handler's own), sorted, for comparison with [`Expected`].
pub fn cors_and_added_vary(
    headers: &http::HeaderMap,
    handler_vary: &[&str],
) -> Vec<(String, String)> {
    let mut handler_vary = handler_vary.to_vec();
    let mut found: Vec<(String, String)> = headers
        .iter()
        .filter(|(name, value)| {
            if *name == "vary" {
                let value = value.to_str().unwrap_or("");
                match handler_vary.iter().position(|v| *v == value) {
                    Some(at) => {
                        handler_vary.remove(at);
                        false
                    }
                    None => true,
                }
            } else {
                name.as_str().starts_with("access-control-")
            }
        })
        .map(|(name, value)| {
            (
                name.to_string(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            )
        })
        .collect();
    found.sort();
    found
}
