//! A problem found in a policy, with where it is, so the macro can point at it.

use std::fmt;

use crate::{HeaderProblem, MaxAgeProblem, MethodProblem, OriginProblem};

/// A key of the policy, named as in `#[cors(...)]` and in `PolicyBuilder`. Ordered as
/// the rules check them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    /// `origins`.
    Origins,
    /// `credentials`.
    Credentials,
    /// `methods`.
    Methods,
    /// `allow_headers`.
    AllowHeaders,
    /// `expose_headers`.
    ExposeHeaders,
    /// `max_age`.
    MaxAge,
    /// `insecure_http_origins`.
    InsecureHttpOrigins,
    /// `private_network`.
    PrivateNetwork,
    /// `refuse_disallowed`.
    RefuseDisallowed,
}

impl Field {
    /// Every key, in the order the docs list them.
    pub const ALL: [Self; 9] = [
        Self::Origins,
        Self::Credentials,
        Self::Methods,
        Self::AllowHeaders,
        Self::ExposeHeaders,
        Self::MaxAge,
        Self::InsecureHttpOrigins,
        Self::PrivateNetwork,
        Self::RefuseDisallowed,
    ];

    /// The key as the user writes it: its one spelling, which the macro's parser, its
    /// messages and the builder's messages all use.
    pub fn key(self) -> &'static str {
        match self {
            Self::Origins => "origins",
            Self::Credentials => "credentials",
            Self::Methods => "methods",
            Self::AllowHeaders => "allow_headers",
            Self::ExposeHeaders => "expose_headers",
            Self::MaxAge => "max_age",
            Self::InsecureHttpOrigins => "insecure_http_origins",
            Self::PrivateNetwork => "private_network",
            Self::RefuseDisallowed => "refuse_disallowed",
        }
    }
}

/// Where a problem is: a key, or one entry of its list. Ordered by key, then the key
/// itself before its entries, then the entries in list order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// The key.
    pub field: Field,
    /// The entry's position in the list, or `None` for the key (or its only value).
    pub index: Option<usize>,
}

impl Location {
    /// The key itself.
    pub fn key(field: Field) -> Self {
        Self { field, index: None }
    }

    /// Entry `index` of the key's list.
    pub fn entry(field: Field, index: usize) -> Self {
        Self {
            field,
            index: Some(index),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.index {
            Some(index) => write!(f, "`{}` entry {}", self.field.key(), index + 1),
            None => write!(f, "`{}`", self.field.key()),
        }
    }
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ProblemKind {
    /// An entry of `origins`.
    Origin(OriginProblem),
    /// An entry of `methods`.
    Method(MethodProblem),
    /// An entry of `allow_headers` or `expose_headers`.
    Header(HeaderProblem),
    /// `max_age`.
    MaxAge(MaxAgeProblem),
    /// `origins` was not given.
    MissingOrigins,
    /// A list with no entry.
    EmptyList,
    /// `*` beside other entries in this list (in `allow_headers`, beside anything but
    /// `authorization`).
    WildcardMixed(Field),
    /// The same entry twice in this list.
    Duplicate(Field),
    /// `*` in this list of a credentialed policy; [`Problem::related`] points at
    /// `credentials`.
    WildcardWithCredentials(Field),
    /// A plain-`http` origin that is not loopback, in a credentialed policy.
    InsecureOriginWithCredentials,
}

/// One problem of a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where it is.
    pub at: Location,
    /// What it is.
    pub kind: ProblemKind,
    /// The other side of a conflict, if any.
    pub related: Option<Location>,
}

impl Problem {
    pub(crate) fn new(at: Location, kind: ProblemKind) -> Self {
        Self {
            at,
            kind,
            related: None,
        }
    }

    pub(crate) fn conflicting_with(mut self, other: Location) -> Self {
        self.related = Some(other);
        self
    }

    /// The note to show at [`related`](Self::related).
    pub fn related_note(&self) -> &'static str {
        match self.kind {
            ProblemKind::Duplicate(_) => "first given here",
            ProblemKind::WildcardWithCredentials(_)
            | ProblemKind::InsecureOriginWithCredentials => "credentials are enabled here",
            _ => "related to this",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Origin(problem) => problem.fmt(f),
            Self::Method(problem) => problem.fmt(f),
            Self::Header(problem) => problem.fmt(f),
            Self::MaxAge(problem) => problem.fmt(f),
            Self::MissingOrigins => write!(
                f,
                "missing `origins`: a CORS policy must say which origins it allows; add e.g. `origins = [\"https://app.example.com\"]`"
            ),
            Self::EmptyList => write!(
                f,
                "empty list: an empty list allows nothing and is always a mistake; list at least one entry or remove the key"
            ),
            Self::WildcardMixed(Field::AllowHeaders) => write!(
                f,
                "`\"*\"` mixed with other entries: `*` already allows every header name except `authorization`, which Fetch never lets the wildcard cover, so only `\"authorization\"` may stand beside it; write `[\"*\"]`, `[\"*\", \"authorization\"]`, or only the entries"
            ),
            Self::WildcardMixed(_) => write!(
                f,
                "`\"*\"` mixed with other entries: `*` already allows everything, so the list is ambiguous; write either `[\"*\"]` alone or only the entries"
            ),
            Self::Duplicate(field) => match field {
                Field::AllowHeaders | Field::ExposeHeaders => write!(
                    f,
                    "duplicate header name: header names compare case-insensitively, so this one is already listed; remove it"
                ),
                Field::Methods => write!(
                    f,
                    "duplicate method: each method may appear once; remove this one"
                ),
                _ => write!(
                    f,
                    "duplicate origin: each origin may appear once; remove this one"
                ),
            },
            Self::WildcardWithCredentials(field) => match field {
                Field::Origins => write!(
                    f,
                    "`credentials` cannot be combined with origin `\"*\"`: browsers reject `Access-Control-Allow-Origin: *` on credentialed requests; list the allowed origins instead"
                ),
                _ => write!(
                    f,
                    "`credentials` cannot be combined with `{key} = [\"*\"]`: on credentialed requests browsers read `*` as a literal name, not a wildcard, so it would allow nothing; list the allowed entries instead",
                    key = field.key()
                ),
            },
            Self::InsecureOriginWithCredentials => write!(
                f,
                "plain-`http` origin in a credentialed policy: any active network attacker can forge a non-loopback `http://` origin and read credentialed responses; use `https://`, or opt in with `insecure_http_origins`"
            ),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.kind)
    }
}

impl std::error::Error for Problem {}
