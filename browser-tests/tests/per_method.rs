//! Chromium judges one path with three handlers and three policies (issue 11), and the
//! preflight cache across them. See `browser_tests::per_method`.

use std::time::Duration;

use browser_tests::chromium::{self, Browser, Launch};
use browser_tests::harness::Servers;
use browser_tests::on_both_servers;
use examples::Server;
use examples::log::Seen;
use serde_json::Value;

const REPORT_LIMIT: Duration = Duration::from_secs(90);

/// The API's log for one case: (preflights, actual requests).
fn seen(servers: &Servers, case: &str) -> (Vec<Seen>, Vec<Seen>) {
    servers
        .log
        .for_case(case)
        .into_iter()
        .partition(Seen::is_preflight)
}

fn asked(preflights: &[Seen]) -> Vec<&str> {
    preflights
        .iter()
        .filter_map(|p| p.request_method.as_deref())
        .collect()
}

fn sent(actual: &[Seen]) -> Vec<(&str, bool)> {
    actual
        .iter()
        .map(|s| (s.method.as_str(), s.handler_called))
        .collect()
}

on_both_servers!(chromium_routes_each_methods_preflight_to_its_own_policy);

async fn chromium_routes_each_methods_preflight_to_its_own_policy(server: Server) {
    let Some(chromium) = chromium::find_or_skip() else {
        return;
    };
    let mut servers = Servers::start(server).await.expect("bind loopback ports");
    let mut browser = Browser::start(
        &chromium,
        &Launch {
            url: format!("{}/per-method", examples::PAGE_ORIGIN),
            host_rules: servers.host_rules(),
            ..Launch::default()
        },
    )
    .expect("start chromium");
    let report = browser.report(&mut servers.reports, REPORT_LIMIT).await;
    browser.stop().await;
    let report: Value =
        serde_json::from_str(&report.unwrap_or_else(|e| panic!("{e}"))).expect("report is JSON");
    let results = &report["results"];
    let outcome = |case: &str| {
        results[case]["outcome"]
            .as_str()
            .unwrap_or("missing")
            .to_owned()
    };
    let mut failures = Vec::new();
    let mut check = |case: &str, ok: bool, what: String| {
        if !ok {
            failures.push(format!("{case}: {what}"));
        }
    };

    // Each method's request, allowed or blocked as its own handler's policy says.
    for (case, expected) in [
        ("pm-get", "allowed"),
        ("pm-get-credentialed", "blocked"), // `*` never admits credentials
        ("pm-put", "allowed"),
        ("pm-delete", "blocked"),
        ("pm-patch", "blocked"),
        ("pm-cache-put-then-delete", "blocked"),
        ("one-policy-cache-put-then-delete", "allowed"),
        ("pm-get-from-partner", "allowed"),
        ("pm-put-from-partner", "blocked"),
        ("pm-delete-from-partner", "allowed"),
        ("pmm-put", "allowed"),
        ("pmm-cache-put-then-delete", "blocked"),
        ("pmm-delete-from-partner", "allowed"),
        ("pmb-cache-put-then-delete", "blocked"),
        ("pmbm-cache-put-then-delete", "blocked"),
        ("pm-cache-put-then-get-with-header", "blocked"),
        ("pmm-cache-put-then-get-with-header", "blocked"),
    ] {
        let got = outcome(case);
        check(
            case,
            got == expected,
            format!("Chromium said {got}, the policy intends {expected}"),
        );
    }

    // Preflights: asked for the right method, answered without a handler; refused ones
    // stop the request before it is sent.
    for (case, methods, actual) in [
        ("pm-put", vec!["PUT"], vec![("PUT", true)]),
        ("pm-put-from-partner", vec!["PUT"], vec![]),
        ("pm-delete", vec!["DELETE"], vec![]),
        ("pm-patch", vec!["PATCH"], vec![]),
        (
            "pm-delete-from-partner",
            vec!["DELETE"],
            vec![("DELETE", true)],
        ),
        ("pmm-put", vec!["PUT"], vec![("PUT", true)]),
        (
            "pmm-delete-from-partner",
            vec!["DELETE"],
            vec![("DELETE", true)],
        ),
    ] {
        let (preflights, sent_requests) = seen(&servers, case);
        check(
            case,
            asked(&preflights) == methods && preflights.iter().all(|p| !p.handler_called),
            format!("preflights {preflights:?}"),
        );
        check(
            case,
            sent(&sent_requests) == actual,
            format!("actual {sent_requests:?}"),
        );
    }
    // `PUT`'s policy lists `DELETE` too; its answer lists `PUT` alone, on every form.
    // It also allows `content-type`, and the path's `GET` handler has another policy, so
    // the answer says `Max-Age: 0` on both servers: a cached answer's header names would
    // let a `GET`/`HEAD`/`POST` skip its own preflight (the cases below).
    for case in ["pm-put", "pmm-put"] {
        let (preflights, _) = seen(&servers, case);
        check(
            case,
            preflights.first().is_some_and(|p| {
                p.response_header("access-control-allow-methods") == ["PUT"]
                    && p.response_header("access-control-max-age") == ["0"]
            }),
            format!(
                "PUT's answer lists only PUT (its policy lists DELETE too), uncached: {preflights:?}"
            ),
        );
    }

    // The preflight cache. Control, one policy for the path: PUT's cached answer lists
    // DELETE, so Chromium sends the DELETE without asking, and the DELETE handler (meant
    // for the partner only) runs for the page.
    let (preflights, actual) = seen(&servers, "one-policy-cache-put-then-delete");
    check(
        "one-policy-cache-put-then-delete",
        asked(&preflights) == ["PUT"] && sent(&actual) == [("PUT", true), ("DELETE", true)],
        format!("one OPTIONS (PUT) covers the DELETE: {preflights:?} {actual:?}"),
    );
    // Per-method (on actix-web, a resource per method and the route-macro form): the
    // DELETE is preflighted on its own, refused by DELETE's policy, and never sent. Here
    // PUT's answer is uncached anyway (above); the bare paths below show the narrowing.
    for case in ["pm-cache-put-then-delete", "pmm-cache-put-then-delete"] {
        let (preflights, actual) = seen(&servers, case);
        check(
            case,
            asked(&preflights) == ["PUT", "DELETE"] && sent(&actual) == [("PUT", true)],
            format!("the DELETE asks for itself and is refused: {preflights:?} {actual:?}"),
        );
        check(
            case,
            results[case]["first"] == "allowed",
            "the PUT was allowed".to_owned(),
        );
    }

    // The narrowing alone: PUT's policy allows no request header, so its answer (listing
    // PUT only, though the policy lists DELETE) is cached 600 s, and the second PUT asks
    // nothing. Chromium checks the cached methods per method: the DELETE still asks for
    // itself, is refused by DELETE's policy, and is never sent.
    for case in ["pmb-cache-put-then-delete", "pmbm-cache-put-then-delete"] {
        let (preflights, actual) = seen(&servers, case);
        check(
            case,
            preflights.first().is_some_and(|p| {
                p.response_header("access-control-allow-methods") == ["PUT"]
                    && p.response_header("access-control-max-age") == ["600"]
            }),
            format!("PUT's answer lists only PUT, cached: {preflights:?}"),
        );
        check(
            case,
            asked(&preflights) == ["PUT", "DELETE"]
                && sent(&actual) == [("PUT", true), ("PUT", true)],
            format!(
                "one OPTIONS for both PUTs, the DELETE asks and is refused: {preflights:?} {actual:?}"
            ),
        );
        check(
            case,
            results[case]["first"] == "allowed" && results[case]["second"] == "allowed",
            "both PUTs were allowed".to_owned(),
        );
    }

    // The header names of PUT's answer (`content-type`) are not cached for the GET: it
    // asks for itself, GET's policy (no request headers) refuses, and it is never sent.
    // Cached, Chromium sent the GET at once and its handler ran (actix-web before the
    // sibling registry, `typed_cors::actix` `siblings.rs`).
    for case in [
        "pm-cache-put-then-get-with-header",
        "pmm-cache-put-then-get-with-header",
    ] {
        let (preflights, actual) = seen(&servers, case);
        check(
            case,
            asked(&preflights) == ["PUT", "GET"] && sent(&actual) == [("PUT", true)],
            format!("the GET with content-type asks for itself: {preflights:?} {actual:?}"),
        );
        check(
            case,
            results[case]["first"] == "allowed",
            "the PUT was allowed".to_owned(),
        );
    }

    assert!(
        failures.is_empty(),
        "{} failed expectation(s) ({server}):\n  {}\nreport: {results:#}",
        failures.len(),
        failures.join("\n  ")
    );
}
