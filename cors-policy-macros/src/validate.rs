//! Stage 2: run the shared rules on the received literals and put each problem on the
//! token it is about.
//!
//! Every CORS rule lives in `typed_cors_rules::validate`, the same function that
//! `Policy::builder().build()` calls at run time, so the macro and the runtime can never
//! disagree; this stage only translates locations into spans.

use darling::error::Accumulator;
use proc_macro2::Span;
use syn::Path;
use typed_cors_rules::{Field, Location, PolicySpec, Problem, ValidPolicy};

use crate::diag::{conflict_at, error_at};
use crate::key::Key;
use crate::key_values::{EntryList, FlagValue};
use crate::receive::{Keyed, Received};

/// What the attribute asks for, once it is known to be valid.
pub(crate) enum PolicyModel {
    /// A policy written out in the attribute: every setting, as the rules validated it.
    Written(ValidPolicy),
    /// `policy = Name`: the policy of another `CorsPolicy` type.
    Named(Path),
}

/// Validates the received policy. `attr` is the span of the attribute, where errors
/// about a missing key go. Returns `None` when a problem was reported.
pub(crate) fn validate_policy(
    received: &Received,
    attr: Span,
    errors: &mut Accumulator,
) -> Option<PolicyModel> {
    if let Some(policy) = &received.policy {
        return Some(PolicyModel::Named(policy.value.0.clone()));
    }
    let spec = PolicySpec {
        origins: texts(&received.origins),
        credentials: received.credentials.is_some(),
        methods: texts(&received.methods),
        allow_headers: texts(&received.allow_headers),
        expose_headers: texts(&received.expose_headers),
        max_age: received.max_age.as_ref().map(|m| m.value.seconds),
        insecure_http_origins: received.insecure_http_origins.is_some(),
        private_network: received.private_network.is_some(),
        refuse_disallowed: received.refuse_disallowed.is_some(),
    };
    match typed_cors_rules::validate(&spec) {
        Ok(valid) => Some(PolicyModel::Written(valid)),
        Err(problems) => {
            for problem in problems.iter().filter(|p| reportable(received, p)) {
                errors.push(to_error(received, attr, problem));
            }
            None
        }
    }
}

fn texts(list: &Option<Keyed<EntryList>>) -> Option<Vec<&str>> {
    list.as_ref()
        .map(|l| l.value.entries.iter().map(|e| e.text.as_str()).collect())
}

/// A key whose value was refused while receiving it was already reported, and its
/// absence from the spec would only add a misleading second error (such as "missing
/// `origins`" right after "`origins` takes a list").
fn reportable(received: &Received, problem: &Problem) -> bool {
    !received.was_refused(Key::Setting(problem.at.field))
}

fn to_error(received: &Received, attr: Span, problem: &Problem) -> darling::Error {
    let at = span_of(received, attr, problem.at);
    match problem.related {
        Some(other) => conflict_at(
            at,
            &problem.kind,
            span_of(received, attr, other),
            problem.related_note(),
        ),
        None => error_at(at, &problem.kind),
    }
}

/// The smallest token a location designates: the list entry, the key, or for a value
/// such as `max_age` the literal itself.
fn span_of(received: &Received, attr: Span, at: Location) -> Span {
    let flag = |flag: Option<FlagValue>| flag.map_or(attr, |f| f.0);
    let list = match at.field {
        Field::Origins => &received.origins,
        Field::Methods => &received.methods,
        Field::AllowHeaders => &received.allow_headers,
        Field::ExposeHeaders => &received.expose_headers,
        Field::MaxAge => return received.max_age.as_ref().map_or(attr, |m| m.value.span),
        Field::Credentials => return flag(received.credentials),
        Field::InsecureHttpOrigins => return flag(received.insecure_http_origins),
        Field::PrivateNetwork => return flag(received.private_network),
        Field::RefuseDisallowed => return flag(received.refuse_disallowed),
    };
    let Some(list) = list else {
        return attr;
    };
    at.index
        .and_then(|i| list.value.entries.get(i))
        .map_or(list.key, |entry| entry.span)
}
