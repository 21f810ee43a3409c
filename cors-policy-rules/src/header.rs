//! Entries of `allow_headers` and `expose_headers`.

use std::fmt;

/// Request headers that scripts can never set (Fetch, "forbidden request-header"),
/// besides every name starting with `proxy-` or `sec-`.
const FORBIDDEN_REQUEST: [&str; 21] = [
    "accept-charset",
    "accept-encoding",
    "access-control-request-headers",
    "access-control-request-method",
    "connection",
    "content-length",
    "cookie",
    "cookie2",
    "date",
    "dnt",
    "expect",
    "host",
    "keep-alive",
    "origin",
    "referer",
    "set-cookie",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "via",
];

/// What is wrong with one header name.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum HeaderProblem {
    /// Not an HTTP token.
    NotAToken,
    /// Not an HTTP token because of spaces, as in `Content Type`: `fix` is the name
    /// with its words joined by `-`, lowercase (`content-type`).
    Spaced {
        /// The name to write instead.
        fix: String,
    },
    /// In `allow_headers`: a header scripts cannot set.
    ForbiddenRequestHeader,
    /// In `expose_headers`: `set-cookie` or `set-cookie2`.
    NeverExposed,
    /// In `allow_headers`: an `Access-Control-*` name, which no script sends.
    CorsHeaderAllowed,
    /// In `expose_headers`: an `Access-Control-*` name, which the policy itself sends.
    CorsHeaderExposed,
}

impl fmt::Display for HeaderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAToken => write!(
                f,
                "invalid header name: a header name is an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``), e.g. `x-request-id`"
            ),
            Self::Spaced { fix } => write!(
                f,
                "invalid header name: a header name is an HTTP token, which has no spaces; header names join their words with `-`: write `{fix}`"
            ),
            Self::ForbiddenRequestHeader => write!(
                f,
                "forbidden request header: browsers set this header themselves and scripts can never send it, so allowing it has no effect; remove it"
            ),
            Self::CorsHeaderAllowed => write!(
                f,
                "`Access-Control-*` name in `allow_headers`: `Access-Control-Allow-*`, `-Expose-Headers` and `-Max-Age` are response headers the server sends (this policy sends them), and browsers set `Access-Control-Request-*` themselves on preflights; `allow_headers` lists the headers a script asks to send, so this one has no effect; remove it"
            ),
            Self::CorsHeaderExposed => write!(
                f,
                "`Access-Control-*` name in `expose_headers`: the policy itself sends the `Access-Control-*` headers for the browser's CORS check, and exposing one to scripts tells them nothing (it is usually meant for `allow_headers`, where it is wrong too); remove it"
            ),
            Self::NeverExposed => write!(
                f,
                "`set-cookie` is never exposed: browsers hide `Set-Cookie` and `Set-Cookie2` from scripts whatever the server says; remove it"
            ),
        }
    }
}

/// Validates one entry of `allow_headers` and returns its lowercase form.
pub fn check_allow_header(text: &str) -> Result<String, HeaderProblem> {
    let name = header_name(text)?;
    // Before the forbidden list, which holds `access-control-request-*` too: this
    // message says what these names are.
    if is_cors_header(&name) {
        return Err(HeaderProblem::CorsHeaderAllowed);
    }
    let forbidden = FORBIDDEN_REQUEST.contains(&name.as_str())
        || name.starts_with("proxy-")
        || name.starts_with("sec-");
    if forbidden {
        return Err(HeaderProblem::ForbiddenRequestHeader);
    }
    Ok(name)
}

/// Validates one entry of `expose_headers` and returns its lowercase form.
pub fn check_expose_header(text: &str) -> Result<String, HeaderProblem> {
    let name = header_name(text)?;
    if is_cors_header(&name) {
        return Err(HeaderProblem::CorsHeaderExposed);
    }
    if name == "set-cookie" || name == "set-cookie2" {
        return Err(HeaderProblem::NeverExposed);
    }
    Ok(name)
}

/// `access-control-*`: the headers of the CORS protocol itself (Fetch, "HTTP
/// requests" and "HTTP responses" of "CORS protocol").
fn is_cors_header(lowercase: &str) -> bool {
    lowercase.starts_with("access-control-")
}

fn header_name(text: &str) -> Result<String, HeaderProblem> {
    http::HeaderName::from_bytes(text.as_bytes())
        .map(|name| name.as_str().to_owned())
        .map_err(|_| {
            spaced_fix(text).map_or(HeaderProblem::NotAToken, |fix| HeaderProblem::Spaced {
                fix,
            })
        })
}

/// `Content Type` is `content-type` written as prose: when joining the words with `-`
/// makes a token, that is the fix to suggest.
fn spaced_fix(text: &str) -> Option<String> {
    if !text.contains(char::is_whitespace) {
        return None;
    }
    let joined = text.split_whitespace().collect::<Vec<_>>().join("-");
    let name = http::HeaderName::from_bytes(joined.as_bytes()).ok()?;
    Some(name.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_request_headers() {
        assert_eq!(
            check_allow_header("Content-Type"),
            Ok("content-type".into())
        );
        assert_eq!(
            check_allow_header("x-request-id"),
            Ok("x-request-id".into())
        );
        for forbidden in [
            "cookie",
            "Host",
            "origin",
            "proxy-authorization",
            "sec-fetch-mode",
            "content-length",
        ] {
            assert_eq!(
                check_allow_header(forbidden),
                Err(HeaderProblem::ForbiddenRequestHeader),
                "{forbidden}"
            );
        }
        for (spaced, fix) in [
            ("Content Type", "content-type"),
            ("x request id", "x-request-id"),
            (" x-a ", "x-a"),
        ] {
            assert_eq!(
                check_allow_header(spaced),
                Err(HeaderProblem::Spaced { fix: fix.into() }),
                "{spaced}"
            );
        }
        for bad in ["", "   ", "x é", "a,b", "a, b"] {
            assert_eq!(
                check_allow_header(bad),
                Err(HeaderProblem::NotAToken),
                "{bad}"
            );
        }
    }

    #[test]
    fn exposed_response_headers() {
        assert_eq!(
            check_expose_header("X-Request-Id"),
            Ok("x-request-id".into())
        );
        assert_eq!(
            check_expose_header("Set-Cookie"),
            Err(HeaderProblem::NeverExposed)
        );
        assert_eq!(
            check_expose_header("set-cookie2"),
            Err(HeaderProblem::NeverExposed)
        );
    }
}
