//! User-supplied values inside messages, shown so that they cannot forge anything.
//!
//! `PolicyError` is logged, and its values may come from a configuration file: a raw
//! newline would forge a "problem" line, a terminal escape could rewrite the screen, a
//! backtick would close the quotes a value is shown in, and a right-to-left override
//! would reorder what the reader sees (issue 9, hole 8). So every value a message
//! repeats goes through [`Escaped`], which keeps printable ASCII and writes everything
//! else as an escape.

use std::fmt;

/// Displays a user-supplied value with backslashes, backticks, control characters and
/// non-ASCII characters escaped (`\\`, `` \` ``, `\n`, `\r`, `\t`, `\u{1b}`, `\u{e9}`),
/// so the text is one line of printable ASCII that ends where the value ends.
#[derive(Clone, Copy, Debug)]
pub struct Escaped<'a>(pub &'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '\\' => f.write_str("\\\\")?,
                '`' => f.write_str("\\`")?,
                '\n' => f.write_str("\\n")?,
                '\r' => f.write_str("\\r")?,
                '\t' => f.write_str("\\t")?,
                ' '..='~' => fmt::Write::write_char(f, c)?,
                _ => write!(f, "\\u{{{:x}}}", c as u32)?,
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_printable_ascii_passes_unchanged() {
        let shown = |s: &str| Escaped(s).to_string();
        assert_eq!(
            shown("https://app.example.com:8443"),
            "https://app.example.com:8443"
        );
        assert_eq!(shown("a\nb\r\tc"), "a\\nb\\r\\tc");
        assert_eq!(shown("\u{1b}[2K\u{7}\u{7f}"), "\\u{1b}[2K\\u{7}\\u{7f}");
        assert_eq!(shown("`\\"), "\\`\\\\");
        assert_eq!(shown("café\u{202e}"), "caf\\u{e9}\\u{202e}");
        // Every output is one line of printable ASCII, whatever the input.
        let all: String = (0..0x300u32).filter_map(char::from_u32).collect();
        assert!(shown(&all).bytes().all(|b| (b' '..=b'~').contains(&b)));
    }
}
