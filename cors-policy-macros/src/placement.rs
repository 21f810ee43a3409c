//! Where a `#[cors]` attribute sits in its source: in an `impl` or `trait` block, where
//! the struct the macro declares beside the function cannot go (issue 12), or below
//! another attribute macro that has already run (actix-web's `#[get]`, issue 13).
//!
//! An attribute macro sees only its item, so the function's own tokens decide first: a
//! receiver, or `Self` in the signature, exists only in an `impl`. An associated function
//! without either looks exactly like a free one, and a function that actix's `#[get]`
//! moved into its `register` still carries `#[cors]` with its own spans; for these the
//! macro reads the source file behind the attribute's span (stable since Rust 1.88) and
//! lexes it up to the attribute. That costs a file read, so it runs only where it can
//! find something: for an indented attribute (a free handler at the top of a module
//! starts at column 1), and for the attributes above when actix-web is in use. Any doubt
//! (no file, a span inside a macro definition, unusual syntax) answers "free function,
//! nothing above": the macro then expands as usual.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::{FnArg, ItemFn};

/// Whether `handler` is an associated function of an `impl` or `trait` block.
pub(crate) fn in_impl_or_trait(handler: &ItemFn, attr: Span) -> bool {
    has_receiver(handler)
        || mentions_self(handler.sig.to_token_stream())
        || (column_of(attr) > 1 && read_surroundings(attr).is_some_and(|s| s.in_impl))
}

/// The paths of the attributes written above `attr` on the same item, as in the source
/// (`get`, `actix_web::get`); empty when the source cannot be read.
pub(crate) fn attributes_above(attr: Span) -> Vec<String> {
    read_surroundings(attr).map_or_else(Vec::new, |s| s.attributes_above)
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

fn column_of(attr: Span) -> usize {
    if proc_macro::is_available() {
        attr.unwrap().column()
    } else {
        0
    }
}

/// Reads the file behind `attr` and lexes the source before it.
fn read_surroundings(attr: Span) -> Option<Surroundings> {
    if !proc_macro::is_available() {
        return None;
    }
    let span = attr.unwrap();
    let source = std::fs::read_to_string(span.local_file()?).ok()?;
    // `line` and `column` are stable where `byte_range` is not; both count from 1.
    let at = offset_of(&source, span.line(), span.column())?;
    Some(surroundings(&source, at))
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

/// What the source says about the place at byte `at`.
struct Surroundings {
    /// The innermost `{ ... }` still open there is the body of an `impl` or `trait`.
    in_impl: bool,
    /// The attributes of the item that starts there, written before `at`.
    attributes_above: Vec<String>,
}

/// A small lexer: it skips comments, strings, raw strings and character literals, takes
/// the first word of each item or statement (after its attributes, visibility and
/// modifiers) as the head of the block it opens, and collects the paths of the
/// attributes since the last item ended.
fn surroundings(source: &str, at: usize) -> Surroundings {
    let bytes = source.as_bytes();
    let end = at.min(bytes.len());
    // For each open `{`: whether it is an impl or trait body, and the `(`/`[` depth
    // around it, restored when it closes.
    let mut blocks: Vec<(bool, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut head: Option<&str> = None;
    let mut attributes: Vec<String> = Vec::new();
    let mut i = 0;
    while i < end {
        let c = bytes[i];
        i = match c {
            b'#' if depth == 0 => {
                if let Some(path) = attribute_path(source, i) {
                    attributes.push(path);
                }
                i + 1
            }
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
                attributes.clear();
                i + 1
            }
            b'}' => {
                let Some((_, outer)) = blocks.pop() else {
                    return Surroundings {
                        in_impl: false,
                        attributes_above: Vec::new(),
                    };
                };
                (depth, head) = (outer, None);
                attributes.clear();
                i + 1
            }
            b';' if depth == 0 => {
                head = None;
                attributes.clear();
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
                        attributes.clear();
                    }
                    word_end
                }
            }
            _ => i + 1,
        };
    }
    Surroundings {
        in_impl: blocks.last().is_some_and(|&(is_impl, _)| is_impl),
        attributes_above: attributes,
    }
}

/// Whether the innermost `{ ... }` still open at byte `at` is an `impl` or `trait` body.
#[cfg(test)]
fn innermost_block_is_impl(source: &str, at: usize) -> bool {
    surroundings(source, at).in_impl
}

/// The path of the outer attribute that opens at the `#` at byte `start`
/// (`#[actix_web::get("/")]` gives `actix_web::get`), or `None` if none opens there.
fn attribute_path(source: &str, start: usize) -> Option<String> {
    let rest = source[start + 1..].trim_start().strip_prefix('[')?;
    let path: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | ':') || c.is_whitespace())
        .filter(|c| !c.is_whitespace())
        .collect();
    (!path.is_empty()).then_some(path)
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
    use super::{innermost_block_is_impl, offset_of, surroundings};

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

    /// The attributes above the `HERE` marker.
    fn above_marker(source: &str) -> Vec<String> {
        surroundings(source, source.find("HERE").unwrap()).attributes_above
    }

    #[test]
    fn attributes_above_are_those_of_the_same_item() {
        let expected = ["get", "actix_web::post"].map(String::from);
        for source in [
            "#[get(\"/a\")]\n#[actix_web::post(\"/b\")]\nHERE",
            "fn a() {}\n/// doc [x]\n#[ get (\"/[a]\", wrap = \"W\") ] // c\n#[ actix_web :: post(\"/b\")] HERE",
            "use x;\n#[get(\"/a\")] #[actix_web::post] HERE",
        ] {
            assert_eq!(above_marker(source), expected, "{source}");
        }
    }

    #[test]
    fn attributes_of_earlier_items_are_not_above() {
        for source in [
            "HERE",
            "#[get(\"/a\")] fn a() {} HERE",
            "#[derive(Debug)] struct S; HERE",
            "#[get(\"/a\")] pub async fn a() -> u8 { 1 } HERE",
            "#![allow(x)] mod m { HERE }",
            "const S: &str = \"#[get]\"; HERE",
        ] {
            assert!(above_marker(source).is_empty(), "{source}");
        }
    }
}
