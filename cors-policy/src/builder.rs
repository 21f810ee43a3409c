//! Policies built at run time, checked by the same rules as the macro.

use std::fmt;

use typed_cors_rules::{PolicySpec, Problem};

use crate::policy::{Policy, PolicyParts};

/// Builds a [`Policy`] from values known only at run time, such as origins read from
/// configuration. [`build`](Self::build) applies exactly the rules that `#[cors(...)]`
/// applies at compile time, and reports every problem at once.
///
/// ```
/// use typed_cors::Policy;
///
/// let origins = vec!["https://app.example.com".to_string()]; // e.g. from a config file
/// let policy = Policy::builder()
///     .origins(&origins)
///     .credentials()
///     .methods(["GET", "PUT"])
///     .allow_headers(["content-type"])
///     .expose_headers(["x-request-id"])
///     .max_age(600)
///     .build()?;
/// assert!(policy.allows_origin(b"https://app.example.com"));
///
/// let error = Policy::builder().origins(["https://app.example.com/"]).build().unwrap_err();
/// assert!(error.to_string().contains("write `https://app.example.com`"));
/// # Ok::<(), typed_cors::PolicyError>(())
/// ```
#[derive(Clone, Debug, Default)]
#[must_use]
pub struct PolicyBuilder {
    origins: Option<Vec<String>>,
    credentials: bool,
    methods: Option<Vec<String>>,
    allow_headers: Option<Vec<String>>,
    expose_headers: Option<Vec<String>>,
    max_age: Option<u64>,
    insecure_http_origins: bool,
    private_network: bool,
    refuse_disallowed: bool,
}

fn strings<I: IntoIterator<Item = S>, S: AsRef<str>>(items: I) -> Option<Vec<String>> {
    Some(items.into_iter().map(|s| s.as_ref().to_owned()).collect())
}

impl PolicyBuilder {
    /// Allowed origins: serialized origins (`https://app.example.com`), subdomain
    /// patterns (`https://*.example.com`), or `["*"]` alone for any origin.
    pub fn origins<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, origins: I) -> Self {
        self.origins = strings(origins);
        self
    }

    /// Allows credentialed requests (cookies, HTTP authentication).
    pub fn credentials(mut self) -> Self {
        self.credentials = true;
        self
    }

    /// Allowed methods besides GET, HEAD and POST, which browsers never preflight for
    /// their method alone; or `["*"]`.
    pub fn methods<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, methods: I) -> Self {
        self.methods = strings(methods);
        self
    }

    /// Request headers a preflight may ask for, or `["*"]`.
    pub fn allow_headers<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, names: I) -> Self {
        self.allow_headers = strings(names);
        self
    }

    /// Response headers that scripts may read, or `["*"]`.
    pub fn expose_headers<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, names: I) -> Self {
        self.expose_headers = strings(names);
        self
    }

    /// How long browsers may cache a preflight answer, in seconds (at most 86400).
    pub fn max_age(mut self, seconds: u64) -> Self {
        self.max_age = Some(seconds);
        self
    }

    /// Allows plain-`http://` origins that are not loopback in a credentialed policy.
    /// An active network attacker can forge such an origin; use only on trusted networks.
    pub fn insecure_http_origins(mut self) -> Self {
        self.insecure_http_origins = true;
        self
    }

    /// Answers `Access-Control-Request-Private-Network: true` preflights with
    /// `Access-Control-Allow-Private-Network: true`.
    pub fn private_network(mut self) -> Self {
        self.private_network = true;
        self
    }

    /// Refuses actual requests from disallowed origins with `403 Forbidden` before the
    /// inner service runs.
    ///
    /// Without it, a disallowed cross-origin request still reaches the handler and only
    /// its response is hidden from the calling script, so a state-changing handler's side
    /// effect happens anyway (a "simple" POST needs no preflight). Turn it on for such
    /// services. Requests without `Origin`, and same-origin requests (those whose
    /// `Sec-Fetch-Site` is `same-origin`), still pass. Browsers send `Sec-Fetch-Site`
    /// only to secure (https or localhost) URLs, and older browsers not at all: list the
    /// service's own origin too when its own pages send it requests.
    pub fn refuse_disallowed_origins(mut self) -> Self {
        self.refuse_disallowed = true;
        self
    }

    /// Checks the policy and builds it.
    pub fn build(self) -> Result<Policy, PolicyError> {
        let spec = PolicySpec {
            origins: borrowed(&self.origins),
            credentials: self.credentials,
            methods: borrowed(&self.methods),
            allow_headers: borrowed(&self.allow_headers),
            expose_headers: borrowed(&self.expose_headers),
            max_age: self.max_age,
            insecure_http_origins: self.insecure_http_origins,
            private_network: self.private_network,
            refuse_disallowed: self.refuse_disallowed,
        };
        let valid =
            typed_cors_rules::validate(&spec).map_err(|problems| PolicyError { problems })?;
        Ok(Policy(PolicyParts::from_valid(valid)))
    }
}

fn borrowed(list: &Option<Vec<String>>) -> Option<Vec<&str>> {
    list.as_ref()
        .map(|entries| entries.iter().map(String::as_str).collect())
}

/// Why [`PolicyBuilder::build`] refused a policy: every problem found, each saying what
/// is wrong, the rule, and the fix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PolicyError {
    problems: Vec<Problem>,
}

impl PolicyError {
    /// Each problem, with where it is.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for PolicyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid CORS policy")?;
        for problem in &self.problems {
            write!(f, "\n- {problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for PolicyError {}
