//! A decision in words: one line a developer can read in a test, a REPL or a log,
//! naming what the policy allows. Every value taken from the request is escaped, so a
//! crafted header cannot forge log lines or terminal output.

use std::fmt;

use crate::decide::Decision;
use crate::policy::{NameRule, OriginRule, Policy};
use crate::{Allowance, Refusal, Verdict};

/// At most this many entries of a policy's list are named.
const LISTED: usize = 8;
/// At most this many bytes of a request's value are shown.
const SHOWN: usize = 120;

impl fmt::Display for Decision<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let policy = self.policy;
        match self.verdict() {
            Verdict::Allowed(Allowance::AnyOrigin) => {
                write!(f, "allowed: the policy allows any origin (`*`)")
            }
            Verdict::Allowed(Allowance::ExactOrigin) => {
                write!(f, "allowed: origin {} is listed", Escaped(self.origin()))
            }
            Verdict::Allowed(Allowance::Pattern(index)) => {
                write!(f, "allowed: origin {} matches ", Escaped(self.origin()))?;
                pattern(policy, index, f)
            }
            Verdict::Refused(refusal) => {
                f.write_str("refused: ")?;
                refused(policy, refusal, f)?;
                if matches!(self.action(), crate::Action::Respond(status) if status == 403) {
                    f.write_str("; answered 403 before the handler (refuse_disallowed)")?;
                }
                Ok(())
            }
        }
    }
}

impl Decision<'_> {
    fn origin(&self) -> &[u8] {
        self.request
            .get(http::header::ORIGIN)
            .map_or(&b""[..], |o| o.as_bytes())
    }
}

fn refused(policy: &Policy, refusal: Refusal<'_>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match refusal {
        Refusal::NoOrigin => f.write_str("no `Origin` header: not a CORS request"),
        Refusal::RepeatedOrigin => f.write_str("`Origin` is repeated, which is ambiguous"),
        Refusal::NullOrigin => f.write_str(
            "origin \"null\" is never allowed (sandboxed iframes, `data:` and `file:` pages send it)",
        ),
        Refusal::OriginNotUtf8 => f.write_str("the `Origin` header is not UTF-8"),
        Refusal::OriginNotAllowed(origin) => {
            write!(f, "origin {} is not allowed (allowed: ", Escaped(origin.as_bytes()))?;
            origins(policy, f)?;
            f.write_str(")")
        }
        Refusal::MethodNotAllowed(method) => {
            write!(f, "method {} is not allowed (", Escaped(method.as_bytes()))?;
            match &policy.0.methods {
                NameRule::List { names, .. } if !names.is_empty() => {
                    f.write_str("allowed: ")?;
                    list(names.iter().map(|n| n.as_ref()), f)?;
                    f.write_str("; GET, HEAD and POST always pass)")
                }
                NameRule::List { .. } => f.write_str(
                    "allowed: GET, HEAD and POST, which always pass; the policy lists no other)",
                ),
                // `*` refuses only an empty method (see `plan::allows_method`).
                NameRule::Any | NameRule::AnyAndAuthorization => f.write_str(
                    "the policy allows any method, but an empty `Access-Control-Request-Method` names none)",
                ),
            }
        }
        Refusal::RepeatedRequestMethod => {
            f.write_str("`Access-Control-Request-Method` is repeated, which is ambiguous")
        }
        Refusal::HeaderNotAllowed(name) => {
            write!(f, "request header {} is not allowed", Escaped(name))?;
            match &policy.0.allow_headers {
                NameRule::List { names, .. } if names.is_empty() => {
                    f.write_str(" (the policy allows no request header beyond the CORS-safelisted ones)")
                }
                NameRule::List { names, .. } => {
                    f.write_str(" (allowed: ")?;
                    list(names.iter().map(|n| n.as_ref()), f)?;
                    f.write_str(")")
                }
                _ if name == b"*" => f.write_str(
                    " (a header named `*` would read as the wildcard in the answer, and the wildcard never covers `Authorization`)",
                ),
                _ => f.write_str(
                    " (`*` never covers `Authorization`; allow it with `allow_headers = [\"*\", \"authorization\"]`)",
                ),
            }
        }
        Refusal::RepeatedRequestHeaders => f.write_str(
            "`Access-Control-Request-Headers` is repeated, and a `*` policy echoes one list",
        ),
        Refusal::PrivateNetworkNotAllowed => f.write_str(
            "a Private Network Access preflight, and the policy has no `private_network`",
        ),
    }
}

fn origins(policy: &Policy, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let OriginRule::List {
        exact, patterns, ..
    } = &policy.0.origins
    else {
        return f.write_str("any");
    };
    let total = exact.len() + patterns.len();
    let mut first = true;
    for (shown, entry) in exact.iter().map(|o| o.as_ref()).enumerate() {
        if shown == LISTED {
            break;
        }
        separate(&mut first, f)?;
        write!(f, "\"{entry}\"")?;
    }
    for index in 0..patterns.len().min(LISTED.saturating_sub(exact.len())) {
        separate(&mut first, f)?;
        pattern(policy, index, f)?;
    }
    if total > LISTED {
        write!(f, ", and {} more", total - LISTED)?;
    }
    Ok(())
}

fn pattern(policy: &Policy, index: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    match &policy.0.origins {
        OriginRule::List { patterns, .. } => match patterns.get(index) {
            Some(p) => write!(f, "\"{}*{}\"", p.scheme_prefix, p.suffix),
            None => Ok(()),
        },
        OriginRule::Any => Ok(()),
    }
}

fn list<'n>(names: impl Iterator<Item = &'n str>, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let mut first = true;
    for (shown, name) in names.enumerate() {
        if shown == LISTED {
            return f.write_str(", ...");
        }
        separate(&mut first, f)?;
        f.write_str(name)?;
    }
    Ok(())
}

fn separate(first: &mut bool, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    if !std::mem::take(first) {
        f.write_str(", ")?;
    }
    Ok(())
}

/// Bytes from the request, quoted: printable ASCII as is (`"` and `\` escaped), every
/// other byte as `\xNN`, and at most [`SHOWN`] bytes.
pub(crate) struct Escaped<'a>(pub(crate) &'a [u8]);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"")?;
        for &byte in self.0.iter().take(SHOWN) {
            match byte {
                b'"' => f.write_str("\\\"")?,
                b'\\' => f.write_str("\\\\")?,
                0x20..=0x7e => write!(f, "{}", byte as char)?,
                _ => write!(f, "\\x{byte:02x}")?,
            }
        }
        if self.0.len() > SHOWN {
            f.write_str("...")?;
        }
        f.write_str("\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_bytes_are_escaped_and_bounded() {
        assert_eq!(
            Escaped(b"https://a.example").to_string(),
            "\"https://a.example\""
        );
        assert_eq!(
            Escaped(b"a\"b\\c\x1b[31m\n\xff").to_string(),
            "\"a\\\"b\\\\c\\x1b[31m\\x0a\\xff\""
        );
        let long = vec![b'a'; 500];
        assert_eq!(Escaped(&long).to_string().len(), SHOWN + 5);
    }
}
