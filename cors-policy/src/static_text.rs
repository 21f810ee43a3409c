//! `'static` copies of a built policy's header texts, so that its header values are
//! inserted as the macros' constants are: cloning a `HeaderValue` over static bytes
//! copies two words, where one over shared bytes counts a reference atomically (about 10
//! instructions more per header, three headers per preflight).
//!
//! The copies live as long as the process. Each distinct text is kept once, however
//! many policies use it, and at most [`BUDGET`] bytes in all: a program that builds
//! policies from ever-changing texts stops getting copies, not memory.

use std::sync::{Mutex, PoisonError};

/// Bytes of text kept at most.
const BUDGET: usize = 64 * 1024;

/// The texts kept so far, and their bytes.
static KEPT: Mutex<(Vec<&'static str>, usize)> = Mutex::new((Vec::new(), 0));

/// A `'static` copy of `text`: the one kept already, or a new one within [`BUDGET`];
/// `None` past it.
pub(crate) fn static_text(text: &str) -> Option<&'static str> {
    let mut kept = KEPT.lock().unwrap_or_else(PoisonError::into_inner);
    let (texts, bytes) = &mut *kept;
    if let Some(found) = texts.iter().find(|kept| **kept == text) {
        return Some(found);
    }
    if *bytes + text.len() > BUDGET {
        return None;
    }
    let copy: &'static str = Box::leak(text.into());
    texts.push(copy);
    *bytes += copy.len();
    Some(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same text gives the same copy; a text past the budget gets none.
    #[test]
    fn each_text_is_kept_once_within_the_budget() {
        let first = static_text("x-kept-once-a, x-kept-once-b").expect("within the budget");
        let again = static_text(&String::from("x-kept-once-a, x-kept-once-b")).unwrap();
        assert!(std::ptr::eq(first, again));
        assert_eq!(static_text(&"a".repeat(BUDGET + 1)), None);
    }
}
