//! Ours as an actix-web middleware: `CorsMiddleware::of::<P>()` for the scenario's
//! compiled policy (as `#[cors]` users wrap a resource), and `CorsMiddleware::new` for the
//! same policy built at run time.

use actix_web::dev::Transform;
use typed_cors::CorsPolicy;
use typed_cors::actix::CorsMiddleware;

use super::{ActixEcho, ActixRow, ready_now};
use crate::inner::InnerResponse;
use crate::ours::{WithCompiled, built_policy, with_compiled};
use crate::row::Row;
use crate::scenario::Scenario;

/// `CorsMiddleware::of::<P>()` around the inner service, for the scenario's policy `P`.
pub fn ours_row(scenario: Scenario, inner: InnerResponse) -> Box<dyn Row> {
    struct Build(Scenario, InnerResponse);
    impl WithCompiled for Build {
        type Output = Box<dyn Row>;
        fn with<P: CorsPolicy + 'static>(self) -> Box<dyn Row> {
            let middleware = CorsMiddleware::of::<P>();
            let service = ready_now(middleware.new_transform(ActixEcho(self.1)))
                .expect("the middleware builds");
            Box::new(ActixRow::new(service, self.0))
        }
    }
    with_compiled(scenario, Build(scenario, inner))
}

/// `CorsMiddleware::new` (an `Arc<Policy>`) around the inner service.
pub fn ours_built_row(scenario: Scenario, inner: InnerResponse) -> impl Row {
    let middleware = CorsMiddleware::new(built_policy(scenario));
    let service =
        ready_now(middleware.new_transform(ActixEcho(inner))).expect("the middleware builds");
    ActixRow::new(service, scenario)
}
