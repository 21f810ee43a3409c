//! Exact origins against the WHATWG URL parser of the `url` crate (issue 9, item 10).
//!
//! `check_origin(s)` accepts `s` as an exact origin if and only if `s` is an `http(s)`
//! URL whose origin serializes to `s` itself, except for two documented refusals:
//! hosts with an empty label or a trailing dot, which round-trip through the parser but
//! which we refuse (README, "The rules", 4).
//!
//! `check_origin` parses with `url` too, so this is not a second opinion on parsing. It
//! tests everything around that call: the pre-checks on the raw text (splitting at
//! `://`, wildcards, paths, userinfo, default ports, case, labels), which must never
//! refuse a serialized origin, and that nothing else is ever accepted. The generator
//! builds the strings from attack shapes, so both directions are exercised often.
//!
//! Cases: 100,000 per run (about 10 s in debug on 2 cores); a long run:
//! `PROPTEST_CASES=10000000 cargo test -p typed-cors-rules --test origin_oracle`.

use proptest::prelude::*;
use typed_cors_rules::{AllowedOrigin, check_origin};
use url::Url;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?",
        "[a-zA-Z0-9_-]{0,6}",
        Just("xn--mnchen-3ya".to_owned()),
        Just("münchen".to_owned()),
        Just("xn--".to_owned()),
        Just("%2e".to_owned()),
        Just("a%41".to_owned()),
        Just("ＡＢ".to_owned()),
        Just("localhost".to_owned()),
        Just("*".to_owned()),
    ]
}

fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (prop::collection::vec(label(), 1..4), any::<bool>())
            .prop_map(|(labels, dot)| labels.join(".") + if dot { "." } else { "" }),
        1 => prop::sample::select(vec![
            "127.0.0.1", "0x7f.1", "127.1", "2130706433", "0177.0.0.1", "1.2.3.4",
            "256.1.1.1", "1.2.3", "[::1]", "[0:0::1]", "[::FFFF:1.2.3.4]", "[::ffff:102:304]",
            "[2001:db8::1]", "[2001:DB8::1]", "[::1", "example.com..", ".example.com",
            "a..b.com", "EXAMPLE.com", "ex ample.com", "ex\\ample.com", "",
        ]).prop_map(str::to_owned),
    ]
}

/// `scheme sep [userinfo] host [port] [tail]`, or one of the special values, with a tab,
/// newline or space sometimes inserted (the URL parser strips tabs and newlines).
fn origin_text() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "https",
        "http",
        "HTTPS",
        "Http",
        "ftp",
        "ws",
        "file",
        "blob:https",
        "",
    ]);
    let sep = prop::sample::select(vec!["://", "://", "://", ":/", ":", ":///", ":\\\\"]);
    let userinfo = prop::sample::select(vec!["", "", "", "user@", "u:p@", "@"]);
    let port = prop::sample::select(vec![
        "", "", "", ":443", ":80", ":8080", ":0", ":65535", ":65536", ":", ":08080", ":x",
    ]);
    let tail = prop::sample::select(vec![
        "", "", "", "", "/", "/path", "?q", "#f", "\\", "\\path", "%2f",
    ]);
    let built = (scheme, sep, userinfo, host(), port, tail)
        .prop_map(|(a, b, c, d, e, f)| format!("{a}{b}{c}{d}{e}{f}"));
    let inserted = (
        built,
        prop::option::of((
            any::<prop::sample::Index>(),
            prop::sample::select(vec!['\t', '\n', ' ', '\r']),
        )),
    )
        .prop_map(|(mut text, insert)| {
            if let Some((at, c)) = insert {
                let chars: Vec<char> = text.chars().collect();
                let at = at.index(chars.len() + 1);
                text = chars[..at].iter().chain([&c]).chain(&chars[at..]).collect();
            }
            text
        });
    prop_oneof![
        20 => inserted,
        1 => prop::sample::select(vec!["null", "NULL", "*", ""]).prop_map(str::to_owned),
    ]
}

/// The oracle: an http(s) URL whose origin serializes to the text itself.
fn is_serialized_origin(text: &str) -> bool {
    Url::parse(text).is_ok_and(|url| {
        matches!(url.scheme(), "http" | "https") && url.origin().ascii_serialization() == text
    })
}

/// The documented refusals: an empty label or a trailing dot in the host.
fn has_empty_label(text: &str) -> bool {
    let Some(host) = Url::parse(text)
        .ok()
        .and_then(|u| u.host_str().map(str::to_owned))
    else {
        return false;
    };
    !host.starts_with('[') && host.split('.').any(str::is_empty)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn exact_origins_are_exactly_the_serialized_ones(text in origin_text()) {
        let verdict = check_origin(&text);
        // `*` is a valid host code point for the URL parser, but ours for patterns.
        if text.contains('*') {
            prop_assert!(!matches!(verdict, Ok(AllowedOrigin::Exact(_))), "{text:?}: {verdict:?}");
            return Ok(());
        }
        let expected = is_serialized_origin(&text) && !has_empty_label(&text);
        match &verdict {
            Ok(AllowedOrigin::Exact(origin)) => {
                prop_assert!(expected, "{text:?} accepted, but the URL parser disagrees");
                prop_assert_eq!(origin, &text);
            }
            Ok(other) => prop_assert!(false, "{text:?} accepted as {other:?}"),
            Err(problem) => {
                prop_assert!(!expected, "{text:?} refused: {problem}");
                // Messages are one line of printable ASCII, whatever the input.
                let message = problem.to_string();
                prop_assert!(message.bytes().all(|b| (b' '..=b'~').contains(&b)), "{message:?}");
            }
        }
    }
}
