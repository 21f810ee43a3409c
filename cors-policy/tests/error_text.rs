//! A `PolicyError` is logged as text, and its values come from configuration: a value
//! must never be able to forge a line, move the terminal cursor or close the quotes it
//! is shown in (issue 9, hole 8). Every user-supplied value is quoted and escaped.

use typed_cors::Policy;

fn error_text(origins: &[&str]) -> String {
    Policy::builder()
        .origins(origins)
        .build()
        .unwrap_err()
        .to_string()
}

/// One line of heading and one line per problem, whatever the values hold.
fn assert_lines(text: &str, problems: usize) {
    assert_eq!(text.lines().count(), 1 + problems, "{text}");
    for line in text.lines().skip(1) {
        assert!(line.starts_with("- `origins` entry "), "{text}");
    }
}

#[test]
fn a_newline_cannot_forge_a_problem_line() {
    let text = error_text(&["app.example.com\n- `origins` entry 9: all is fine"]);
    assert_lines(&text, 1);
    assert!(text.contains(r"app.example.com\n- "), "{text}");
}

#[test]
fn terminal_escapes_are_shown_not_sent() {
    let text = error_text(&["ftp://\u{1b}[2K\u{1b}[1Aevil.example", "\u{7}app.example"]);
    assert_lines(&text, 2);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains(r"\u{1b}[2K"), "{text}");
    assert!(text.contains(r"\u{7}app.example"), "{text}");
}

#[test]
fn backticks_and_backslashes_cannot_close_the_quotes() {
    let text = error_text(&["app.example.com`; write `evil.example\\"]);
    assert_lines(&text, 1);
    assert!(
        text.contains(r"write `https://app.example.com\`; write \`evil.example\\`"),
        "{text}"
    );
}

#[test]
fn non_ascii_is_shown_as_code_points() {
    // A right-to-left override would reorder what the reader sees.
    let text = error_text(&["gopher://caf\u{e9}.example\u{202e}moc"]);
    assert_lines(&text, 1);
    assert!(text.is_ascii(), "{text}");
    assert!(text.contains(r"caf\u{e9}.example\u{202e}moc"), "{text}");
}
