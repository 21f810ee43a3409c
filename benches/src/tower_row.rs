//! The row of every service on tower's `Service` and `http`'s types.

use http::{Request, Response};
use tower_service::Service;

use crate::drive::drive;
use crate::inner::Carry;
use crate::row::{Row, Summary, summarize};
use crate::scenario::Scenario;

/// A row on tower's `Service` and `http`'s types.
#[derive(Debug)]
pub struct TowerRow<S> {
    service: S,
    scenario: Scenario,
    requests: Vec<Request<()>>,
    responses: Vec<Response<Carry>>,
}

impl<S> TowerRow<S> {
    /// A row around `service`.
    pub fn new(service: S, scenario: Scenario) -> Self {
        Self {
            service,
            scenario,
            requests: Vec::new(),
            responses: Vec::new(),
        }
    }
}

impl<S> Row for TowerRow<S>
where
    S: Service<Request<()>, Response = Response<Carry>>,
{
    fn prepare(&mut self, n: usize) {
        self.requests.clear();
        self.requests
            .extend((0..n).map(|_| self.scenario.request()));
        self.responses.reserve(n);
    }

    #[inline(never)]
    fn run(&mut self) {
        for request in self.requests.drain(..) {
            self.responses.push(drive(&mut self.service, request));
        }
    }

    fn finish(&mut self) -> Option<Summary> {
        let summary = self.responses.first().map(summarize);
        self.responses.clear();
        summary
    }
}
