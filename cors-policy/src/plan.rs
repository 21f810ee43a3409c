//! The decision itself, made once per request on the framework's own header types,
//! without allocating: what to answer and why. Every edge ([`Policy::decide`], the tower
//! layer, the axum router, the actix middleware) calls [`Plan::decide`]; the
//! [writer](crate::write) turns its result into headers.
//!
//! Fetch standard, "CORS protocol": a request with `Origin` is a CORS request; an
//! `OPTIONS` one that also carries `Access-Control-Request-Method` is a preflight.

use http::HeaderValue;

use crate::Refusal;
use crate::policy::{NameRule, Policy};
use crate::request_headers::{Field, Known, RequestHeaders};
use crate::value_type::ValueType;
use crate::vary::Vary;

/// What to do with a request, and why; borrowed from the request's headers, whose
/// value type is `V`.
#[derive(Clone, Debug)]
pub(crate) enum Plan<'a, V = HeaderValue> {
    /// Answer `204` now with these headers, without calling the handler.
    Preflight(Preflight<'a, V>),
    /// Answer `403` now (a disallowed origin under `refuse_disallowed`).
    Refuse(Reason<'a, V>),
    /// Call the handler, then write `Forward` on its response; `None` when allowed.
    Forward(Forward<V>, Option<Reason<'a, V>>),
}

/// What the layer keeps for a forwarded request until the inner response is ready,
/// kept small so that the future stays small: the `Access-Control-Allow-Origin` of an
/// allowed request (the rest are the policy's constants), or only the `Vary` to add.
#[derive(Clone, Debug)]
pub(crate) enum Forward<V = HeaderValue> {
    /// Allowed: this `Access-Control-Allow-Origin`, then the policy's credentials and
    /// exposed headers, and `Vary: Origin` unless the policy is `*`.
    Allowed(V),
    /// Not allowed, or not a CORS request under a policy that depends on `Origin`.
    Vary(Vary),
}

/// The answer to a preflight.
#[derive(Clone, Debug)]
pub(crate) struct Preflight<'a, V = HeaderValue> {
    /// `Access-Control-Allow-Origin`; `None` when the origin is refused, and then the
    /// answer carries no CORS header at all.
    pub(crate) allow_origin: Option<V>,
    /// Why the preflight fails, if it does. With an allowed origin, the answer still
    /// names the origin and the policy's own methods and headers, so that the browser's
    /// console says what is wrong (the method, the header), not "no origin header".
    pub(crate) refusal: Option<Reason<'a, V>>,
    /// The request's `Access-Control-Request-Headers` when the answer echoes it
    /// (`allow_headers = ["*"]`); `None` under a listed set, whose answer is the
    /// policy's own value. Decided by the same match that checks the names, so that
    /// the writer needs no second look at the policy's rule.
    pub(crate) echo_headers: Option<&'a V>,
    /// Answer `Access-Control-Allow-Private-Network: true`: the policy allows it and
    /// the request asked (allowed origins only, refused method or header or not).
    pub(crate) private_network: bool,
}

/// Why the plan refuses a request: the public [`Refusal`]s the decision itself finds,
/// with the request's values in its own type `V` (a [`Refusal`] holds `http` 1 values;
/// [`Decision`](crate::Decision) turns a reason into one, [`Reason::refusal`]).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Reason<'a, V> {
    /// [`Refusal::NoOrigin`].
    NoOrigin,
    /// [`Refusal::RepeatedOrigin`].
    RepeatedOrigin,
    /// [`Refusal::OriginNotAllowed`].
    OriginNotAllowed(&'a V),
    /// [`Refusal::MethodNotAllowed`].
    MethodNotAllowed(&'a V),
    /// [`Refusal::RepeatedRequestMethod`].
    RepeatedRequestMethod,
    /// [`Refusal::HeaderNotAllowed`].
    HeaderNotAllowed(&'a [u8]),
    /// [`Refusal::RepeatedRequestHeaders`].
    RepeatedRequestHeaders,
}

impl<V> Clone for Reason<'_, V> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<V> Copy for Reason<'_, V> {}

impl<'a> Reason<'a, HeaderValue> {
    /// The public refusal (`http` 1 values).
    #[inline]
    pub(crate) fn refusal(self) -> Refusal<'a> {
        match self {
            Reason::NoOrigin => Refusal::NoOrigin,
            Reason::RepeatedOrigin => Refusal::RepeatedOrigin,
            Reason::OriginNotAllowed(origin) => Refusal::OriginNotAllowed(origin),
            Reason::MethodNotAllowed(method) => Refusal::MethodNotAllowed(method),
            Reason::RepeatedRequestMethod => Refusal::RepeatedRequestMethod,
            Reason::HeaderNotAllowed(name) => Refusal::HeaderNotAllowed(name),
            Reason::RepeatedRequestHeaders => Refusal::RepeatedRequestHeaders,
        }
    }
}

impl<V> Plan<'_, V> {
    /// Whether a CORS request is refused (cheap: no look at the request; a Private
    /// Network Access refusal, named only by `Decision::verdict`, counts as allowed here,
    /// see [`may_refuse_private_network`](Self::may_refuse_private_network), and a
    /// request without `Origin` is not a CORS request).
    #[inline(always)]
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))] // only the log asks
    pub(crate) fn is_refused(&self) -> bool {
        match self {
            Plan::Preflight(answer) => answer.refusal.is_some(),
            Plan::Refuse(_) => true,
            // A request without `Origin` is not a CORS request: nothing was refused.
            Plan::Forward(_, refusal) => refusal
                .as_ref()
                .is_some_and(|r| !matches!(r, Reason::NoOrigin)),
        }
    }
}

impl<V> Plan<'_, V> {
    /// Whether this is a preflight the plan allows that `Decision::verdict` may still
    /// refuse for Private Network Access: the plan looks at
    /// `Access-Control-Request-Private-Network` only for a policy with `private_network`
    /// (which then sets `private_network`), to keep the look-up off the others' hot path.
    /// Only the log asks, and then looks at the request (see `log.rs`).
    #[inline(always)]
    #[cfg_attr(not(feature = "tracing"), allow(dead_code))] // only the log asks
    pub(crate) fn may_refuse_private_network(&self) -> bool {
        matches!(self, Plan::Preflight(answer) if answer.refusal.is_none() && !answer.private_network)
    }
}

impl<'a, V: ValueType> Plan<'a, V> {
    /// Decides how `policy` answers `request`.
    #[inline(always)]
    pub(crate) fn decide<R: RequestHeaders<'a, Value = V>>(policy: &Policy, request: R) -> Self {
        let Some(first) = request.field(Known::Origin) else {
            // A `*` policy answers `*` on every response, CORS request or not, so that a
            // shared cache filled by a request without `Origin` (an `<img>`, curl) serves
            // CORS requests an answer they accept (Fetch, "CORS protocol and HTTP
            // caches"); any other policy varies on `Origin`.
            return Plan::Forward(
                match allowed_origin(policy, None) {
                    Ok(any) => Forward::Allowed(any),
                    Err(_) => Forward::Vary(vary(policy, Vary::Origin)),
                },
                (policy.varies_by_origin()).then_some(Reason::NoOrigin),
            );
        };
        // A repeated `Origin` is ambiguous: treated as a disallowed origin.
        let origin = first.single();
        if request.is_options()
            && let Some(requested) = request.field(Known::RequestMethod)
        {
            let requested = requested.single().ok_or(Reason::RepeatedRequestMethod);
            return Plan::Preflight(Preflight::decide(policy, origin, requested, request));
        }
        match allowed_origin(policy, origin) {
            Ok(allow_origin) => Plan::Forward(Forward::Allowed(allow_origin), None),
            Err(refusal) if policy.0.refuse_disallowed && !is_same_origin(request) => {
                Plan::Refuse(refusal)
            }
            Err(refusal) => Plan::Forward(Forward::Vary(vary(policy, Vary::Origin)), Some(refusal)),
        }
    }
}

/// What an answer (other than a preflight's) varies on: nothing for a `*` policy;
/// `Origin`; and `Sec-Fetch-Site` too for a `refuse_disallowed` policy, whose answer
/// to a disallowed origin depends on it (`403`, or the handler's when same-origin).
#[inline(always)]
pub(crate) fn vary(policy: &Policy, vary: Vary) -> Vary {
    match vary {
        _ if !policy.varies_by_origin() => Vary::None,
        Vary::Origin if policy.0.refuse_disallowed => Vary::OriginAndSite,
        other => other,
    }
}

/// The allowed `Origin` value: `*` for a `*` policy, whatever the request's `Origin`
/// (none, repeated, `null`); otherwise the request's single `Origin`, echoed (cheaply
/// cloned).
#[inline(always)]
fn allowed_origin<'a, V: ValueType>(
    policy: &Policy,
    origin: Option<&'a V>,
) -> Result<V, Reason<'a, V>> {
    if !policy.varies_by_origin() {
        return Ok(V::ANY);
    }
    let origin = origin.ok_or(Reason::RepeatedOrigin)?;
    if policy.allows_origin_inline(origin.bytes()) {
        Ok(origin.clone())
    } else {
        Err(Reason::OriginNotAllowed(origin))
    }
}

impl<'a, V: ValueType> Preflight<'a, V> {
    /// The answer to a preflight from `origin` (the request's single `Origin`, if any)
    /// for the `requested` method (the per-method router calls it once it has routed
    /// the preflight by that method).
    #[inline(always)]
    pub(crate) fn decide<R: RequestHeaders<'a, Value = V>>(
        policy: &Policy,
        origin: Option<&'a V>,
        requested: Result<&'a V, Reason<'a, V>>,
        request: R,
    ) -> Self {
        let mut answer = Preflight {
            allow_origin: None,
            refusal: None,
            echo_headers: None,
            private_network: false,
        };
        match allowed_origin(policy, origin) {
            Ok(allow_origin) => answer.allow_origin = Some(allow_origin),
            Err(refusal) => {
                answer.refusal = Some(refusal);
                return answer;
            }
        }
        answer.refusal = match requested {
            Ok(method) if allows_method(policy, method.bytes()) => None,
            Ok(method) => Some(Reason::MethodNotAllowed(method)),
            Err(refusal) => Some(refusal),
        };
        let lists = request.field(Known::RequestHeaders);
        match &policy.0.allow_headers {
            NameRule::List { names: allowed, .. } => {
                if answer.refusal.is_none() {
                    answer.refusal = refused_by_list(allowed, lists, request);
                }
            }
            star @ (NameRule::Any | NameRule::AnyAndAuthorization) => {
                answer.echo_headers = lists.map(Field::first);
                if answer.refusal.is_none() {
                    answer.refusal = refused_by_star(star, lists);
                }
            }
        }
        // Only a policy with `private_network` looks at the header (a hashed look-up);
        // for the others, `Decision::verdict` names the refusal when asked. Answered on a
        // refused method or header too: Chromium checks this before them
        // (`preflight_controller.cc`), and without it would report the missing header
        // instead of naming the method or header.
        answer.private_network = policy.0.private_network && asks_private_network(request);
        answer
    }
}

/// Methods match case-sensitively (Fetch, "CORS-preflight fetch"), and browsers accept
/// the CORS-safelisted GET, HEAD and POST without them being listed.
#[inline(always)]
pub(crate) fn allows_method(policy: &Policy, method: &[u8]) -> bool {
    matches!(method, b"GET" | b"HEAD" | b"POST")
        || match &policy.0.methods {
            NameRule::Any | NameRule::AnyAndAuthorization => !method.is_empty(),
            NameRule::List { names, .. } => names
                .iter()
                .any(|m| typed_cors_rules::bytes_eq(m.as_bytes(), method)),
        }
}

/// The first requested header a `*` policy does not allow, if any: Fetch's `*` never
/// covers `Authorization`, and a requested name `*` is refused too (see
/// [`not_covered_by_star`]). The answer echoes the request's list (see
/// [`write`](crate::write)); a repeated list, never sent by a browser, has no single
/// value to echo and is refused.
#[inline(always)]
fn refused_by_star<'a, V: ValueType>(
    star: &NameRule,
    lists: Option<Field<'a, V>>,
) -> Option<Reason<'a, V>> {
    let Some(first) = lists?.single() else {
        return Some(Reason::RepeatedRequestHeaders);
    };
    if matches!(star, NameRule::AnyAndAuthorization) {
        return None;
    }
    names(first.bytes())
        .find(|name| not_covered_by_star(name))
        .map(Reason::HeaderNotAllowed)
}

/// The first requested header not in the policy's list `allowed`, if any. Header names
/// match case-insensitively; `lists` are the request's `Access-Control-Request-Headers`
/// lines, read from `request` again only when there are several.
///
/// `allowed` is the slice itself (static data of a compiled policy), not a reference to
/// the policy's field: a closure holding the latter would make the compiled policy's
/// constant copy real (a 288-byte copy per request).
#[inline(always)]
fn refused_by_list<'a, R: RequestHeaders<'a>>(
    allowed: &[std::borrow::Cow<'static, str>],
    lists: Option<Field<'a, R::Value>>,
    request: R,
) -> Option<Reason<'a, R::Value>> {
    let lists = lists?;
    if let Some(name) = first_not_listed(lists.first().bytes(), allowed) {
        return Some(Reason::HeaderNotAllowed(name));
    }
    // Browsers send one list; more lines are checked the same way.
    match lists {
        Field::One(_) => None,
        Field::Repeated(_) => first_not_listed_in_later_lines(request, allowed),
    }
}

/// The first name not in `allowed` among the second and later
/// `Access-Control-Request-Headers` lines (never sent by browsers).
#[cold]
#[inline(never)]
fn first_not_listed_in_later_lines<'a, R: RequestHeaders<'a>>(
    request: R,
    allowed: &[std::borrow::Cow<'static, str>],
) -> Option<Reason<'a, R::Value>> {
    request
        .all(Known::RequestHeaders)
        .skip(1)
        .find_map(|list| first_not_listed(list.bytes(), allowed))
        .map(Reason::HeaderNotAllowed)
}

/// The names of a comma-separated list, spaces around them trimmed, empty ones skipped.
#[inline]
pub(crate) fn names(list: &[u8]) -> impl Iterator<Item = &[u8]> {
    list.split(|&byte| byte == b',')
        .map(<[u8]>::trim_ascii)
        .filter(|name| !name.is_empty())
}

/// Whether `allow_headers = ["*"]` leaves out this requested name: `authorization`,
/// which Fetch's `*` never covers, and `*` itself, a valid header name a script can send
/// (`fetch(url, {headers: {"*": "1"}})`) that an echo would turn into the wildcard,
/// which Chromium reads as covering `Authorization` too.
#[inline]
pub(crate) fn not_covered_by_star(name: &[u8]) -> bool {
    name == b"*" || name.eq_ignore_ascii_case(b"authorization")
}

/// The first name of a comma-separated list (spaces around names ignored, empty
/// elements skipped) that is not one of `allowed`.
///
/// First the list as browsers send it (Fetch, "CORS-unsafe request-header names":
/// lowercase, sorted, joined by bare commas): each allowed name is compared with the
/// list at the current place, and a match followed by a comma or the end is consumed,
/// without looking for the comma byte by byte (callgrind: the byte loop was about 150
/// instructions of a two-name preflight). Anything else (spaces, another case, a name
/// not listed) ends the fast part, and the rest of the list is read the general way:
/// every name consumed before was listed, so the answer is the same.
#[inline(always)]
fn first_not_listed<'a>(
    list: &'a [u8],
    allowed: &[std::borrow::Cow<'static, str>],
) -> Option<&'a [u8]> {
    let mut rest = list;
    'names: loop {
        for name in allowed {
            let name = name.as_bytes();
            let Some(candidate) = rest.get(..name.len()) else {
                continue;
            };
            if !typed_cors_rules::bytes_eq(candidate, name) {
                continue;
            }
            match rest.get(name.len()) {
                None => return None,
                Some(b',') => {
                    rest = &rest[name.len() + 1..];
                    continue 'names;
                }
                // A longer name that starts with this one, or spaces: another allowed
                // name, or the general way, decides.
                Some(_) => {}
            }
        }
        break;
    }
    first_not_listed_anywhere(rest, allowed)
}

/// [`first_not_listed`] for any list: a plain loop (measured cheaper than the same
/// search through iterator adapters).
#[inline(always)]
fn first_not_listed_anywhere<'a>(
    list: &'a [u8],
    allowed: &[std::borrow::Cow<'static, str>],
) -> Option<&'a [u8]> {
    for element in list.split(|&byte| byte == b',') {
        let name = element.trim_ascii();
        if !name.is_empty() && !is_listed(allowed, name) {
            return Some(name);
        }
    }
    None
}

/// Whether `name` is one of `allowed` (lowercase), ignoring ASCII case.
#[inline(always)]
fn is_listed(allowed: &[std::borrow::Cow<'static, str>], name: &[u8]) -> bool {
    // Browsers send lowercase names, so the exact comparisons usually decide.
    allowed
        .iter()
        .any(|n| typed_cors_rules::bytes_eq(n.as_bytes(), name))
        || allowed
            .iter()
            .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
}

/// A Private Network Access preflight: `Access-Control-Request-Private-Network: true`.
#[inline]
pub(crate) fn asks_private_network<'a>(request: impl RequestHeaders<'a>) -> bool {
    request
        .first(Known::RequestPrivateNetwork)
        .is_some_and(|v| v.bytes() == b"true")
}

/// `Sec-Fetch-Site: same-origin` is set by the browser and cannot be set by scripts;
/// same-origin requests carry `Origin` too (on POST), and must never be refused.
#[inline]
fn is_same_origin<'a>(request: impl RequestHeaders<'a>) -> bool {
    request
        .first(Known::SecFetchSite)
        .is_some_and(|v| v.bytes() == b"same-origin")
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    /// The browser-shaped fast part of `first_not_listed` never changes the answer of
    /// the general loop: every list of up to six bytes over names that are prefixes of
    /// one another, another case, spaces and commas.
    #[test]
    fn the_fast_header_check_answers_as_the_general_loop() {
        let allowed: [Cow<'static, str>; 3] = ["x".into(), "xy".into(), "y".into()];
        let alphabet = b"xyX ,z";
        let mut lists = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = lists
                .iter()
                .filter(|list| list.len() == lists.last().map_or(0, Vec::len))
                .flat_map(|list| {
                    alphabet.iter().map(move |&byte| {
                        let mut longer = list.clone();
                        longer.push(byte);
                        longer
                    })
                })
                .collect();
            lists.extend(longer);
        }
        assert_eq!(lists.len(), (0..=6).map(|n| 6usize.pow(n)).sum::<usize>());
        for list in &lists {
            assert_eq!(
                first_not_listed(list, &allowed),
                first_not_listed_anywhere(list, &allowed),
                "{:?}",
                String::from_utf8_lossy(list),
            );
        }
        // What browsers send, and the cases named in the fast part.
        assert_eq!(first_not_listed(b"x,xy,y", &allowed), None);
        assert_eq!(first_not_listed(b"xy,x", &allowed), None);
        assert_eq!(first_not_listed(b"x,xyz", &allowed), Some(&b"xyz"[..]));
        assert_eq!(first_not_listed(b"x, Y ,", &allowed), None);
        assert_eq!(first_not_listed(b"x,z,y", &allowed), Some(&b"z"[..]));
    }
}
