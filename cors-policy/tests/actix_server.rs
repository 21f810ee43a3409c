//! The actix middleware over TCP: a real `HttpServer` on loopback, raw HTTP/1.1 requests,
//! so that what actix's dispatcher sends (an inner error turned into a response there,
//! after the middleware returned) is what is checked.

mod actix_support;
mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;

use actix_web::dev::ServiceResponse;
use actix_web::{App, Error, HttpResponse, HttpServer, error, web};
use typed_cors::Policy;
use typed_cors::actix::CorsMiddleware;

fn policy() -> Policy {
    Policy::builder()
        .origins(["https://app.example.com"])
        .credentials()
        .methods(["PUT"])
        .max_age(600)
        .build()
        .unwrap()
}

/// Serves `/p` (a handler), `/inner-error` (an inner middleware's error) and nothing
/// else, on a loopback port, until the test process ends.
fn serve() -> SocketAddr {
    let (sent, address) = mpsc::channel();
    std::thread::spawn(move || {
        actix_support::run(async move {
            let server = HttpServer::new(|| {
                App::new()
                    .service(
                        web::scope("/inner-error")
                            .wrap_fn(|_request, _service| async {
                                Err::<ServiceResponse, Error>(error::ErrorBadGateway("inner"))
                            })
                            .wrap(CorsMiddleware::new(policy()))
                            .route("", web::get().to(HttpResponse::Ok)),
                    )
                    .service(
                        web::resource("/p")
                            .wrap(CorsMiddleware::new(policy()))
                            .to(|| async { HttpResponse::Ok().body("handler body") }),
                    )
            })
            .workers(1)
            .bind(("127.0.0.1", 0))
            .unwrap();
            sent.send(server.addrs()[0]).unwrap();
            server.run().await.unwrap();
        });
    });
    address.recv().unwrap()
}

/// Sends one request (`lines` are its header lines) and returns the status line and
/// the header lines, lowercase names.
fn exchange(
    address: SocketAddr,
    method: &str,
    path: &str,
    lines: &[&str],
) -> (String, Vec<String>) {
    let mut stream = TcpStream::connect(address).unwrap();
    let mut request =
        format!("{method} {path} HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n");
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
    let status = lines.next().unwrap().to_owned();
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

#[test]
fn over_tcp_preflights_actual_requests_and_inner_errors_are_answered_as_the_layer_does() {
    let address = serve();
    let origin = "origin: https://app.example.com";
    let (status, headers) = exchange(
        address,
        "OPTIONS",
        "/p",
        &[origin, "access-control-request-method: PUT"],
    );
    assert_eq!(status, "HTTP/1.1 204 No Content");
    assert_eq!(
        headers,
        [
            "access-control-allow-credentials: true",
            "access-control-allow-methods: PUT",
            "access-control-allow-origin: https://app.example.com",
            "access-control-max-age: 600",
            "vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        ]
    );
    let allowed = [
        "access-control-allow-credentials: true",
        "access-control-allow-origin: https://app.example.com",
        "vary: Origin",
    ];
    let (status, headers) = exchange(address, "GET", "/p", &[origin]);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(headers, allowed);
    let (status, headers) = exchange(address, "GET", "/inner-error", &[origin]);
    assert_eq!(status, "HTTP/1.1 502 Bad Gateway");
    assert_eq!(headers, allowed);
    let (status, headers) = exchange(address, "GET", "/p", &["origin: https://evil.example.net"]);
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert_eq!(headers, ["vary: Origin"]);
}
