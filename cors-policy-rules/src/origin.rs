//! Allowed origins: exact serialized origins, `*`, and anchored subdomain patterns.
//!
//! A browser sends `Origin` as the *serialized origin* (Fetch, "origin" and HTML
//! "ASCII serialization of an origin"): `scheme://host[:port]`, lowercase, punycode,
//! default port omitted, nothing else. The server compares bytes, so a configured
//! origin that is not already in that form can never match; we refuse it instead.

use std::fmt;
use std::net::Ipv4Addr;

use url::{Host, Url};

use crate::escape::Escaped;
use crate::suffixes::rule_at_or_below;

/// One entry of a policy's `origins` list, validated.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum AllowedOrigin {
    /// `*`: any origin, only without credentials.
    Any,
    /// One serialized origin, compared byte for byte.
    Exact(String),
    /// `scheme://*.domain[:port]`: every subdomain of `domain`, at any depth.
    Subdomains(SubdomainPattern),
}

/// An anchored, label-aware subdomain pattern such as `https://*.example.com`.
///
/// It matches an origin that starts with [`scheme_prefix`](Self::scheme_prefix), ends with
/// [`suffix`](Self::suffix) and has between them one or more non-empty DNS labels. So
/// `https://*.example.com` matches `https://a.example.com` and `https://a.b.example.com`,
/// never `https://example.com`, `https://evilexample.com` or
/// `https://a.example.com.evil.net`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SubdomainPattern {
    /// `https://` or `http://`.
    pub scheme_prefix: String,
    /// `.example.com`, with `:port` when the pattern has one.
    pub suffix: String,
}

impl SubdomainPattern {
    /// Whether `origin` (the raw bytes of an `Origin` header) matches this pattern.
    pub fn matches(&self, origin: &[u8]) -> bool {
        subdomain_matches(
            self.scheme_prefix.as_bytes(),
            self.suffix.as_bytes(),
            origin,
        )
    }
}

/// The matching rule of [`SubdomainPattern`], on borrowed parts so that the runtime's
/// `const` patterns use the very same code.
#[inline]
pub fn subdomain_matches(scheme_prefix: &[u8], suffix: &[u8], origin: &[u8]) -> bool {
    let Some(rest) = origin.strip_prefix(scheme_prefix) else {
        return false;
    };
    let Some(labels) = rest.strip_suffix(suffix) else {
        return false;
    };
    is_dns_labels(labels)
}

/// One or more non-empty labels of lowercase letters, digits, `-` and `_`, joined by
/// dots: what a serialized host holds left of the pattern's domain. `_` is not a DNS
/// hostname character, but browsers and the URL parser accept it in hosts (and the
/// rules accept `https://my_app.example.com` as an exact origin), so a pattern over the
/// domain covers it too; it can never act as a separator. Anything else (a `:`, `/`,
/// `@`, an empty label) means the bytes are not such a subdomain.
///
/// One pass over the bytes, a dot allowed only after a label byte and not last: the
/// split into labels, each walked again, cost about 70 instructions on a three-letter
/// subdomain (callgrind), more than the exact origin's whole comparison.
fn is_dns_labels(labels: &[u8]) -> bool {
    // At the start, as after a dot: a label must come first.
    let mut after_dot = true;
    for &byte in labels {
        if byte == b'.' {
            if after_dot {
                return false;
            }
            after_dot = true;
        } else if byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'_'
        {
            after_dot = false;
        } else {
            return false;
        }
    }
    // Empty, or ending with a dot: no last label.
    !after_dot
}

/// What is wrong with one entry of `origins`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum OriginProblem {
    /// `""`.
    Empty,
    /// `"null"`.
    Null,
    /// No `scheme://`.
    MissingScheme {
        /// The entry with `https://` in front.
        suggestion: String,
    },
    /// A scheme other than `http` or `https`.
    UnsupportedScheme {
        /// The entry's host with `https://`.
        suggestion: String,
    },
    /// `*` anywhere but as the whole leftmost host label.
    MisplacedWildcard,
    /// A `/` after the host.
    TrailingSlash {
        /// The serialized origin.
        suggestion: String,
    },
    /// A path after the host.
    Path {
        /// The serialized origin.
        suggestion: String,
    },
    /// A `?query`.
    Query {
        /// The serialized origin.
        suggestion: String,
    },
    /// A `#fragment`.
    Fragment {
        /// The serialized origin.
        suggestion: String,
    },
    /// `user:password@`.
    Userinfo {
        /// The serialized origin.
        suggestion: String,
    },
    /// `:443` on https or `:80` on http.
    DefaultPort {
        /// The serialized origin.
        suggestion: String,
    },
    /// A host that is not ASCII.
    NonAscii {
        /// The punycode form.
        suggestion: String,
    },
    /// Uppercase letters.
    Uppercase {
        /// The serialized origin.
        suggestion: String,
    },
    /// Does not parse as a URL at all.
    Malformed {
        /// What the URL parser said.
        reason: String,
    },
    /// Parses, but is not in serialized form (e.g. an uncompressed IPv6 address).
    NotSerialized {
        /// The serialized origin.
        suggestion: String,
    },
    /// A pattern whose domain is a public suffix, such as `https://*.co.uk`.
    PublicSuffix {
        /// The public suffix.
        suffix: String,
    },
    /// A pattern over a domain at or below which the Public Suffix List has a rule, such
    /// as `https://*.amazonaws.com` (`s3.amazonaws.com`) or `https://*.sch.uk`
    /// (`*.sch.uk`): some hosts it matches are registrable by anyone.
    PublicSuffixBelow {
        /// The pattern's domain.
        domain: String,
        /// The shallowest rule at or below it, as the list writes it.
        rule: String,
        /// How many other rules lie at or below it.
        others: usize,
    },
    /// An empty label: `https://a..example.com`, `https://.example.com`, `https://*..com`.
    EmptyLabel,
    /// A host ending in a dot (the empty root label), such as `https://example.com.`.
    TrailingDot {
        /// The origin without the dot.
        suggestion: String,
    },
    /// A pattern over an IP address.
    PatternOnIp,
    /// A pattern with no domain after `*.`, such as `https://*.`.
    PatternWithoutDomain,
}

impl fmt::Display for OriginProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const NEVER: &str = "browsers send the serialized origin `scheme://host[:port]` and it is compared byte for byte, so this entry could never match";
        match self {
            Self::Empty => write!(
                f,
                "empty origin: an origin is `scheme://host[:port]`; write one, e.g. `https://app.example.com`"
            ),
            Self::Null => write!(
                f,
                "origin `null` is not allowed: every sandboxed iframe, `data:` and `file:` page sends `Origin: null`, so allowing it trusts any of them; list real origins instead"
            ),
            Self::MissingScheme { suggestion } => {
                write!(
                    f,
                    "origin has no `scheme://` prefix: {NEVER}; write `{}`",
                    Escaped(suggestion)
                )
            }
            Self::UnsupportedScheme { suggestion } => write!(
                f,
                "unsupported scheme: browsers send CORS requests only from `http://` and `https://` pages, so this entry could never match; write `{}`",
                Escaped(suggestion)
            ),
            Self::MisplacedWildcard => write!(
                f,
                "misplaced `*`: a subdomain pattern may use `*` only as the whole leftmost host label, so that it is anchored; write e.g. `https://*.example.com`"
            ),
            Self::TrailingSlash { suggestion } => write!(
                f,
                "origin has a trailing slash: {NEVER}; write `{}`",
                Escaped(suggestion)
            ),
            Self::Path { suggestion } => {
                write!(
                    f,
                    "origin has a path: {NEVER}; write `{}`",
                    Escaped(suggestion)
                )
            }
            Self::Query { suggestion } => {
                write!(
                    f,
                    "origin has a query: {NEVER}; write `{}`",
                    Escaped(suggestion)
                )
            }
            Self::Fragment { suggestion } => {
                write!(
                    f,
                    "origin has a fragment: {NEVER}; write `{}`",
                    Escaped(suggestion)
                )
            }
            Self::Userinfo { suggestion } => write!(
                f,
                "origin has userinfo (`user@`): {NEVER}; write `{}`",
                Escaped(suggestion)
            ),
            Self::DefaultPort { suggestion } => write!(
                f,
                "origin names its scheme's default port: browsers omit the default port from the serialized origin, so this entry could never match; write `{}`",
                Escaped(suggestion)
            ),
            Self::NonAscii { suggestion } => write!(
                f,
                "origin host is not ASCII: browsers send internationalized hosts in punycode, so this entry could never match; write `{}`",
                Escaped(suggestion)
            ),
            Self::Uppercase { suggestion } => write!(
                f,
                "origin has uppercase letters: browsers send scheme and host in lowercase, so this entry could never match; write `{}`",
                Escaped(suggestion)
            ),
            Self::Malformed { reason } => write!(
                f,
                "malformed origin ({}): an origin is `scheme://host[:port]`, e.g. `https://app.example.com`",
                Escaped(reason)
            ),
            Self::NotSerialized { suggestion } => write!(
                f,
                "origin is not in serialized form: {NEVER}; write `{}`",
                Escaped(suggestion)
            ),
            Self::PublicSuffix { suffix } => write!(
                f,
                "subdomain pattern over the public suffix `{suffix}`: it would trust sites of unrelated owners; use a domain you control, e.g. `https://*.example.{suffix}`",
                suffix = Escaped(suffix)
            ),
            Self::PublicSuffixBelow {
                domain,
                rule,
                others,
            } => {
                write!(
                    f,
                    "subdomain pattern over `{}`, which has the Public Suffix List rule `{}` at or below it",
                    Escaped(domain),
                    Escaped(rule)
                )?;
                if *others > 0 {
                    write!(f, " (and {others} more)")?;
                }
                write!(
                    f,
                    ": anyone can register a name under a public suffix, so the pattern would trust sites of unrelated owners; list the origins exactly, or use a pattern over a domain you control with no public suffix below it"
                )
            }
            Self::EmptyLabel => write!(
                f,
                "origin host has an empty label (`..`, or a leading dot): browsers never send such a host, so this entry could never match, and in a pattern it hides which domain is meant; remove the extra dot"
            ),
            Self::TrailingDot { suggestion } => write!(
                f,
                "origin host ends with a dot, the empty label of the DNS root: browsers keep the dot in the origin, so this entry matches only pages loaded from the dotted name and never the usual one, which is almost certainly not what is meant; write `{}`",
                Escaped(suggestion)
            ),
            Self::PatternWithoutDomain => write!(
                f,
                "subdomain pattern without a domain: `*.` must be followed by a domain you control, or the pattern matches unrelated hosts; write e.g. `https://*.example.com`"
            ),
            Self::PatternOnIp => write!(
                f,
                "subdomain pattern over an IP address: IP addresses have no subdomains; list the origin exactly"
            ),
        }
    }
}

/// Validates one entry of `origins`.
pub fn check_origin(text: &str) -> Result<AllowedOrigin, OriginProblem> {
    match text {
        "" => return Err(OriginProblem::Empty),
        "*" => return Ok(AllowedOrigin::Any),
        _ if text.eq_ignore_ascii_case("null") => return Err(OriginProblem::Null),
        _ => {}
    }
    let Some((scheme, after_scheme)) = text.split_once("://") else {
        return Err(OriginProblem::MissingScheme {
            suggestion: missing_scheme_fix(text),
        });
    };
    if scheme.contains('*') {
        return Err(OriginProblem::MisplacedWildcard);
    }
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        let host = after_scheme
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default();
        return Err(OriginProblem::UnsupportedScheme {
            suggestion: format!("https://{host}"),
        });
    }
    let authority_end = after_scheme
        .find(['/', '?', '#'])
        .unwrap_or(after_scheme.len());
    let (authority, rest) = after_scheme.split_at(authority_end);
    let pattern_host = authority.strip_prefix("*.");
    let wildcard_elsewhere = authority[pattern_host.map_or(0, |_| 2)..].contains('*');
    if wildcard_elsewhere || authority.starts_with('*') && pattern_host.is_none() {
        return Err(OriginProblem::MisplacedWildcard);
    }
    if let Some(domain) = pattern_host {
        let host = domain.rsplit_once(':').map_or(domain, |(host, _)| host);
        if host.starts_with('[') || host.parse::<Ipv4Addr>().is_ok() {
            return Err(OriginProblem::PatternOnIp);
        }
    }
    // Parse with a placeholder label in place of `*`, so patterns get the same checks.
    let parsable = match pattern_host {
        Some(domain) => format!("{scheme}://{PLACEHOLDER}.{domain}{rest}"),
        None => text.to_owned(),
    };
    let url = Url::parse(&parsable).map_err(|error| OriginProblem::Malformed {
        reason: error.to_string(),
    })?;
    let serialized = url.origin().ascii_serialization();
    let suggestion = without_root_dot(match pattern_host {
        Some(_) => serialized.replacen(PLACEHOLDER, "*", 1),
        None => serialized.clone(),
    });
    shape_problem(scheme, authority, rest, &suggestion)?;
    if pattern_host.is_some_and(|domain| domain.is_empty() || domain.starts_with(':')) {
        return Err(OriginProblem::PatternWithoutDomain);
    }
    // On the parsed host, so that no spelling (`%2e`, an ideographic full stop) hides one.
    let host = url.host_str().unwrap_or_default();
    if let Err(problem) = labels_problem(host, &suggestion) {
        // `https://*.com.`: say what the dotless fix would be refused for, not only the dot.
        if let (OriginProblem::TrailingDot { .. }, Some(_)) = (&problem, pattern_host) {
            public_suffix_problem(pattern_domain(host).trim_end_matches('.'))?;
        }
        return Err(problem);
    }
    if parsable != serialized {
        return Err(OriginProblem::NotSerialized { suggestion });
    }
    match pattern_host {
        None => Ok(AllowedOrigin::Exact(serialized)),
        Some(_) => subdomain_pattern(&url, scheme),
    }
}

/// `app.example.com` -> `https://app.example.com`; `https:app.example.com` and
/// `https:/app.example.com` -> `https://app.example.com`.
fn missing_scheme_fix(text: &str) -> String {
    let (scheme, rest) = match text.split_once(':') {
        Some((scheme, rest)) if matches!(scheme, "http" | "https") => (scheme, rest),
        _ => ("https", text),
    };
    format!("{scheme}://{}", rest.trim_start_matches(['/', ':']))
}

/// A serialized origin with the root dot of its host dropped:
/// `https://example.com.:8443` -> `https://example.com:8443`. Hosts with a dot are
/// domains, so the only `.` before a `:` or the end is that root dot.
fn without_root_dot(serialized: String) -> String {
    match serialized.rfind(".:") {
        Some(at) if !serialized.ends_with(']') => {
            format!("{}{}", &serialized[..at], &serialized[at + 1..])
        }
        _ => serialized
            .strip_suffix('.')
            .map_or(serialized.clone(), str::to_owned),
    }
}

/// Empty labels in a parsed host (`a..b`, `.b`), or its root dot (`b.`), which the URL
/// parser keeps.
fn labels_problem(host: &str, suggestion: &str) -> Result<(), OriginProblem> {
    if host.starts_with('[') {
        return Ok(());
    }
    let inner = host.strip_suffix('.').unwrap_or(host);
    if inner.is_empty() || inner.split('.').any(str::is_empty) {
        return Err(OriginProblem::EmptyLabel);
    }
    if inner.len() < host.len() {
        return Err(OriginProblem::TrailingDot {
            suggestion: suggestion.to_owned(),
        });
    }
    Ok(())
}

/// A label no real origin uses, standing in for `*` while the URL parser checks a pattern.
const PLACEHOLDER: &str = "cors-policy-wildcard";

/// The first way in which the raw text differs from a serialized origin, named.
fn shape_problem(
    scheme: &str,
    authority: &str,
    rest: &str,
    suggestion: &str,
) -> Result<(), OriginProblem> {
    let suggestion = suggestion.to_owned();
    if rest == "/" {
        return Err(OriginProblem::TrailingSlash { suggestion });
    }
    match rest.chars().next() {
        Some('/') => return Err(OriginProblem::Path { suggestion }),
        Some('?') => return Err(OriginProblem::Query { suggestion }),
        Some('#') => return Err(OriginProblem::Fragment { suggestion }),
        _ => {}
    }
    if authority.contains('@') {
        return Err(OriginProblem::Userinfo { suggestion });
    }
    if !authority.is_ascii() {
        return Err(OriginProblem::NonAscii { suggestion });
    }
    let default_port = if scheme.eq_ignore_ascii_case("https") {
        ":443"
    } else {
        ":80"
    };
    if authority.ends_with(default_port) && !authority.ends_with(']') {
        return Err(OriginProblem::DefaultPort { suggestion });
    }
    if scheme
        .bytes()
        .chain(authority.bytes())
        .any(|b| b.is_ascii_uppercase())
    {
        return Err(OriginProblem::Uppercase { suggestion });
    }
    Ok(())
}

fn subdomain_pattern(url: &Url, scheme: &str) -> Result<AllowedOrigin, OriginProblem> {
    let Some(Host::Domain(host)) = url.host() else {
        return Err(OriginProblem::PatternOnIp);
    };
    // Empty labels and the root dot were refused before, so `domain` is plain labels.
    let domain = pattern_domain(host);
    public_suffix_problem(domain)?;
    let port = url.port().map(|p| format!(":{p}")).unwrap_or_default();
    Ok(AllowedOrigin::Subdomains(SubdomainPattern {
        scheme_prefix: format!("{scheme}://"),
        suffix: format!(".{domain}{port}"),
    }))
}

/// The domain of a parsed pattern host: what follows the placeholder for `*`.
fn pattern_domain(host: &str) -> &str {
    host.strip_prefix(PLACEHOLDER)
        .and_then(|d| d.strip_prefix('.'))
        .unwrap_or(host)
}

/// A pattern over `domain` matches names under it, so no public suffix may lie at or
/// below it, or some matched names are registrable by anyone.
fn public_suffix_problem(domain: &str) -> Result<(), OriginProblem> {
    // `localhost` has no registrable domain, but all its subdomains are loopback.
    if domain != "localhost" && psl::suffix_str(domain) == Some(domain) {
        return Err(OriginProblem::PublicSuffix {
            suffix: domain.to_owned(),
        });
    }
    // A rule below the domain (`s3.amazonaws.com` under `amazonaws.com`), a wildcard at
    // it (`*.sch.uk`), or an exception at it (`!city.kawasaki.jp`).
    match rule_at_or_below(domain) {
        Some(found) => Err(OriginProblem::PublicSuffixBelow {
            domain: domain.to_owned(),
            rule: found.rule.to_owned(),
            others: found.others,
        }),
        None => Ok(()),
    }
}

/// Loopback hosts, where a plain-`http` origin cannot be forged by a network attacker.
pub fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host.ends_with(".localhost")
        || host == "[::1]"
        || host.parse::<Ipv4Addr>().is_ok_and(|ip| ip.is_loopback())
}

/// The host of a serialized `http://` origin or pattern suffix, without port.
pub(crate) fn http_host(origin: &AllowedOrigin) -> Option<&str> {
    let authority = match origin {
        AllowedOrigin::Exact(text) => text.strip_prefix("http://")?,
        AllowedOrigin::Subdomains(pattern) if pattern.scheme_prefix == "http://" => {
            pattern.suffix.strip_prefix('.')?
        }
        _ => return None,
    };
    Some(match authority.rfind(':') {
        Some(colon) if !authority[colon..].contains(']') => &authority[..colon],
        _ => authority,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The subdomain rule as written before the single pass: split at the dots, every
    /// label non-empty and of the allowed bytes.
    fn labels_by_split(labels: &[u8]) -> bool {
        !labels.is_empty()
            && labels.split(|&b| b == b'.').all(|label| {
                !label.is_empty()
                    && label.iter().all(|&b| {
                        b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_'
                    })
            })
    }

    #[test]
    fn the_single_pass_subdomain_check_agrees_with_the_split_on_every_short_input() {
        // Every string of up to 5 bytes over a label byte of each kind, the dot, and
        // bytes that are no label's (upper case, `:`, `/`, `@`, `\`, non-ASCII).
        let alphabet = b"a1-_.A:/@\\\xc3";
        let mut inputs = vec![Vec::new()];
        let mut checked = 0;
        for length in 0..=5 {
            for input in &inputs {
                assert_eq!(
                    is_dns_labels(input),
                    labels_by_split(input),
                    "{:?}",
                    String::from_utf8_lossy(input)
                );
                checked += 1;
            }
            if length < 5 {
                inputs = inputs
                    .iter()
                    .flat_map(|input| {
                        alphabet.iter().map(move |&byte| {
                            let mut next = input.clone();
                            next.push(byte);
                            next
                        })
                    })
                    .collect();
            }
        }
        assert_eq!(checked, 177_156);
        assert!(is_dns_labels(b"a.b-c_1") && !is_dns_labels(b"a..b") && !is_dns_labels(b"a."));
    }

    fn exact(s: &str) -> AllowedOrigin {
        AllowedOrigin::Exact(s.to_owned())
    }

    #[test]
    fn serialized_origins_are_accepted_as_written() {
        for origin in [
            "https://app.example.com",
            "http://localhost:3000",
            "https://[::1]:8443",
            "http://127.0.0.1:8080",
            "https://xn--mnchen-3ya.de",
            "https://example.com:8443",
        ] {
            assert_eq!(check_origin(origin), Ok(exact(origin)), "{origin}");
        }
    }

    #[test]
    fn each_shape_mistake_is_named_with_the_serialized_fix() {
        let fix = || "https://app.example.com".to_owned();
        assert_eq!(
            check_origin("https://app.example.com/"),
            Err(OriginProblem::TrailingSlash { suggestion: fix() })
        );
        assert_eq!(
            check_origin("https://app.example.com/api"),
            Err(OriginProblem::Path { suggestion: fix() })
        );
        assert_eq!(
            check_origin("https://app.example.com?x=1"),
            Err(OriginProblem::Query { suggestion: fix() })
        );
        assert_eq!(
            check_origin("https://app.example.com#top"),
            Err(OriginProblem::Fragment { suggestion: fix() })
        );
        assert_eq!(
            check_origin("https://me@app.example.com"),
            Err(OriginProblem::Userinfo { suggestion: fix() })
        );
        assert_eq!(
            check_origin("https://app.example.com:443"),
            Err(OriginProblem::DefaultPort { suggestion: fix() })
        );
        assert_eq!(
            check_origin("https://App.Example.com"),
            Err(OriginProblem::Uppercase { suggestion: fix() })
        );
        assert_eq!(
            check_origin("app.example.com"),
            Err(OriginProblem::MissingScheme { suggestion: fix() })
        );
        for typo in ["https:app.example.com", "https:/app.example.com"] {
            assert_eq!(
                check_origin(typo),
                Err(OriginProblem::MissingScheme { suggestion: fix() }),
                "{typo}"
            );
        }
        assert_eq!(
            check_origin("http://example.com:80"),
            Err(OriginProblem::DefaultPort {
                suggestion: "http://example.com".into()
            })
        );
        assert_eq!(
            check_origin("https://münchen.de"),
            Err(OriginProblem::NonAscii {
                suggestion: "https://xn--mnchen-3ya.de".into()
            })
        );
        assert_eq!(
            check_origin("https://[0:0::1]"),
            Err(OriginProblem::NotSerialized {
                suggestion: "https://[::1]".into()
            })
        );
        assert_eq!(check_origin(""), Err(OriginProblem::Empty));
        assert_eq!(check_origin("null"), Err(OriginProblem::Null));
        assert_eq!(
            check_origin("ftp://x.com/files"),
            Err(OriginProblem::UnsupportedScheme {
                suggestion: "https://x.com".into()
            })
        );
    }

    #[test]
    fn patterns_are_anchored_and_refuse_public_suffixes() {
        let Ok(AllowedOrigin::Subdomains(pattern)) = check_origin("https://*.example.com") else {
            panic!("pattern refused");
        };
        assert!(pattern.matches(b"https://a.example.com"));
        assert!(pattern.matches(b"https://a.b.example.com"));
        // As exact origins, these are valid serialized origins (browsers accept `_` in
        // hosts): the pattern covers them too (found by the security review).
        for underscored in ["https://my_app.example.com", "https://a._dmarc.example.com"] {
            assert!(matches!(
                check_origin(underscored),
                Ok(AllowedOrigin::Exact(_))
            ));
            assert!(pattern.matches(underscored.as_bytes()), "{underscored}");
        }
        for refused in [
            "https://example.com",
            "https://a.example.com.evil.net",
            "https://evilexample.com",
            "https://evil-example.com",
            "http://a.example.com",
            "https://a.example.com:8443",
            "https://.example.com",
            "https://a..example.com",
            "https://a_b.example.com.evil.net",
            "https://a.example.com_.evil.net",
            "https://x@a.example.com",
        ] {
            assert!(!pattern.matches(refused.as_bytes()), "{refused}");
        }
        for misplaced in [
            "https://*example.com",
            "https://a.*.example.com",
            "*://example.com",
            "https://*",
        ] {
            assert_eq!(
                check_origin(misplaced),
                Err(OriginProblem::MisplacedWildcard),
                "{misplaced}"
            );
        }
        for public in ["co.uk", "github.io", "com"] {
            assert_eq!(
                check_origin(&format!("https://*.{public}")),
                Err(OriginProblem::PublicSuffix {
                    suffix: public.into()
                })
            );
        }
        assert_eq!(
            check_origin("https://*.127.0.0.1"),
            Err(OriginProblem::PatternOnIp)
        );
        let Ok(AllowedOrigin::Subdomains(ported)) = check_origin("https://*.example.com:8443")
        else {
            panic!("ported pattern refused");
        };
        assert!(ported.matches(b"https://a.example.com:8443"));
        assert!(!ported.matches(b"https://a.example.com"));
    }

    #[test]
    fn loopback_hosts() {
        for host in [
            "localhost",
            "127.0.0.1",
            "127.1.2.3",
            "[::1]",
            "app.localhost",
        ] {
            assert!(is_loopback_host(host), "{host}");
        }
        for host in ["example.com", "10.0.0.1", "localhost.example.com"] {
            assert!(!is_loopback_host(host), "{host}");
        }
    }
}
