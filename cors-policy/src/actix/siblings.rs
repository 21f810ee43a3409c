//! The other handlers of a URL that a narrowed middleware's cached preflight answer could
//! let a browser reach without asking their own policies (issue 13).
//!
//! A browser caches an answer's request-header names per origin and URL apart from its
//! methods, and reuses them for a request of any method whose method passes on its own
//! (safelisted, or in its own cached answer): [`covers_other_handlers`], the rule shared
//! with axum, cites Fetch. axum's per-method router sees
//! the whole path; one actix middleware sees only its own resource. So every narrowed
//! middleware (the route macros' [`middleware_for`](super::route_guard::middleware_for),
//! [`resource_for`](super::resource_for), [`CorsMiddleware::for_resource`] and
//! [`CorsMiddleware::for_methods`]) records here, when it is made, the path pattern it
//! serves as written and its policy, whatever its methods. Those are made
//! while the `App` is built or registered (a route macro's `wrap` is evaluated in its
//! `register`), and actix-web registers every service of an `App` before it makes any of
//! their services; so when a narrowed middleware makes its service
//! (`Transform::new_transform`, once per resource and worker, before the first request),
//! its `App`'s siblings are all here, and its answers say `Access-Control-Max-Age: 0` if
//! the rule says so. Nothing happens per request: the answer's values are made then.
//!
//! The registry errs only toward `Max-Age: 0`:
//!
//! - A pattern is written relative to its scope, whose prefix is unknown here. Two
//!   patterns are siblings unless they cannot match one URL, compared from the last
//!   segment back (a scope only adds segments in front), a segment with a parameter
//!   (`{id}`, `file-{id}.txt`) or a `%` matching any, empty segments and trailing slashes
//!   ignored, and a parameter with its own regex (`{id:\d+}`) or a tail (`{tail}*`),
//!   which may match several segments, matching every pattern. Patterns of other scopes
//!   and other `App`s in the process can only look alike (an answer uncached for
//!   nothing), never look apart when they can match one URL.
//! - [`CorsMiddleware::for_methods`] is not told its path: it is recorded, and looks, as
//!   a sibling of every path.
//! - Entries are never removed, and a worker building the same `App` again records
//!   nothing new (an equal entry is kept once).
//!
//! What the registry cannot see is a handler under no narrowed middleware: a route
//! without a policy, one under a plain [`CorsMiddleware`] (wrapping a resource, a scope or
//! the `App`), a `default_service`. A cached answer may still let a page's request
//! carrying the answer's header names reach those without a preflight. Nor does a plain
//! `CorsMiddleware` consult the registry: its answers keep their `max_age` whatever is
//! recorded beside them. The README says so, and what to do.

use std::sync::{Arc, Mutex, PoisonError};

#[cfg(doc)]
use super::CorsMiddleware;
use crate::Policy;
use crate::allow_methods::covers_other_handlers;

/// Where a narrowed middleware serves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Place {
    /// At this path pattern, as written for its resource (relative to its scope).
    Pattern(Arc<str>),
    /// Anywhere: a middleware not told its path ([`CorsMiddleware::for_methods`]).
    Anywhere,
}

/// A handler that serves at `place` under `policy`.
struct Sibling {
    place: Place,
    policy: Policy,
}

/// Every such handler recorded in the process.
static RECORDED: Mutex<Vec<Sibling>> = Mutex::new(Vec::new());

/// Records a middleware for `policy` at `place`: a sibling that other answers may cover,
/// whatever methods it serves. Kept once however often it is recorded (each worker
/// builds the `App`).
pub(super) fn record(place: &Place, policy: &Policy) {
    let mut recorded = RECORDED.lock().unwrap_or_else(PoisonError::into_inner);
    if !(recorded.iter()).any(|s| s.place == *place && s.policy == *policy) {
        recorded.push(Sibling {
            place: place.clone(),
            policy: policy.clone(),
        });
    }
}

/// Whether the answers of `policy` at `place` must go uncached, given every sibling
/// recorded so far.
pub(super) fn must_not_cache(place: &Place, policy: &Policy) -> bool {
    let recorded = RECORDED.lock().unwrap_or_else(PoisonError::into_inner);
    covered_among(&recorded, place, policy)
}

/// [`must_not_cache`] among `siblings`.
fn covered_among(siblings: &[Sibling], place: &Place, policy: &Policy) -> bool {
    let at_same_url = siblings.iter().filter(|s| may_share_a_url(&s.place, place));
    covers_other_handlers(policy, at_same_url.map(|s| &s.policy))
}

/// Whether a request's URL may reach both places.
fn may_share_a_url(a: &Place, b: &Place) -> bool {
    match (a, b) {
        (Place::Pattern(a), Place::Pattern(b)) => patterns_may_share_a_url(a, b),
        _ => true,
    }
}

/// Whether two path patterns as written, each under a scope prefix unknown here, may
/// match one URL: compared from the last segment back, as far as the shorter goes.
fn patterns_may_share_a_url(a: &str, b: &str) -> bool {
    let (Some(a), Some(b)) = (segments(a), segments(b)) else {
        return true;
    };
    (a.iter().rev().zip(b.iter().rev())).all(|(a, b)| segments_may_match(a, b))
}

/// The non-empty segments of a pattern, or `None` when one may match several segments
/// (a parameter with a regex of its own, or a tail `*`): such a pattern may match any
/// URL another matches.
fn segments(pattern: &str) -> Option<Vec<&str>> {
    let mut segments = Vec::new();
    let mut open = false;
    let mut start = 0;
    for (at, byte) in pattern.bytes().enumerate() {
        match byte {
            b'{' => open = true,
            b'}' => open = false,
            // Inside braces: a regex, which may cross a `/` (or a custom one anyway).
            b':' | b'/' if open => return None,
            b'*' => return None,
            b'/' => {
                segments.push(&pattern[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    segments.push(&pattern[start..]);
    segments.retain(|segment| !segment.is_empty());
    Some(segments)
}

/// Whether two segments may match the same text: equal ones, or one with a parameter
/// (any text) or a `%` (actix decodes the request's path before matching, so an encoded
/// and a plain spelling may match alike).
fn segments_may_match(a: &str, b: &str) -> bool {
    let any = |segment: &str| segment.contains(['{', '%']);
    a == b || any(a) || any(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pattern(text: &str) -> Place {
        Place::Pattern(text.into())
    }

    fn may(a: &str, b: &str) -> bool {
        patterns_may_share_a_url(a, b) && patterns_may_share_a_url(b, a)
    }

    #[test]
    fn patterns_that_can_match_one_url_are_siblings() {
        assert!(may("/notes", "/notes"));
        // Parameters match any text, whatever they are called.
        assert!(may("/notes/{id}", "/notes/{name}"));
        assert!(may("/notes/{id}", "/notes/new"));
        assert!(may("/notes/file-{id}.txt", "/notes/a.txt"));
        // A scope adds segments in front: `/notes` in `scope("/api")`.
        assert!(may("/notes", "/api/notes"));
        assert!(may("notes", "/{tenant}/notes"));
        assert!(may("", "/anything"));
        // Trailing slashes and empty segments are ignored (NormalizePath may merge them).
        assert!(may("/notes/", "/notes"));
        assert!(may("/a//b", "/a/b"));
        // Regexes and tails may match several segments: siblings of every pattern.
        assert!(may("/notes/{id:\\d+}", "/other"));
        assert!(may("/files/{tail}*", "/x/y/z"));
        assert!(may("/{p:.*}", "/"));
        // actix decodes the path before matching: `%` spellings are not told apart.
        assert!(may("/caf%C3%A9", "/café"));
    }

    #[test]
    fn patterns_that_cannot_match_one_url_are_not() {
        assert!(!may("/notes", "/tasks"));
        assert!(!may("/notes/{id}", "/tasks/{id}"));
        assert!(!may("/api/notes", "/v2/notes"));
        // Case matters to actix's router.
        assert!(!may("/Notes", "/notes"));
    }

    fn sibling(place: Place, policy: &Policy) -> Sibling {
        Sibling {
            place,
            policy: policy.clone(),
        }
    }

    /// A policy for `PUT`, allowing the request header `x-token` or none.
    fn policy(x_token: bool) -> Policy {
        let builder = Policy::builder()
            .origins(["https://app.example.com"])
            .methods(["PUT"]);
        let builder = if x_token {
            builder.allow_headers(["x-token"])
        } else {
            builder
        };
        builder.build().expect("valid")
    }

    #[test]
    fn an_answer_is_uncached_beside_another_policy_at_a_url_it_may_share() {
        let update = policy(true);
        let read = policy(false);
        let at = pattern("/notes");
        let siblings = [sibling(pattern("/notes/"), &read)];
        assert!(covered_among(&siblings, &at, &update));
        // Elsewhere: cached.
        let elsewhere = [sibling(pattern("/tasks"), &read)];
        assert!(!covered_among(&elsewhere, &at, &update));
        // The same policy: cached.
        let same = [sibling(pattern("/notes"), &update)];
        assert!(!covered_among(&same, &at, &update));
        // A sibling not told its path is everywhere, and so is a middleware not told its own.
        let anywhere = [sibling(Place::Anywhere, &read)];
        assert!(covered_among(&anywhere, &at, &update));
        assert!(covered_among(&elsewhere, &Place::Anywhere, &update));
        // An answer allowing no request header covers nothing more than its methods.
        assert!(!covered_among(&siblings, &at, &read));
    }

    /// A `DELETE` handler is a sibling as much as a `GET` one: Fetch caches the answer's
    /// header names and methods apart, so `PUT`'s `x-token` would cover the `DELETE`
    /// once `DELETE`'s own answer is cached (Firefox).
    #[test]
    fn a_handler_of_any_method_is_recorded() {
        let remove = Policy::builder()
            .origins(["https://app.example.com"])
            .methods(["DELETE"])
            .build()
            .expect("valid");
        let at = pattern("/siblings-unit/any-method");
        record(&at, &remove);
        assert!(must_not_cache(&at, &policy(true)));
    }
}
