//! `#[cors]` above actix-web's route macros, over TCP (a real `HttpServer`, raw HTTP/1.1):
//! what each handler of one path answers to the preflights that reach it (issue 13).
//!
//! - Narrowing: a preflight answer lists in `Access-Control-Allow-Methods` only the
//!   methods of the policy that the handler serves on that path, never `*`; a browser
//!   caches the answer and would send another handler's method on its word. The manual
//!   form narrows with `resource_for` / `for_methods`; the control, a plain middleware,
//!   shows the list the narrowing removes.
//! - Guards: two handlers of one path and method told apart by a `guard` each answer
//!   their own preflights (the guards judge the preflight too); a guard that needs what
//!   only the actual request carries refuses its preflight (`404`): closed, not open.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::{OnceLock, mpsc};

use actix_web::guard::GuardContext;
use actix_web::http::Method;
use actix_web::{App, HttpResponse, HttpServer, delete, put, routes, web};
use typed_cors::actix::{CorsMiddleware, resource_for};
use typed_cors::cors;

const APP: &str = "https://app.example.com";
const PARTNER: &str = "https://partner.example.net";

/// `update_note`'s policy lists `DELETE` too, which `remove_note` serves on the path.
#[cors(origins = ["https://app.example.com"], methods = [PUT, DELETE], max_age = 600)]
#[put("/notes")]
async fn update_note() -> HttpResponse {
    HttpResponse::Ok().body("updated")
}

#[cors(origins = ["https://partner.example.net"], methods = [DELETE], max_age = 600)]
#[delete("/notes")]
async fn remove_note() -> HttpResponse {
    HttpResponse::Ok().body("removed")
}

/// Any method, on a path where the handler serves three.
#[cors(origins = ["*"], methods = ["*"])]
#[routes]
#[get("/any")]
#[put("/any")]
#[patch("/any")]
async fn any_method() -> HttpResponse {
    HttpResponse::Ok().body("any")
}

/// One handler on two paths: each path's answers list that path's method.
#[cors(origins = ["https://app.example.com"], methods = [PUT, DELETE, PATCH])]
#[routes]
#[put("/split/a")]
#[delete("/split/b")]
#[patch("/split/b")]
async fn split() -> HttpResponse {
    HttpResponse::Ok().body("split")
}

fn host_is(context: &GuardContext<'_>, host: &str) -> bool {
    context
        .head()
        .headers()
        .get("host")
        .is_some_and(|h| h.as_bytes() == host.as_bytes())
}

fn on_a(context: &GuardContext<'_>) -> bool {
    host_is(context, "a.test")
}

fn on_b(context: &GuardContext<'_>) -> bool {
    host_is(context, "b.test")
}

/// Two handlers of `PUT /hosted`, told apart by the host.
#[cors(origins = ["https://app.example.com"], methods = [PUT])]
#[put("/hosted", guard = "on_a")]
async fn hosted_a() -> HttpResponse {
    HttpResponse::Ok().body("a")
}

#[cors(origins = ["https://partner.example.net"], methods = [PUT])]
#[put("/hosted", guard = "on_b")]
async fn hosted_b() -> HttpResponse {
    HttpResponse::Ok().body("b")
}

fn has_key(context: &GuardContext<'_>) -> bool {
    context.head().headers().contains_key("x-api-key")
}

/// A guard on a header the page sets: its preflight carries only its name.
#[cors(origins = ["https://app.example.com"], methods = [PUT], allow_headers = ["x-api-key"])]
#[put("/keyed", guard = "has_key")]
async fn keyed() -> HttpResponse {
    HttpResponse::Ok().body("keyed")
}

async fn stored() -> HttpResponse {
    HttpResponse::Ok().body("stored")
}

fn app_config(config: &mut web::ServiceConfig) {
    config
        .service(update_note)
        .service(remove_note)
        .service(any_method)
        .service(split)
        .service(hosted_a)
        .service(hosted_b)
        .service(keyed)
        // The manual form: a resource per method, narrowed.
        .service(
            resource_for(
                "/manual",
                [Method::PUT],
                CorsMiddleware::of::<update_note>(),
            )
            .to(stored),
        )
        .service(
            web::resource("/manual-new")
                .wrap(CorsMiddleware::of::<update_note>().for_methods([Method::PUT]))
                .route(web::put().to(stored)),
        )
        // The control: the same policy, not narrowed.
        .service(
            web::resource("/control")
                .wrap(CorsMiddleware::of::<update_note>())
                .route(web::put().to(stored)),
        );
}

/// The server, started once for the whole file, on a loopback port.
fn server() -> SocketAddr {
    static ADDRESS: OnceLock<SocketAddr> = OnceLock::new();
    *ADDRESS.get_or_init(|| {
        let (sent, address) = mpsc::channel();
        std::thread::spawn(move || {
            actix_web::rt::System::new().block_on(async move {
                let server = HttpServer::new(|| App::new().configure(app_config))
                    .workers(1)
                    .disable_signals()
                    .bind(("127.0.0.1", 0))
                    .unwrap();
                sent.send(server.addrs()[0]).unwrap();
                server.run().await.unwrap();
            });
        });
        address.recv().unwrap()
    })
}

/// Sends one request to `host` and returns the status code and the `Access-Control-*`
/// and `Vary` lines, sorted, lowercase names.
fn exchange(method: &str, path: &str, host: &str, lines: &[&str]) -> (u16, Vec<String>) {
    let mut stream = TcpStream::connect(server()).unwrap();
    let mut request = format!("{method} {path} HTTP/1.1\r\nhost: {host}\r\nconnection: close\r\n");
    for line in lines {
        request.push_str(line);
        request.push_str("\r\n");
    }
    request.push_str("\r\n");
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let head = response.split("\r\n\r\n").next().unwrap();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let mut headers: Vec<String> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').unwrap();
            format!("{}: {}", name.to_ascii_lowercase(), value.trim())
        })
        .filter(|line| line.starts_with("access-control-") || line.starts_with("vary"))
        .collect();
    headers.sort();
    (status, headers)
}

fn preflight(path: &str, host: &str, origin: &str, method: &str) -> (u16, Vec<String>) {
    let origin = format!("origin: {origin}");
    let asks = format!("access-control-request-method: {method}");
    exchange("OPTIONS", path, host, &[&origin, &asks])
}

/// The `Access-Control-Allow-Methods` of a preflight's answer, and its `Access-Control-
/// Allow-Origin`.
fn allows(path: &str, origin: &str, method: &str) -> (Option<String>, Option<String>) {
    let (status, headers) = preflight(path, "localhost", origin, method);
    assert_eq!(status, 204, "{path} {method}: {headers:?}");
    let value = |name: &str| {
        headers.iter().find_map(|line| {
            line.strip_prefix(name)?
                .strip_prefix(": ")
                .map(str::to_owned)
        })
    };
    (
        value("access-control-allow-methods"),
        value("access-control-allow-origin"),
    )
}

fn some(value: &str) -> Option<String> {
    Some(value.to_owned())
}

#[test]
fn each_handler_of_a_path_answers_only_its_own_methods() {
    // `update_note` lists `DELETE`, which `remove_note` serves: not in its answer.
    assert_eq!(allows("/notes", APP, "PUT"), (some("PUT"), some(APP)));
    assert_eq!(
        allows("/notes", PARTNER, "DELETE"),
        (some("DELETE"), some(PARTNER))
    );
    // `DELETE`'s preflight is `remove_note`'s to answer, and it refuses the page.
    assert_eq!(allows("/notes", APP, "DELETE"), (None, None));
    let (_, headers) = preflight("/notes", "localhost", APP, "PUT");
    assert!(
        headers.contains(&"access-control-max-age: 600".to_owned()),
        "{headers:?}"
    );
}

#[test]
fn any_method_is_answered_with_the_handlers_methods_never_a_wildcard() {
    assert_eq!(
        allows("/any", APP, "PATCH"),
        (some("PUT, PATCH"), some("*"))
    );
    assert_eq!(allows("/any", APP, "PUT"), (some("PUT, PATCH"), some("*")));
    // `GET` is safelisted: a browser never needs it listed.
    assert_eq!(allows("/any", APP, "GET"), (some("PUT, PATCH"), some("*")));
}

#[test]
fn one_handler_on_two_paths_lists_each_paths_methods() {
    assert_eq!(allows("/split/a", APP, "PUT"), (some("PUT"), some(APP)));
    assert_eq!(
        allows("/split/b", APP, "PATCH"),
        (some("DELETE, PATCH"), some(APP))
    );
    let (status, _) = preflight("/split/a", "localhost", APP, "DELETE");
    assert_eq!(status, 404, "no handler serves DELETE on /split/a");
}

#[test]
fn the_manual_form_narrows_and_the_control_shows_what_it_removes() {
    assert_eq!(allows("/manual", APP, "PUT"), (some("PUT"), some(APP)));
    assert_eq!(allows("/manual-new", APP, "PUT"), (some("PUT"), some(APP)));
    // A preflight for a method the resource does not take is not its to answer.
    let (status, _) = preflight("/manual", "localhost", APP, "DELETE");
    assert_eq!(status, 404);
    // Without narrowing, the answer for `PUT` covers `DELETE` in the browser's cache.
    assert_eq!(
        allows("/control", APP, "PUT"),
        (some("PUT, DELETE"), some(APP))
    );
}

#[test]
fn handlers_told_apart_by_a_guard_each_answer_their_own_preflights() {
    let answered = |host: &str, origin: &str| {
        let (status, headers) = preflight("/hosted", host, origin, "PUT");
        assert_eq!(status, 204, "{host} {origin}: {headers:?}");
        headers.contains(&format!("access-control-allow-origin: {origin}"))
    };
    assert!(answered("a.test", APP));
    assert!(!answered("a.test", PARTNER));
    // Host b's preflight is `hosted_b`'s, not that of `hosted_a`, registered first.
    assert!(answered("b.test", PARTNER));
    assert!(!answered("b.test", APP));
    // The actual requests still go by their guards.
    let (status, headers) = exchange(
        "PUT",
        "/hosted",
        "b.test",
        &["origin: https://partner.example.net"],
    );
    assert_eq!(status, 200);
    assert!(headers.contains(&format!("access-control-allow-origin: {PARTNER}")));
}

#[test]
fn a_guard_the_preflight_cannot_pass_refuses_it() {
    // The preflight names `x-api-key` but does not carry it: the guard refuses it, and
    // no handler's policy answers (closed: the browser does not send the request).
    let (status, headers) = exchange(
        "OPTIONS",
        "/keyed",
        "localhost",
        &[
            "origin: https://app.example.com",
            "access-control-request-method: PUT",
            "access-control-request-headers: x-api-key",
        ],
    );
    assert_eq!((status, headers), (404, vec![]));
    let (status, headers) = exchange(
        "PUT",
        "/keyed",
        "localhost",
        &["origin: https://app.example.com", "x-api-key: k"],
    );
    assert_eq!(status, 200);
    assert!(headers.contains(&format!("access-control-allow-origin: {APP}")));
}
