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
    /// In `allow_headers`: a header scripts cannot set.
    ForbiddenRequestHeader,
    /// In `expose_headers`: `set-cookie` or `set-cookie2`.
    NeverExposed,
}

impl fmt::Display for HeaderProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAToken => write!(
                f,
                "invalid header name: a header name is an HTTP token (letters, digits and ``!#$%&'*+-.^_`|~``), e.g. `x-request-id`"
            ),
            Self::ForbiddenRequestHeader => write!(
                f,
                "forbidden request header: browsers set this header themselves and scripts can never send it, so allowing it has no effect; remove it"
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
    if name == "set-cookie" || name == "set-cookie2" {
        return Err(HeaderProblem::NeverExposed);
    }
    Ok(name)
}

fn header_name(text: &str) -> Result<String, HeaderProblem> {
    http::HeaderName::from_bytes(text.as_bytes())
        .map(|name| name.as_str().to_owned())
        .map_err(|_| HeaderProblem::NotAToken)
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
        for bad in ["", "x request", "x-é", "a,b"] {
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
