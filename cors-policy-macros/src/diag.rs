//! Errors as the user sees them: on the offending token, with a note at the other one.

use darling::Error;
use proc_macro2::Span;

/// An error on `span`.
pub(crate) fn error_at(span: Span, message: impl std::fmt::Display) -> Error {
    Error::custom(message).with_span(&span)
}

/// An error on `span` with a note on `other`, the other side of the conflict.
///
/// Stable Rust gives proc macros no way to attach a real `note:` to an error
/// (`proc_macro::Diagnostic` is nightly-only), so the note is a second diagnostic that
/// points at the other token and says which error it belongs to.
pub(crate) fn conflict_at(
    span: Span,
    message: impl std::fmt::Display,
    other: Span,
    note: impl std::fmt::Display,
) -> Error {
    Error::multiple(vec![
        error_at(span, message),
        error_at(other, format!("note: {note} (see the error above)")),
    ])
}
