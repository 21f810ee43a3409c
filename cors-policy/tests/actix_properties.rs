//! The property tests of `properties.rs`, against the actix middleware: for generated
//! policies and requests, the middleware (shared policy, or compiled for one) answers
//! exactly what the model says, every `Access-Control-*` header and `Vary` line
//! compared, and the modelled browser allows exactly what the policy means to allow.
//! The same generators, model and checks as the tower layer's (`generators/`): one set
//! of expectations, two frameworks.
//!
//! `PROPTEST_CASES` sets the number of cases of each test.

mod actix_support;
mod generators;
mod model;
mod support;

use actix_support::send_actix;
use generators::*;
use http::{Request, Response};
use proptest::prelude::*;
use typed_cors::actix::CorsMiddleware;

fn send_compiled(
    index: usize,
    handler: &support::Handler,
    request: Request<()>,
) -> Response<String> {
    match index {
        0 => send_actix(CorsMiddleware::of::<AppCompiled>(), handler, request),
        1 => send_actix(CorsMiddleware::of::<MixedCompiled>(), handler, request),
        2 => send_actix(CorsMiddleware::of::<PublicCompiled>(), handler, request),
        _ => send_actix(CorsMiddleware::of::<FlagsCompiled>(), handler, request),
    }
}

proptest! {
    #![proptest_config(cases(10_000))]

    /// Generated policies, built at run time: the middleware answers what the model
    /// says, on arbitrary requests.
    #[test]
    fn built_policies_answer_as_the_model(
        policy in model_policy(),
        request in model_request(),
        handler_index in 0usize..4,
    ) {
        let built = build(&policy);
        let handler_headers = HANDLER_HEADERS[handler_index];
        let expected = expected(&policy, &request, handler_headers);
        let middleware = || CorsMiddleware::new(built.clone());
        send_and_check(|h, r| send_actix(middleware(), h, r), &expected, &request, handler_headers)?;
    }

    /// The compiled middlewares answer what the model says, as the shared ones do.
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

    /// A modelled browser, talking to the middleware, allows exactly what the policy
    /// means to allow.
    #[test]
    fn browsers_allow_exactly_what_the_policy_intends(policy in model_policy(), call in browser_call()) {
        let built = build(&policy);
        let allowed = browser_allows(|h, r| send_actix(CorsMiddleware::new(built.clone()), h, r), &call);
        prop_assert_eq!(allowed, policy.intends(&call), "{:?}", call);
    }

    /// The same for the compiled middlewares.
    #[test]
    fn browsers_allow_what_the_compiled_policies_intend(index in 0usize..4, call in browser_call()) {
        let allowed = browser_allows(|h, r| send_compiled(index, h, r), &call);
        prop_assert_eq!(allowed, compiled_models()[index].intends(&call), "{:?}", call);
    }
}
