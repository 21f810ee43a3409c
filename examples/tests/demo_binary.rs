//! The README's main-job command, `cargo run -p examples --bin demo`, started for real,
//! and with `--actix`: it prints both URLs, serves the page, and its API answers CORS
//! requests, on the framework asked for. (What a browser makes of the page is judged by
//! the `browser-tests` crate, on both.)

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::Duration;

/// Kills the demo (our own child, by its handle) when the test ends, pass or fail.
struct Demo(Child);

impl Drop for Demo {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Sends one HTTP/1.1 request and returns the whole response as text.
fn http(base: &str, request_lines: &[&str]) -> String {
    let authority = base.strip_prefix("http://").expect("http URL");
    let mut stream = TcpStream::connect(authority).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let mut request = request_lines.join("\r\n");
    request.push_str(&format!(
        "\r\nHost: {authority}\r\nConnection: close\r\n\r\n"
    ));
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}

/// The demo's output, line by line as it comes. It ends when no line comes for 30 s, so
/// that a test waiting for a line the demo never prints fails instead of hanging.
fn output_lines(stdout: ChildStdout) -> impl Iterator<Item = String> {
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    std::iter::from_fn(move || receiver.recv_timeout(Duration::from_secs(30)).ok())
}

#[test]
fn demo_prints_both_urls_and_serves_page_and_api() {
    demo_serves(&[], "axum");
}

#[test]
fn demo_serves_the_api_on_actix_with_the_flag() {
    demo_serves(&["--actix"], "actix-web");
}

/// Starts the demo with `flags`, and checks that it serves the page and an API that
/// answers as the policies say, on `server`.
fn demo_serves(flags: &[&str], server: &str) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_demo"))
        .args(flags)
        .args(["--api-port", "0", "--page-port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start the demo");
    let stdout = child.stdout.take().expect("stdout");
    let _demo = Demo(child);
    let mut lines = output_lines(stdout);
    let mut url_after = |label: &str| -> String {
        let line = lines
            .by_ref()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("the demo printed no `{label}` line"));
        let rest = line.trim_start()[label.len()..].trim();
        let (url, more) = rest.split_once(' ').unwrap_or((rest, ""));
        format!("{} {}", url.trim_end_matches('/'), more.trim())
            .trim()
            .to_owned()
    };
    let api = url_after("API:");
    assert!(
        api.ends_with(&format!("(served by {server})")),
        "the demo names its server: {api}"
    );
    let api = api.split_whitespace().next().expect("the URL").to_owned();
    let page = url_after("page:");
    let page = page.split_whitespace().next().expect("the URL").to_owned();
    for url in [&api, &page] {
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "loopback by default: {url}"
        );
        assert!(!url.ends_with(":0"), "the bound port is printed: {url}");
    }

    let html = http(&page, &["GET / HTTP/1.1"]);
    assert!(html.starts_with("HTTP/1.1 200"), "{html}");
    assert!(
        html.contains(&format!("const API = \"{api}\"")),
        "the page calls this API"
    );
    assert!(
        html.contains(&format!("<strong id=\"server\">{server}</strong>")),
        "the page names the API's server"
    );

    let preflight = http(
        &api,
        &[
            "OPTIONS /items/1 HTTP/1.1",
            &format!("Origin: {}", examples::PAGE_ORIGIN),
            "Access-Control-Request-Method: PUT",
            "Access-Control-Request-Headers: content-type,x-demo-token",
        ],
    )
    .to_ascii_lowercase();
    assert!(preflight.starts_with("http/1.1 204"), "{preflight}");
    assert!(
        preflight.contains(&format!(
            "access-control-allow-origin: {}",
            examples::PAGE_ORIGIN
        )),
        "{preflight}"
    );
    assert!(
        preflight.contains("access-control-max-age: 600"),
        "{preflight}"
    );

    let foreign = http(
        &api,
        &["GET /session HTTP/1.1", "Origin: http://127.0.0.1:9"],
    )
    .to_ascii_lowercase();
    assert!(foreign.starts_with("http/1.1 200"), "{foreign}");
    assert!(
        !foreign.contains("access-control-allow-origin"),
        "{foreign}"
    );
    assert!(foreign.contains("vary: origin"), "{foreign}");
    // The terminal says why (issue 10, item 5); the response itself never does.
    assert!(!foreign.contains("not allowed"), "{foreign}");
    let why = lines
        .by_ref()
        .find(|l| l.trim_start().starts_with("why:"))
        .expect("the demo printed why it refused the foreign origin");
    assert_eq!(
        why.trim(),
        format!(
            "why: refused: origin \"http://127.0.0.1:9\" is not allowed (allowed: \"{}\")",
            examples::PAGE_ORIGIN
        )
    );

    // `/report` (review D1): any web site can make a browser POST plain text there
    // without a preflight; what the demo takes, it prints. A report from another origin
    // is refused and never printed; the page's own is printed with its strings escaped.
    let forged = r#"{"origin":"evil","results":[{"call":"\u001b]0;owned\u0007"}]}"#;
    let refused = post(&page, "https://evil.example", forged);
    assert!(refused.starts_with("HTTP/1.1 403"), "{refused}");
    let own = r#"{"origin":"\u202eA","results":[{"call":"\u001b[2J","tag":"none"}]}"#;
    let taken = post(&page, &page, own);
    assert!(taken.starts_with("HTTP/1.1 200"), "{taken}");
    let printed: Vec<String> = lines
        .by_ref()
        .take_while(|l| !l.contains("\\u{1b}[2J"))
        .collect();
    let verdicts = printed
        .iter()
        .position(|l| l.starts_with("page  verdicts"))
        .expect("the page's own report is printed");
    assert_eq!(
        printed[verdicts],
        "page  verdicts of the browser at \\u{202e}A:"
    );
    assert!(
        !printed
            .iter()
            .any(|l| l.contains("evil") || l.contains("owned")),
        "a refused report is not printed: {printed:?}"
    );
}

/// POSTs `body` to `base`'s `/report` as a page at `origin` would (a plain-text POST,
/// which no preflight guards), and returns the whole response.
fn post(base: &str, origin: &str, body: &str) -> String {
    let authority = base.strip_prefix("http://").expect("http URL");
    let mut stream = TcpStream::connect(authority).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let request = format!(
        "POST /report HTTP/1.1\r\nHost: {authority}\r\nOrigin: {origin}\r\n\
         Content-Type: text/plain;charset=UTF-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response
}
