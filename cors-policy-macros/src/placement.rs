//! Whether a `#[cors]` function sits in an `impl` or `trait` block, where the struct the
//! macro declares beside it cannot go (issue 12).
//!
//! An attribute macro sees only its item, so the function's own tokens decide first: a
//! receiver, or `Self` in the signature, exists only there. An associated function
//! without either looks exactly like a free one; for it the macro reads the source file
//! behind the function's span (stable since Rust 1.88) and looks at the block around it.
//! That costs a file read, so it runs only for an indented attribute (a free handler at
//! the top of a module starts at column 1). Any doubt (no file, a span inside a macro
//! definition, unusual syntax) answers "free function": the struct is then emitted and,
//! if the guess was wrong, rustc reports it as before.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{FnArg, ItemFn};

/// Whether `handler` is an associated function of an `impl` or `trait` block.
pub(crate) fn in_impl_or_trait(handler: &ItemFn, attr: Span) -> bool {
    has_receiver(handler)
        || mentions_self(handler.sig.to_token_stream())
        || source_block_is_impl(attr)
}

fn has_receiver(handler: &ItemFn) -> bool {
    handler
        .sig
        .inputs
        .iter()
        .any(|arg| matches!(arg, FnArg::Receiver(_)))
}

/// `Self` names a type only inside an `impl` or `trait`; a free function's signature
/// cannot mention it. (Its body can, in a nested item, so only the signature counts.)
fn mentions_self(tokens: TokenStream) -> bool {
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => ident == "Self",
        TokenTree::Group(group) => mentions_self(group.stream()),
        _ => false,
    })
}

/// Reads the file behind `attr` and scans the source before it.
fn source_block_is_impl(attr: Span) -> bool {
    if !proc_macro::is_available() {
        return false;
    }
    let span = attr.unwrap();
    if span.column() <= 1 {
        return false;
    }
    let Some(path) = span.local_file() else {
        return false;
    };
    let Ok(source) = std::fs::read_to_string(path) else {
        return false;
    };
    // `line` and `column` are stable where `byte_range` is not; both count from 1.
    offset_of(&source, span.line(), span.column())
        .is_some_and(|at| innermost_block_is_impl(&source, at))
}

/// The byte offset of a 1-based line and character column.
fn offset_of(source: &str, line: usize, column: usize) -> Option<usize> {
    let line_start = if line <= 1 {
        0
    } else {
        source.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let in_line = source[line_start..]
        .char_indices()
        .nth(column.checked_sub(1)?)?
        .0;
    Some(line_start + in_line)
}

/// Words that may precede `impl`, `trait` or `fn` in an item's head.
const MODIFIERS: [&str; 5] = ["pub", "unsafe", "default", "auto", "async"];

/// Whether the innermost `{ ... }` still open at byte `at` of `source` is the body of an
/// `impl` or `trait` item. A small lexer: it skips comments, strings, raw strings and
/// character literals, and takes the first word of each item or statement (after its
/// attributes, visibility and modifiers) as the head of the block it opens.
pub(crate) fn innermost_block_is_impl(source: &str, at: usize) -> bool {
    let bytes = source.as_bytes();
    let end = at.min(bytes.len());
    // For each open `{`: whether it is an impl or trait body, and the `(`/`[` depth
    // around it, restored when it closes.
    let mut blocks: Vec<(bool, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut head: Option<&str> = None;
    let mut i = 0;
    while i < end {
        let c = bytes[i];
        i = match c {
            b'/' if bytes.get(i + 1) == Some(&b'/') => skip_line(bytes, i),
            b'/' if bytes.get(i + 1) == Some(&b'*') => skip_block_comment(bytes, i),
            b'"' => skip_string(bytes, i + 1),
            b'\'' => skip_char_or_lifetime(bytes, i),
            b'(' | b'[' => {
                depth += 1;
                i + 1
            }
            b')' | b']' => {
                depth = depth.saturating_sub(1);
                i + 1
            }
            b'{' => {
                blocks.push((matches!(head, Some("impl" | "trait")), depth));
                (depth, head) = (0, None);
                i + 1
            }
            b'}' => {
                let Some((_, outer)) = blocks.pop() else {
                    return false;
                };
                (depth, head) = (outer, None);
                i + 1
            }
            b';' if depth == 0 => {
                head = None;
                i + 1
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let word_end = word_end(bytes, i);
                let word = &source[i..word_end];
                if let Some(after) = skip_raw_string(bytes, word, word_end) {
                    after
                } else {
                    if depth == 0 && head.is_none() && !MODIFIERS.contains(&word) {
                        head = Some(word);
                    }
                    word_end
                }
            }
            _ => i + 1,
        };
    }
    blocks.last().is_some_and(|&(is_impl, _)| is_impl)
}

fn word_end(bytes: &[u8], start: usize) -> usize {
    let mut i = start;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
        i += 1;
    }
    i
}

fn skip_line(bytes: &[u8], start: usize) -> usize {
    bytes[start..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| start + n + 1)
}

/// Block comments nest in Rust.
fn skip_block_comment(bytes: &[u8], start: usize) -> usize {
    let (mut i, mut open) = (start + 2, 1);
    while i < bytes.len() && open > 0 {
        if bytes[i..].starts_with(b"/*") {
            (open, i) = (open + 1, i + 2);
        } else if bytes[i..].starts_with(b"*/") {
            (open, i) = (open - 1, i + 2);
        } else {
            i += 1;
        }
    }
    i
}

/// From just after the opening quote to just after the closing one.
fn skip_string(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    i
}

/// `'a'`, `'\n'`, `'é'` are characters; `'a` alone is a lifetime or a label.
fn skip_char_or_lifetime(bytes: &[u8], start: usize) -> usize {
    let Some(&next) = bytes.get(start + 1) else {
        return start + 1;
    };
    if next == b'\\' {
        let close = bytes[start + 3..].iter().position(|&b| b == b'\'');
        return close.map_or(bytes.len(), |n| start + 3 + n + 1);
    }
    let width = match next {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    if bytes.get(start + 1 + width) == Some(&b'\'') {
        start + 2 + width
    } else {
        start + 1
    }
}

/// After `r`, `br` or `cr`: `#`s and a quote open a raw string, which ends at a quote
/// followed by as many `#`s. Returns the position after it, or `None` if this is no raw
/// string (a raw identifier `r#type`, or an ordinary word).
fn skip_raw_string(bytes: &[u8], word: &str, word_end: usize) -> Option<usize> {
    if !matches!(word, "r" | "br" | "cr") {
        return None;
    }
    let hashes = bytes[word_end..].iter().take_while(|&&b| b == b'#').count();
    let quote = word_end + hashes;
    if bytes.get(quote) != Some(&b'"') {
        return None;
    }
    let mut i = quote + 1;
    while i < bytes.len() {
        if bytes[i] == b'"' && bytes[i + 1..].iter().take_while(|&&b| b == b'#').count() >= hashes {
            return Some(i + 1 + hashes);
        }
        i += 1;
    }
    Some(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::{innermost_block_is_impl, offset_of};

    #[test]
    fn lines_and_columns_count_from_one() {
        let source = "ab\n  é#x\n";
        assert_eq!(offset_of(source, 1, 1), Some(0));
        assert_eq!(offset_of(source, 2, 4), Some(source.find('#').unwrap()));
        assert_eq!(offset_of(source, 9, 1), None);
    }

    /// Whether the block around the `HERE` marker is an impl or trait body.
    fn at_marker(source: &str) -> bool {
        innermost_block_is_impl(source, source.find("HERE").unwrap())
    }

    #[test]
    fn impl_and_trait_bodies_are_found() {
        for source in [
            "impl Api { HERE }",
            "impl Api { fn a() {} HERE }",
            "#[cfg(test)] impl<T: Fn() -> [u8; 2]> Api<T> where T: Copy { HERE }",
            "pub(crate) unsafe trait Api { const A: u8 = 1; HERE }",
            "mod m { struct S; impl S { fn a() { let x = { 1 }; } HERE } }",
            "impl Api { fn a() { let _ = \"}\"; let _ = '}'; /* } */ } // }\n HERE }",
            "impl Api { fn a<'a>(x: &'a str) -> char { '{' } HERE }",
            "impl Api { const S: &str = r#\"}\"#; HERE }",
        ] {
            assert!(at_marker(source), "{source}");
        }
    }

    #[test]
    fn free_functions_are_not_in_an_impl() {
        for source in [
            "HERE",
            "fn main() { HERE }",
            "mod m { HERE }",
            "impl Api { fn a() {} } HERE",
            "fn f() -> impl Fn() { || {} } HERE",
            "fn main() { impl Api {} HERE }",
            "fn main() { let s = \"impl X {\"; HERE }",
            "const _: () = { HERE };",
            "macro_rules! m { () => { HERE } }",
            "}} HERE",
        ] {
            assert!(!at_marker(source), "{source}");
        }
    }
}
