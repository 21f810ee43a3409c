//! Why a request was allowed or refused: the reason a [`Decision`](crate::Decision)
//! carries, for the log, for [`Policy::explain`](crate::Policy::explain), and for tests.

use http::HeaderValue;

/// The verdict on one request, with its reason.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict<'a> {
    /// The response carries `Access-Control-Allow-Origin`: the browser lets the script
    /// read it (given the credentials the policy grants).
    Allowed(Allowance),
    /// The browser will not let the script read the response (or, for a preflight, will
    /// not send the request), for this reason.
    Refused(Refusal<'a>),
}

impl<'a> Verdict<'a> {
    /// Whether the request was allowed.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Self::Allowed(_))
    }

    /// Why the request was refused, if it was.
    pub fn refusal(&self) -> Option<Refusal<'a>> {
        match self {
            Self::Allowed(_) => None,
            Self::Refused(refusal) => Some(*refusal),
        }
    }
}

/// How a request was allowed: by which entry of `origins`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Allowance {
    /// A `*` policy: any origin, and requests without `Origin` too.
    AnyOrigin,
    /// An exact origin of the list.
    ExactOrigin,
    /// The subdomain pattern at this position among the policy's patterns.
    Pattern(usize),
}

/// Why a request was refused. Values taken from the request are borrowed from it, as
/// sent: print them with [`Decision`](crate::Decision)'s `Display`, which escapes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Refusal<'a> {
    /// No `Origin`: not a CORS request (the response only varies on `Origin`).
    NoOrigin,
    /// More than one `Origin` header: ambiguous, so never matched.
    RepeatedOrigin,
    /// `Origin: null` (sandboxed iframes, `data:` and `file:` pages, redirects), which no
    /// policy allows.
    NullOrigin,
    /// An `Origin` that is not UTF-8, so no listed origin can be it.
    OriginNotUtf8,
    /// An origin the policy does not list.
    OriginNotAllowed(&'a HeaderValue),
    /// A preflight asking for a method the policy does not allow (compared
    /// case-sensitively).
    MethodNotAllowed(&'a HeaderValue),
    /// A preflight with more than one `Access-Control-Request-Method`.
    RepeatedRequestMethod,
    /// A preflight asking for this request header, the first one the policy does not
    /// allow.
    HeaderNotAllowed(&'a [u8]),
    /// A preflight with more than one `Access-Control-Request-Headers` under a `*`
    /// policy, which has no single list to echo.
    RepeatedRequestHeaders,
    /// A Private Network Access preflight to a policy without `private_network`.
    PrivateNetworkNotAllowed,
}

impl Refusal<'_> {
    /// A short, stable name for logs and metrics (`origin_not_allowed`, ...).
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoOrigin => "no_origin",
            Self::RepeatedOrigin => "repeated_origin",
            Self::NullOrigin => "null_origin",
            Self::OriginNotUtf8 => "origin_not_utf8",
            Self::OriginNotAllowed(_) => "origin_not_allowed",
            Self::MethodNotAllowed(_) => "method_not_allowed",
            Self::RepeatedRequestMethod => "repeated_request_method",
            Self::HeaderNotAllowed(_) => "header_not_allowed",
            Self::RepeatedRequestHeaders => "repeated_request_headers",
            Self::PrivateNetworkNotAllowed => "private_network_not_allowed",
        }
    }

    /// Whether the origin itself was refused (the response then carries no CORS header
    /// at all), rather than what an allowed origin's preflight asked for.
    pub fn is_about_origin(&self) -> bool {
        matches!(
            self,
            Self::NoOrigin
                | Self::RepeatedOrigin
                | Self::NullOrigin
                | Self::OriginNotUtf8
                | Self::OriginNotAllowed(_)
        )
    }

    /// The refusal of an origin, named precisely: `null` and non-UTF-8 values apart.
    /// The hot path records only "not allowed"; this looks at the value when asked.
    pub(crate) fn refined(self) -> Self {
        match self {
            Self::OriginNotAllowed(origin) if origin.as_bytes() == b"null" => Self::NullOrigin,
            Self::OriginNotAllowed(origin) if std::str::from_utf8(origin.as_bytes()).is_err() => {
                Self::OriginNotUtf8
            }
            other => other,
        }
    }
}
