//! Entries of `methods`.

use std::fmt;

/// Methods whose spelling browsers normalize to uppercase (Fetch, "normalize a method").
const NORMALIZED: [&str; 6] = ["DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"];

/// Methods that browsers never send (Fetch, "forbidden method").
const FORBIDDEN: [&str; 3] = ["CONNECT", "TRACE", "TRACK"];

/// What is wrong with one entry of `methods`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum MethodProblem {
    /// Not an HTTP token.
    NotAToken,
    /// `CONNECT`, `TRACE` or `TRACK`.
    Forbidden,
    /// `put` where browsers send `PUT`.
    NotUppercase {
        /// The uppercase spelling.
        suggestion: &'static str,
    },
}

impl fmt::Display for MethodProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAToken => write!(
                f,
                "invalid method: a method is an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``), e.g. `PATCH`"
            ),
            Self::Forbidden => write!(
                f,
                "forbidden method: browsers never send CONNECT, TRACE or TRACK, so allowing it has no effect; remove it"
            ),
            Self::NotUppercase { suggestion } => write!(
                f,
                "method in lowercase: browsers uppercase this method before sending it and methods match case-sensitively, so it could never match; write `{suggestion}`"
            ),
        }
    }
}

/// GET, HEAD and POST: the CORS-safelisted methods (Fetch, "CORS-safelisted method"),
/// which pass a preflight's method check without being listed.
pub fn is_safelisted_method(method: &str) -> bool {
    matches!(method, "GET" | "HEAD" | "POST")
}

/// Validates one entry of `methods` (`*` is handled by the list rules).
pub fn check_method(text: &str) -> Result<(), MethodProblem> {
    if text.is_empty() || http::Method::from_bytes(text.as_bytes()).is_err() {
        return Err(MethodProblem::NotAToken);
    }
    if FORBIDDEN.iter().any(|m| m.eq_ignore_ascii_case(text)) {
        return Err(MethodProblem::Forbidden);
    }
    match NORMALIZED.iter().find(|m| m.eq_ignore_ascii_case(text)) {
        Some(upper) if *upper != text => Err(MethodProblem::NotUppercase { suggestion: upper }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods() {
        for ok in ["GET", "PUT", "PATCH", "patch", "PROPFIND", "OPTIONS"] {
            assert_eq!(check_method(ok), Ok(()), "{ok}");
        }
        assert_eq!(
            check_method("put"),
            Err(MethodProblem::NotUppercase { suggestion: "PUT" })
        );
        assert_eq!(
            check_method("Delete"),
            Err(MethodProblem::NotUppercase {
                suggestion: "DELETE"
            })
        );
        for forbidden in ["CONNECT", "trace", "Track"] {
            assert_eq!(
                check_method(forbidden),
                Err(MethodProblem::Forbidden),
                "{forbidden}"
            );
        }
        for bad in ["", "GE T", "GET,PUT", "(GET)", "GÉT"] {
            assert_eq!(check_method(bad), Err(MethodProblem::NotAToken), "{bad}");
        }
    }
}
