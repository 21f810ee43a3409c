//! The whole-policy rules: each entry, each list, and the checks across keys.

use std::collections::HashMap;
use std::hash::Hash;

use crate::origin::http_host;
use crate::{
    AllowedOrigin, Field, Location, Problem, ProblemKind, SubdomainPattern, check_allow_header,
    check_expose_header, check_max_age, check_method, check_origin, is_loopback_host,
};

/// A policy as written, before validation: the macro fills it from the attribute's
/// literals, `PolicyBuilder` from its calls. `None` means the key was not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PolicySpec<'a> {
    /// `origins`.
    pub origins: Option<Vec<&'a str>>,
    /// `credentials`.
    pub credentials: bool,
    /// `methods`.
    pub methods: Option<Vec<&'a str>>,
    /// `allow_headers`.
    pub allow_headers: Option<Vec<&'a str>>,
    /// `expose_headers`.
    pub expose_headers: Option<Vec<&'a str>>,
    /// `max_age`, in seconds.
    pub max_age: Option<u64>,
    /// `insecure_http_origins`: allow non-loopback `http://` origins with credentials.
    pub insecure_http_origins: bool,
    /// `private_network`: answer Private Network Access preflights.
    pub private_network: bool,
    /// `refuse_disallowed`: refuse actual requests from disallowed origins with 403.
    pub refuse_disallowed: bool,
}

/// The allowed origins of a valid policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OriginsModel {
    /// Any origin (`*`), never with credentials.
    Any,
    /// Listed origins and patterns.
    List {
        /// Serialized origins, in the order given.
        exact: Vec<String>,
        /// Subdomain patterns, in the order given.
        patterns: Vec<SubdomainPattern>,
    },
}

/// A valid list of methods or header names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ListModel {
    /// `*`, never with credentials. In `allow_headers` it does not cover
    /// `authorization` (Fetch: the wildcard never matches `Authorization`).
    Any,
    /// `allow_headers` only: `["*", "authorization"]`, the one mix Fetch defines
    /// (`Access-Control-Allow-Headers: *, Authorization`); never with credentials.
    AnyAndAuthorization,
    /// The entries, normalized (header names lowercase); empty when the key was omitted.
    List(Vec<String>),
}

impl ListModel {
    /// The header value that announces this list, if there is one to send.
    pub fn header_value(&self) -> Option<String> {
        match self {
            Self::Any => Some("*".to_owned()),
            Self::AnyAndAuthorization => Some("*, authorization".to_owned()),
            Self::List(entries) if entries.is_empty() => None,
            Self::List(entries) => Some(entries.join(", ")),
        }
    }
}

/// A policy that passed every rule, in normalized form: every option of the
/// [`PolicySpec`] that the runtime applies. (`insecure_http_origins` is not one: it only
/// lets a rule pass, and a valid policy is the same whether it was needed or not.)
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPolicy {
    /// Allowed origins.
    pub origins: OriginsModel,
    /// Whether credentialed requests are allowed.
    pub credentials: bool,
    /// Allowed methods beyond the CORS-safelisted GET, HEAD and POST.
    pub methods: ListModel,
    /// Allowed request headers.
    pub allow_headers: ListModel,
    /// Response headers exposed to scripts.
    pub expose_headers: ListModel,
    /// Preflight cache lifetime in seconds; `None` leaves the browser default (5 s).
    pub max_age: Option<u32>,
    /// Whether Private Network Access preflights are answered.
    pub private_network: bool,
    /// Whether actual requests from disallowed origins are refused with 403.
    pub refuse_disallowed: bool,
}

/// Checks a policy against every rule and reports all problems at once.
pub fn validate(spec: &PolicySpec<'_>) -> Result<ValidPolicy, Vec<Problem>> {
    let mut problems = Vec::new();
    let origins = validate_origins(spec, &mut problems);
    let methods = list_model(validate_list(
        Field::Methods,
        spec.methods.as_deref(),
        spec.credentials,
        |text| {
            check_method(text)
                .map(|()| text.to_owned())
                .map_err(ProblemKind::Method)
        },
        &mut problems,
    ));
    let allow_headers = list_model(validate_list(
        Field::AllowHeaders,
        spec.allow_headers.as_deref(),
        spec.credentials,
        |text| check_allow_header(text).map_err(ProblemKind::Header),
        &mut problems,
    ));
    let expose_headers = list_model(validate_list(
        Field::ExposeHeaders,
        spec.expose_headers.as_deref(),
        spec.credentials,
        |text| check_expose_header(text).map_err(ProblemKind::Header),
        &mut problems,
    ));
    let max_age = spec.max_age.and_then(|seconds| {
        check_max_age(seconds)
            .map_err(|p| {
                problems.push(Problem::new(
                    Location::key(Field::MaxAge),
                    ProblemKind::MaxAge(p),
                ))
            })
            .ok()
    });
    if !problems.is_empty() {
        // In the order the user reads the policy, whichever rule found each problem
        // first (the credentialed-`http` check runs after the entries' own checks).
        problems.sort_by_key(|problem| problem.at);
        return Err(problems);
    }
    Ok(ValidPolicy {
        origins: origins.expect("origins are present when no problem was found"),
        credentials: spec.credentials,
        methods,
        allow_headers,
        expose_headers,
        max_age,
        private_network: spec.private_network,
        refuse_disallowed: spec.refuse_disallowed,
    })
}

/// A list after its entries were checked: `*`, or the normalized entries.
enum Listed<T> {
    Any,
    /// `allow_headers` only: `["*", "authorization"]`.
    AnyAndAuthorization,
    /// The distinct entries, each with its position in the list as written.
    Entries(Vec<(usize, T)>),
}

fn list_model(listed: Option<Listed<String>>) -> ListModel {
    match listed {
        Some(Listed::Any) => ListModel::Any,
        Some(Listed::AnyAndAuthorization) => ListModel::AnyAndAuthorization,
        Some(Listed::Entries(entries)) => {
            ListModel::List(entries.into_iter().map(|(_, entry)| entry).collect())
        }
        None => ListModel::List(Vec::new()),
    }
}

/// The rules every list shares: not empty, `*` alone (but for `["*", "authorization"]`
/// in `allow_headers`) and never with credentials, no duplicates; and each entry passes
/// `check`, which also normalizes it.
fn validate_list<T: Eq + Hash + Clone>(
    field: Field,
    entries: Option<&[&str]>,
    credentials: bool,
    check: impl Fn(&str) -> Result<T, ProblemKind>,
    problems: &mut Vec<Problem>,
) -> Option<Listed<T>> {
    let entries = entries?;
    if entries.is_empty() {
        problems.push(Problem::new(Location::key(field), ProblemKind::EmptyList));
        return None;
    }
    if let Some(star) = entries.iter().position(|e| *e == "*") {
        let at = Location::entry(field, star);
        let listed = match entries.len() {
            1 => Listed::Any,
            // Fetch's `*` never covers `Authorization`, so naming it beside `*` is the
            // one mix that says something (`Access-Control-Allow-Headers: *, Authorization`).
            2 if field == Field::AllowHeaders
                && entries
                    .iter()
                    .any(|e| e.eq_ignore_ascii_case("authorization")) =>
            {
                Listed::AnyAndAuthorization
            }
            _ => {
                problems.push(Problem::new(at, ProblemKind::WildcardMixed(field)));
                Listed::Any
            }
        };
        if credentials {
            problems.push(
                Problem::new(at, ProblemKind::WildcardWithCredentials(field))
                    .conflicting_with(Location::key(Field::Credentials)),
            );
        }
        // The other entries' own problems too, so that fixing the `*` does not reveal
        // new ones.
        check_entries(field, entries, &check, problems);
        return Some(listed);
    }
    Some(Listed::Entries(check_entries(
        field, entries, &check, problems,
    )))
}

/// Checks and normalizes each entry but `*` (which the list rules judge), reporting
/// duplicates at the later entry; returns the distinct entries with their positions.
fn check_entries<T: Eq + Hash + Clone>(
    field: Field,
    entries: &[&str],
    check: &impl Fn(&str) -> Result<T, ProblemKind>,
    problems: &mut Vec<Problem>,
) -> Vec<(usize, T)> {
    // Linear in the list's length: a list read from configuration may be long.
    let mut checked: Vec<(usize, T)> = Vec::with_capacity(entries.len());
    let mut first_index: HashMap<T, usize> = HashMap::with_capacity(entries.len());
    for (index, text) in entries.iter().enumerate().filter(|(_, e)| **e != "*") {
        let at = Location::entry(field, index);
        match check(text) {
            Err(kind) => problems.push(Problem::new(at, kind)),
            Ok(value) => match first_index.get(&value) {
                Some(&first) => problems.push(
                    Problem::new(at, ProblemKind::Duplicate(field))
                        .conflicting_with(Location::entry(field, first)),
                ),
                None => {
                    first_index.insert(value.clone(), index);
                    checked.push((index, value));
                }
            },
        }
    }
    checked
}

fn validate_origins(spec: &PolicySpec<'_>, problems: &mut Vec<Problem>) -> Option<OriginsModel> {
    if spec.origins.is_none() {
        problems.push(Problem::new(
            Location::key(Field::Origins),
            ProblemKind::MissingOrigins,
        ));
        return None;
    }
    let check = |text: &str| match check_origin(text) {
        Ok(AllowedOrigin::Any) => unreachable!("`*` is handled by the list rules"),
        Ok(origin) => Ok(origin),
        Err(problem) => Err(ProblemKind::Origin(problem)),
    };
    let origins = match validate_list(
        Field::Origins,
        spec.origins.as_deref(),
        spec.credentials,
        check,
        problems,
    )? {
        // `["*", "authorization"]` is an `allow_headers` list only.
        Listed::Any | Listed::AnyAndAuthorization => return Some(OriginsModel::Any),
        Listed::Entries(origins) => origins,
    };
    if spec.credentials && !spec.insecure_http_origins {
        check_insecure_origins(&origins, problems);
    }
    let mut exact = Vec::new();
    let mut patterns = Vec::new();
    for (_, origin) in origins {
        match origin {
            AllowedOrigin::Exact(text) => exact.push(text),
            AllowedOrigin::Subdomains(pattern) => patterns.push(pattern),
            AllowedOrigin::Any => {}
        }
    }
    Some(OriginsModel::List { exact, patterns })
}

/// Credentialed plain-`http` origins must be loopback unless the user opted in.
fn check_insecure_origins(origins: &[(usize, AllowedOrigin)], problems: &mut Vec<Problem>) {
    for (index, origin) in origins {
        if http_host(origin).is_some_and(|host| !is_loopback_host(host)) {
            problems.push(
                Problem::new(
                    Location::entry(Field::Origins, *index),
                    ProblemKind::InsecureOriginWithCredentials,
                )
                .conflicting_with(Location::key(Field::Credentials)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::MaxAgeProblem;

    fn spec<'a>(origins: &[&'a str]) -> PolicySpec<'a> {
        PolicySpec {
            origins: Some(origins.to_vec()),
            ..PolicySpec::default()
        }
    }

    fn kinds(result: Result<ValidPolicy, Vec<Problem>>) -> Vec<(Location, ProblemKind)> {
        result
            .unwrap_err()
            .into_iter()
            .map(|p| (p.at, p.kind))
            .collect()
    }

    #[test]
    fn a_full_policy_is_normalized() {
        let valid = validate(&PolicySpec {
            credentials: true,
            methods: Some(vec!["GET", "PUT"]),
            allow_headers: Some(vec!["Content-Type", "x-request-id"]),
            expose_headers: Some(vec!["X-Request-Id"]),
            max_age: Some(600),
            private_network: true,
            ..spec(&["https://app.example.com", "https://*.example.com"])
        })
        .unwrap();
        assert!(valid.private_network && !valid.refuse_disallowed);
        assert_eq!(
            valid.origins,
            OriginsModel::List {
                exact: vec!["https://app.example.com".into()],
                patterns: vec![SubdomainPattern {
                    scheme_prefix: "https://".into(),
                    suffix: ".example.com".into()
                }],
            }
        );
        assert_eq!(valid.methods.header_value().as_deref(), Some("GET, PUT"));
        assert_eq!(
            valid.allow_headers.header_value().as_deref(),
            Some("content-type, x-request-id")
        );
        assert_eq!(
            valid.expose_headers.header_value().as_deref(),
            Some("x-request-id")
        );
        assert_eq!(valid.max_age, Some(600));
    }

    #[test]
    fn credentials_refuse_every_wildcard_and_point_at_it() {
        let problems = validate(&PolicySpec {
            credentials: true,
            methods: Some(vec!["*"]),
            allow_headers: Some(vec!["*"]),
            expose_headers: Some(vec!["*"]),
            ..spec(&["*"])
        })
        .unwrap_err();
        assert_eq!(problems.len(), 4);
        for problem in problems {
            assert_eq!(
                problem.kind,
                ProblemKind::WildcardWithCredentials(problem.at.field)
            );
            assert_eq!(problem.at.index, Some(0));
            assert_eq!(problem.related, Some(Location::key(Field::Credentials)));
        }
    }

    #[test]
    fn list_rules() {
        assert_eq!(
            kinds(validate(&spec(&["*", "https://a.com"]))),
            vec![(
                Location::entry(Field::Origins, 0),
                ProblemKind::WildcardMixed(Field::Origins)
            )]
        );
        assert_eq!(
            kinds(validate(&spec(&[]))),
            vec![(Location::key(Field::Origins), ProblemKind::EmptyList)]
        );
        let duplicate = validate(&PolicySpec {
            allow_headers: Some(vec!["X-A", "x-a"]),
            ..spec(&["https://a.com"])
        })
        .unwrap_err();
        assert_eq!(
            duplicate[0].kind,
            ProblemKind::Duplicate(Field::AllowHeaders)
        );
        assert_eq!(duplicate[0].at, Location::entry(Field::AllowHeaders, 1));
        assert_eq!(
            duplicate[0].related,
            Some(Location::entry(Field::AllowHeaders, 0))
        );
        assert_eq!(
            kinds(validate(&PolicySpec::default())),
            vec![(Location::key(Field::Origins), ProblemKind::MissingOrigins)]
        );
    }

    #[test]
    fn credentialed_http_origins_must_be_loopback_or_opted_in() {
        let credentialed = |origins: &[&'static str], opt_in| PolicySpec {
            credentials: true,
            insecure_http_origins: opt_in,
            ..spec(origins)
        };
        assert_eq!(
            kinds(validate(&credentialed(
                &["https://a.com", "http://intranet.example"],
                false
            ))),
            vec![(
                Location::entry(Field::Origins, 1),
                ProblemKind::InsecureOriginWithCredentials
            )]
        );
        assert_eq!(
            kinds(validate(&credentialed(&["http://*.example.com"], false))),
            vec![(
                Location::entry(Field::Origins, 0),
                ProblemKind::InsecureOriginWithCredentials
            )]
        );
        assert!(validate(&credentialed(&["http://intranet.example"], true)).is_ok());
        assert!(
            validate(&credentialed(
                &[
                    "http://localhost:3000",
                    "http://127.0.0.1:8080",
                    "http://[::1]:9000"
                ],
                false
            ))
            .is_ok()
        );
        assert!(validate(&spec(&["http://intranet.example"])).is_ok());
    }

    #[test]
    fn all_problems_are_reported_together() {
        let problems = validate(&PolicySpec {
            methods: Some(vec!["put", "TRACE"]),
            max_age: Some(100_000),
            ..spec(&["https://a.com/", "null"])
        })
        .unwrap_err();
        assert_eq!(problems.len(), 5);
    }

    /// Issue 12: a `*` beside other entries is reported, and so is every other entry's
    /// own problem, so that removing the `*` reveals nothing new.
    #[test]
    fn a_wildcard_hides_no_other_entry_s_problem() {
        let found = kinds(validate(&PolicySpec {
            methods: Some(vec!["put", "*", "TRACE"]),
            ..spec(&["https://a.example/", "*", "null", "https://a.example/"])
        }));
        let places: Vec<Location> = found.iter().map(|(at, _)| *at).collect();
        assert_eq!(
            places,
            [
                Location::entry(Field::Origins, 0),
                Location::entry(Field::Origins, 1),
                Location::entry(Field::Origins, 2),
                Location::entry(Field::Origins, 3),
                Location::entry(Field::Methods, 0),
                Location::entry(Field::Methods, 1),
                Location::entry(Field::Methods, 2),
            ],
            "{found:?}"
        );
        assert_eq!(found[1].1, ProblemKind::WildcardMixed(Field::Origins));
    }

    /// Problems come in the order of the keys and of the entries, whichever rule found
    /// them: here the credentialed-`http` check (which runs after the entries' own
    /// checks) and a duplicate.
    #[test]
    fn problems_come_in_the_order_of_the_entries() {
        let found = kinds(validate(&PolicySpec {
            credentials: true,
            max_age: Some(100_000),
            ..spec(&[
                "http://intranet.example",
                "https://a.example/",
                "http://intranet.example",
            ])
        }));
        assert_eq!(
            found,
            [
                (
                    Location::entry(Field::Origins, 0),
                    ProblemKind::InsecureOriginWithCredentials
                ),
                (
                    Location::entry(Field::Origins, 1),
                    found[1].1.clone() // the trailing slash, whose text `origin.rs` tests
                ),
                (
                    Location::entry(Field::Origins, 2),
                    ProblemKind::Duplicate(Field::Origins)
                ),
                (
                    Location::key(Field::MaxAge),
                    ProblemKind::MaxAge(MaxAgeProblem::TooLarge)
                ),
            ]
        );
        assert!(matches!(found[1].1, ProblemKind::Origin(_)));
    }
}
