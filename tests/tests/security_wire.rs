//! The holes of the adversarial review that are on the wire (issue 9, items 3 to 5),
//! pinned over TCP: a real axum `Router` served on loopback, driven by reqwest, with
//! every policy both compiled (`CorsLayer::of`) and built at run time (`CorsLayer::new`).
//!
//! Each test compares the whole set of `Access-Control-*` headers and `Vary`, not only
//! the header that the fix changed.

use axum::Router;
use axum::routing::get;
use reqwest::Method;
use tests::serve;
use typed_cors::{CorsLayer, CorsPolicy, PolicyHandle};

/// What a handler that tries to grant CORS itself answers: every CORS response header
/// it could set, a made-up `Access-Control-*` one, and a `Vary` of its own.
const HANDLER_CORS: [(&str, &str); 8] = [
    ("access-control-allow-origin", "https://evil.example"),
    ("access-control-allow-credentials", "true"),
    ("access-control-expose-headers", "x-secret"),
    ("access-control-allow-methods", "DELETE"),
    ("access-control-allow-headers", "authorization"),
    ("access-control-max-age", "86400"),
    ("access-control-allow-private-network", "true"),
    ("access-control-x-made-up", "1"),
];

async fn widening_handler() -> impl axum::response::IntoResponse {
    let mut headers = axum::http::HeaderMap::new();
    for (name, value) in HANDLER_CORS {
        headers.insert(name, value.parse().unwrap());
    }
    headers.insert("vary", "Accept-Encoding".parse().unwrap());
    headers.insert("x-secret", "s3cr3t".parse().unwrap());
    (headers, "body")
}

#[derive(CorsPolicy)]
#[cors(origins = ["*"])]
struct Public;

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], credentials)]
struct Private;

#[derive(CorsPolicy)]
#[cors(origins = ["https://*.example.com"])]
struct Patterned;

#[derive(CorsPolicy)]
#[cors(origins = ["*"], allow_headers = ["*"])]
struct AnyHeader;

#[derive(CorsPolicy)]
#[cors(origins = ["*"], allow_headers = ["*", "authorization"])]
struct AnyHeaderAndAuthorization;

/// Serves the widening handler at `/` behind `layer`.
async fn serve_behind<H: PolicyHandle>(layer: CorsLayer<H>) -> String {
    serve(Router::new().route(
        "/",
        get(widening_handler).options(widening_handler).layer(layer),
    ))
    .await
}

/// Both handles of the policy of `P`: compiled, and built at run time from the same
/// policy.
async fn both<P: CorsPolicy + 'static>() -> [String; 2] {
    [
        serve_behind(CorsLayer::of::<P>()).await,
        serve_behind(CorsLayer::new(P::POLICY)).await,
    ]
}

/// Sends `method` to `url` with these `Origin` headers (none, one, or several) and other
/// headers.
async fn send(
    method: Method,
    url: &str,
    origins: &[&str],
    headers: &[(&str, &str)],
) -> reqwest::Response {
    let mut request = reqwest::Client::new().request(method, url);
    for origin in origins {
        request = request.header("origin", *origin);
    }
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    request.send().await.unwrap()
}

/// Every `Access-Control-*` header and every `Vary` line of a response, sorted by name
/// (values of one name in order), as text.
fn cors_and_vary(response: &reqwest::Response) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = response
        .headers()
        .iter()
        .filter(|(name, _)| name.as_str().starts_with("access-control-") || *name == "vary")
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

fn expected(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<(String, String)> = pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect();
    pairs.sort_by(|a, b| a.0.cmp(&b.0));
    pairs
}

/// Issue 9, item 3: a `*` policy answers `Access-Control-Allow-Origin: *` on every
/// response, whether the request had no `Origin`, one, two, or `null`, and never adds
/// `Vary` (Fetch, "CORS protocol and HTTP caches"); so a shared cache filled by a
/// request without `Origin` serves CORS requests a response they accept. Failed before
/// the fix: without `Origin` or with two, the response had no CORS header.
#[tokio::test]
async fn a_star_policy_answers_star_on_every_response_without_vary() {
    for base in both::<Public>().await {
        for origins in [
            &[][..],
            &["https://app.example.com"][..],
            &["https://a.example", "https://b.example"][..],
            &["null"][..],
        ] {
            let response = send(Method::GET, &base, origins, &[]).await;
            assert_eq!(response.status(), 200);
            assert_eq!(
                cors_and_vary(&response),
                expected(&[
                    ("access-control-allow-origin", "*"),
                    ("vary", "Accept-Encoding")
                ]),
                "{base} with Origin {origins:?}"
            );
        }
    }
}

/// Issue 9, item 3, the other policy kinds: a policy whose answer depends on `Origin`
/// sends `Vary: Origin` on every response, with no, one (allowed or not) or two `Origin`
/// headers.
#[tokio::test]
async fn every_origin_dependent_policy_varies_on_origin_on_every_response() {
    let bases = [both::<Private>().await, both::<Patterned>().await].concat();
    for base in bases {
        for origins in [
            &[][..],
            &["https://evil.example"][..],
            &["https://app.example.com", "https://app.example.com"][..],
        ] {
            let response = send(Method::GET, &base, origins, &[]).await;
            assert_eq!(
                cors_and_vary(&response),
                expected(&[("vary", "Accept-Encoding"), ("vary", "Origin")]),
                "{base} with Origin {origins:?}"
            );
        }
    }
}

/// Issue 9, item 4: the policy owns every `Access-Control-*` response header. Whatever
/// the handler set is gone on every path: allowed (with and without credentials),
/// refused, `*`, and without `Origin`. Failed before the fix: the handler's
/// `Access-Control-Expose-Headers: x-secret` (and the made-up header) survived on
/// allowed requests, and everything the handler set survived without `Origin`.
#[tokio::test]
async fn the_handler_never_sets_a_cors_header() {
    let allowed_private = expected(&[
        ("access-control-allow-origin", "https://app.example.com"),
        ("access-control-allow-credentials", "true"),
        ("vary", "Accept-Encoding"),
        ("vary", "Origin"),
    ]);
    let only_vary = expected(&[("vary", "Accept-Encoding"), ("vary", "Origin")]);
    for base in both::<Private>().await {
        let allowed = send(Method::GET, &base, &["https://app.example.com"], &[]).await;
        assert_eq!(cors_and_vary(&allowed), allowed_private, "{base}");
        let refused = send(Method::GET, &base, &["https://evil.example"], &[]).await;
        assert_eq!(cors_and_vary(&refused), only_vary, "{base}");
        let no_origin = send(Method::GET, &base, &[], &[]).await;
        assert_eq!(cors_and_vary(&no_origin), only_vary, "{base}");
        // An `OPTIONS` that is not a preflight reaches the handler too.
        let options = send(Method::OPTIONS, &base, &["https://app.example.com"], &[]).await;
        assert_eq!(cors_and_vary(&options), allowed_private, "{base}");
    }
    let star = expected(&[
        ("access-control-allow-origin", "*"),
        ("vary", "Accept-Encoding"),
    ]);
    for base in both::<Public>().await {
        let allowed = send(Method::GET, &base, &["https://app.example.com"], &[]).await;
        assert_eq!(cors_and_vary(&allowed), star, "{base}");
    }
}

/// Issue 9, item 5: Fetch's `*` in `Access-Control-Allow-Headers` never covers
/// `Authorization`, so `allow_headers = ["*"]` refuses a preflight that asks for it, in
/// any case and at any place in the list; `["*", "authorization"]` allows it. Failed
/// before the fix: the layer echoed `authorization` back as allowed.
#[tokio::test]
async fn star_request_headers_never_admit_authorization() {
    let preflight = |base: String, list: &'static str| async move {
        send(
            Method::OPTIONS,
            &base,
            &["https://app.example.com"],
            &[
                ("access-control-request-method", "GET"),
                ("access-control-request-headers", list),
            ],
        )
        .await
    };
    // Refused, from an allowed origin: the answer names the origin and the other
    // requested headers (so that the browser's console names `authorization`), never
    // `authorization` itself and never `*`.
    let refused = |others: Option<&'static str>| {
        let mut pairs = vec![
            ("access-control-allow-origin", "*"),
            (
                "vary",
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
            ),
        ];
        pairs.extend(others.map(|list| ("access-control-allow-headers", list)));
        expected(&pairs)
    };
    let allowed = |list: &str| {
        expected(&[
            ("access-control-allow-origin", "*"),
            ("access-control-allow-headers", list),
            (
                "vary",
                "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
            ),
        ])
    };
    for base in both::<AnyHeader>().await {
        for (list, others) in [
            ("authorization", None),
            ("x-a,authorization", Some("x-a")),
            ("AUTHORIZATION", None),
            ("x-a, Authorization ", Some("x-a")),
        ] {
            let response = preflight(base.clone(), list).await;
            assert_eq!(response.status(), 204);
            assert_eq!(cors_and_vary(&response), refused(others), "{base}: {list}");
        }
        let response = preflight(base.clone(), "content-type,x-a").await;
        assert_eq!(
            cors_and_vary(&response),
            allowed("content-type,x-a"),
            "{base}"
        );
    }
    for base in both::<AnyHeaderAndAuthorization>().await {
        let response = preflight(base.clone(), "authorization,x-a").await;
        assert_eq!(
            cors_and_vary(&response),
            allowed("authorization,x-a"),
            "{base}"
        );
    }
}

/// The policies above are the ones the builder makes from the same keys, so the
/// run-time handle exercises the builder's path too.
#[test]
fn the_compiled_policies_equal_the_built_ones() {
    let built = typed_cors::Policy::builder()
        .origins(["*"])
        .allow_headers(["*", "authorization"])
        .build()
        .unwrap();
    assert_eq!(&built, AnyHeaderAndAuthorization::policy());
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], allow_headers = ["*"])]
struct ListedOriginAnyHeader;

/// Found by the security review of issue 9: a script can name a request header `*` (a
/// valid token), so Chromium preflights with `Access-Control-Request-Headers:
/// *,authorization`. Echoed, `*` reads as the wildcard, which Chromium (156) lets cover
/// `Authorization`: the preflight passed and the PUT with `Authorization` reached the
/// handler. Under `allow_headers = ["*"]` a requested `*` is refused like
/// `authorization`, and no answer ever carries a `*` name. Failed before the fix.
#[tokio::test]
async fn a_requested_header_named_star_is_never_echoed_as_the_wildcard() {
    let bases = [
        both::<AnyHeader>().await,
        both::<ListedOriginAnyHeader>().await,
    ]
    .concat();
    for base in bases {
        for list in ["*,authorization", "*", "*,x-a", "x-a, * ,authorization"] {
            let response = send(
                Method::OPTIONS,
                &base,
                &["https://app.example.com"],
                &[
                    ("access-control-request-method", "PUT"),
                    ("access-control-request-headers", list),
                ],
            )
            .await;
            let named: Vec<String> = response
                .headers()
                .get_all("access-control-allow-headers")
                .iter()
                .flat_map(|v| v.to_str().unwrap().split(',').map(|n| n.trim().to_owned()))
                .collect();
            assert!(
                !named.iter().any(|n| n == "*"),
                "{base}: preflight asking for {list:?} answered Access-Control-Allow-Headers {named:?}"
            );
            assert_eq!(
                response.headers().get("access-control-max-age"),
                None,
                "{base}: {list:?} was refused"
            );
        }
    }
}

#[derive(CorsPolicy)]
#[cors(origins = ["https://app.example.com"], refuse_disallowed)]
struct Refusing;

/// Found by the security review: under `refuse_disallowed`, the answer to a disallowed
/// origin depends on `Sec-Fetch-Site` as well as `Origin` (`403`, or the handler's
/// answer when the browser says `same-origin`), so `Vary` names both on every answer;
/// otherwise a cache storing either serves it for the other. Failed before the fix.
#[tokio::test]
async fn refuse_disallowed_varies_on_sec_fetch_site() {
    for base in both::<Refusing>().await {
        let cross = send(
            Method::GET,
            &base,
            &["https://other.example"],
            &[("sec-fetch-site", "cross-site")],
        )
        .await;
        let same = send(
            Method::GET,
            &base,
            &["https://other.example"],
            &[("sec-fetch-site", "same-origin")],
        )
        .await;
        assert_eq!(
            (cross.status().as_u16(), same.status().as_u16()),
            (403, 200)
        );
        assert_eq!(
            cors_and_vary(&cross),
            expected(&[("vary", "Origin, Sec-Fetch-Site")])
        );
        assert_eq!(
            cors_and_vary(&same),
            expected(&[
                ("vary", "Accept-Encoding"),
                ("vary", "Origin, Sec-Fetch-Site")
            ])
        );
    }
}
