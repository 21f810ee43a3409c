//! The page's report as the demo prints it: the browser's verdict on each call, and the
//! server's own explanation of it.

use std::collections::BTreeMap;

use typed_cors_rules::Escaped;

/// The lines the demo prints for `report` (the JSON text the page POSTs to `/report`).
/// `explanations` is the server's record of each call, by its tag
/// ([`crate::log::RequestLog::explanations`]).
///
/// Every string from the page is escaped: the page's text could hold a terminal escape,
/// a bidi override or a newline that forges a line. The `server:` line is the server's
/// own record, never the page's copy of it.
pub fn lines(report: &str, explanations: &BTreeMap<String, String>) -> Vec<String> {
    let Ok(report) = serde_json::from_str::<serde_json::Value>(report) else {
        return vec![format!("page  unreadable report: {}", Escaped(report))];
    };
    let origin = Escaped(report["origin"].as_str().unwrap_or("?"));
    let mut lines = vec![format!("page  verdicts of the browser at {origin}:")];
    for result in report["results"].as_array().into_iter().flatten() {
        let raw = |key: &str| result[key].as_str().unwrap_or("?");
        // Escaped first, padded after: `Escaped` ignores the width.
        let text = |key: &str| Escaped(raw(key)).to_string();
        let mark = if raw("outcome") == raw("expect") {
            "as intended"
        } else {
            "NOT AS INTENDED"
        };
        let status = match &result["status"] {
            serde_json::Value::Number(n) => n.to_string(),
            _ => "-".to_owned(),
        };
        lines.push(format!(
            "page    {:<36} {:<32} {:<8} {status:<4} {mark}",
            text("call"),
            text("via"),
            text("outcome"),
        ));
        // The page's `tag` only picks the record; the text printed is the server's
        // (already escaped where it quotes the request).
        if let Some(reason) = result["tag"].as_str().and_then(|tag| explanations.get(tag)) {
            lines.push(format!("          server: {reason}"));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A report as the page sends it, with `value` in every string it holds, and the
    /// server's record of the one call.
    fn printed(value: &str) -> Vec<String> {
        let report = serde_json::json!({
            "page": "demo",
            "origin": value,
            "results": [{
                "call": value, "via": value, "outcome": value, "expect": "allowed",
                "tag": "demo0", "status": 200, "reason": value,
            }],
        });
        let record = BTreeMap::from([("demo0".to_owned(), "allowed: origin is listed".to_owned())]);
        lines(&report.to_string(), &record)
    }

    /// A terminal escape (an OSC, as a hostile report would send), a right-to-left
    /// override, a C1 control and a newline, each with how it must be shown.
    const HOSTILE: [(&str, &str); 4] = [
        ("\u{1b}]0;owned\u{7}", "\\u{1b}]0;owned\\u{7}"),
        ("a\u{202e}b", "a\\u{202e}b"),
        ("\u{9b}31m", "\\u{9b}31m"),
        ("x\nserver: forged", "x\\nserver: forged"),
    ];

    fn printable(line: &str) -> bool {
        line.bytes().all(|b| (b' '..=b'~').contains(&b))
    }

    #[test]
    fn every_string_from_the_page_is_escaped() {
        for (raw, escaped) in HOSTILE {
            let lines = printed(raw);
            assert_eq!(lines.len(), 3, "{lines:?}");
            assert!(lines.iter().all(|l| printable(l)), "{lines:?}");
            // The origin, then the call, the via and the outcome.
            assert!(lines[0].contains(escaped), "{lines:?}");
            assert_eq!(lines[1].matches(escaped).count(), 3, "{lines:?}");
        }
    }

    #[test]
    fn the_server_line_is_the_servers_record_not_the_pages_claim() {
        let shown = printed("refused: the page says so");
        assert_eq!(shown[2], "          server: allowed: origin is listed");
        // A call the server has no record of gets no server line.
        let report = r#"{"results":[{"call":"GET /x","tag":"demo9","reason":"forged"}]}"#;
        let shown = lines(report, &BTreeMap::new());
        assert!(!shown.iter().any(|l| l.contains("forged")), "{shown:?}");
    }

    #[test]
    fn an_unreadable_report_is_shown_escaped() {
        for (raw, escaped) in HOSTILE {
            let lines = lines(raw, &BTreeMap::new());
            assert_eq!(lines.len(), 1, "{lines:?}");
            assert!(
                printable(&lines[0]) && lines[0].contains(escaped),
                "{lines:?}"
            );
        }
    }
}
