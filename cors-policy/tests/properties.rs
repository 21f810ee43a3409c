//! Property tests against an oracle written apart from the crate (`model/`): for
//! generated policies and requests (browser-shaped ones and arbitrary header bytes), the
//! layer, with a shared policy or compiled for one, and `Policy::decide` all answer
//! exactly what the model says, every `Access-Control-*` header and `Vary` line
//! compared; and a modelled browser, given those answers, allows exactly the calls the
//! policy means to allow.
//!
//! `PROPTEST_CASES` sets the number of cases of each test (see the README's testing
//! section for the long run).

mod generators;
mod model;
mod support;

use generators::*;
use http::{HeaderMap, HeaderValue, Request, Response};
use proptest::prelude::*;
use typed_cors::{Action, CorsLayer, CorsPolicy, Policy};

fn send_compiled(
    index: usize,
    handler: &support::Handler,
    request: Request<()>,
) -> Response<String> {
    match index {
        0 => support::send_through(CorsLayer::of::<AppCompiled>(), handler, request),
        1 => support::send_through(CorsLayer::of::<MixedCompiled>(), handler, request),
        2 => support::send_through(CorsLayer::of::<PublicCompiled>(), handler, request),
        _ => support::send_through(CorsLayer::of::<FlagsCompiled>(), handler, request),
    }
}

#[test]
fn the_compiled_policies_are_the_built_ones() {
    let models = compiled_models();
    assert_eq!(&build(&models[0]), AppCompiled::policy());
    assert_eq!(&build(&models[1]), MixedCompiled::policy());
    assert_eq!(&build(&models[2]), PublicCompiled::policy());
    assert_eq!(&build(&models[3]), FlagsCompiled::policy());
}

/// `decide` then `Decision::apply_to` on the handler's headers, as a user of the
/// `http`-level API would.
fn through_decide(
    policy: &Policy,
    request: &Request<()>,
    handler_headers: &[(&'static str, &'static str)],
) -> (Option<u16>, HeaderMap) {
    let mut headers = HeaderMap::new();
    let decision = policy.decide(request.method(), request.headers());
    match decision.action() {
        Action::Respond(status) => {
            decision.apply_to(&mut headers);
            (Some(status.as_u16()), headers)
        }
        Action::Forward => {
            for &(name, value) in handler_headers {
                headers.append(name, HeaderValue::from_static(value));
            }
            decision.apply_to(&mut headers);
            (None, headers)
        }
    }
}

proptest! {
    #![proptest_config(cases(100_000))]

    /// Generated policies, built at run time: the layer and `decide` answer what the
    /// model says, on arbitrary requests.
    #[test]
    fn built_policies_answer_as_the_model(
        policy in model_policy(),
        request in model_request(),
        handler_index in 0usize..4,
    ) {
        let built = build(&policy);
        let handler_headers = HANDLER_HEADERS[handler_index];
        let expected = expected(&policy, &request, handler_headers);
        let (status, headers) = through_decide(&built, &http_request(&request), handler_headers);
        check(&expected, (status, &headers), handler_headers, status.is_none())?;
        let layer = || CorsLayer::new(built.clone());
        send_and_check(|h, r| support::send_through(layer(), h, r), &expected, &request, handler_headers)?;
    }

    /// The compiled layers answer what the model says, as the shared ones do.
    #[test]
    fn compiled_policies_answer_as_the_model(
        index in 0usize..4,
        request in model_request(),
        handler_index in 0usize..4,
    ) {
        let policy = &compiled_models()[index];
        let handler_headers = HANDLER_HEADERS[handler_index];
        let expected = expected(policy, &request, handler_headers);
        send_and_check(|h, r| send_compiled(index, h, r), &expected, &request, handler_headers)?;
    }

    /// A modelled browser, talking to the layer, allows exactly what the policy means
    /// to allow: origin, credentials, method, request headers (`Authorization` and `*`).
    #[test]
    fn browsers_allow_exactly_what_the_policy_intends(policy in model_policy(), call in browser_call()) {
        let built = build(&policy);
        let allowed = browser_allows(|h, r| support::send_through(CorsLayer::new(built.clone()), h, r), &call);
        prop_assert_eq!(allowed, policy.intends(&call), "{:?}", call);
    }

    /// The same for the compiled layers.
    #[test]
    fn browsers_allow_what_the_compiled_policies_intend(index in 0usize..4, call in browser_call()) {
        let allowed = browser_allows(|h, r| send_compiled(index, h, r), &call);
        prop_assert_eq!(allowed, compiled_models()[index].intends(&call), "{:?}", call);
    }
}
