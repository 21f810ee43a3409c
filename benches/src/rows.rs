//! Every row behind one interface, so that the runners time and count them alike.
//!
//! A row prepares `n` identical requests (not timed), [`Row::run`]s them all through its
//! service (timed), and drops the responses in [`Row::finish`] (not timed).

use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

use crate::axum_rows::{AxumRow, Wiring};
use crate::drive::drive;
use crate::floor::FloorLayer;
use crate::inner::{Carry, Echo, InnerResponse};
use crate::scenario::Scenario;
use crate::{actix, axum_rows, ours, tower_http_row};

/// Which implementation a row measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowKind {
    /// The hand-written floor.
    Floor,
    /// cors-policy with a `&'static Policy`, as `#[cors]` generates it.
    Ours,
    /// cors-policy with an `Arc<Policy>` from `Policy::builder()`.
    OursBuilt,
    /// tower-http 0.7's `CorsLayer`.
    TowerHttp,
    /// The hand-written floor as an actix-web middleware, on actix's types.
    ActixFloor,
    /// actix-cors 0.7 on actix's types.
    ActixCors,
    /// cors-policy, `CorsLayer::of` on an axum `MethodRouter` (issue 11's baseline).
    OursRoute,
    /// cors-policy's per-method router (`cors_policy::axum`), same policy.
    OursPerMethod,
}

impl RowKind {
    /// Every row.
    pub const ALL: [Self; 8] = [
        Self::Floor,
        Self::Ours,
        Self::OursBuilt,
        Self::TowerHttp,
        Self::ActixFloor,
        Self::ActixCors,
        Self::OursRoute,
        Self::OursPerMethod,
    ];

    /// The row's name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::Floor => "floor",
            Self::Ours => "ours (compiled)",
            Self::OursBuilt => "ours (builder, Arc)",
            Self::TowerHttp => "tower-http 0.7",
            Self::ActixFloor => "actix floor",
            Self::ActixCors => "actix-cors 0.7",
            Self::OursRoute => "ours (axum route, CorsLayer::of)",
            Self::OursPerMethod => "ours (axum per-method router)",
        }
    }

    /// A name without spaces, for command lines.
    pub fn id(self) -> &'static str {
        match self {
            Self::Floor => "floor",
            Self::Ours => "ours",
            Self::OursBuilt => "ours-built",
            Self::TowerHttp => "tower-http",
            Self::ActixFloor => "actix-floor",
            Self::ActixCors => "actix-cors",
            Self::OursRoute => "ours-route",
            Self::OursPerMethod => "ours-per-method",
        }
    }

    /// Parses [`id`](Self::id).
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Builds the row for a scenario and an inner response.
    pub fn build(self, scenario: Scenario, inner: InnerResponse) -> Box<dyn Row> {
        let echo = Echo(inner);
        match self {
            Self::Floor => Box::new(TowerRow::new(
                FloorLayer::new(scenario).layer(echo),
                scenario,
            )),
            Self::Ours => compiled_row(scenario, echo),
            Self::OursBuilt => Box::new(TowerRow::new(
                ours::built_layer(scenario).layer(echo),
                scenario,
            )),
            Self::TowerHttp => Box::new(TowerRow::new(
                tower_http_row::layer(scenario).layer(echo),
                scenario,
            )),
            Self::ActixFloor => Box::new(actix::floor_row(scenario, inner)),
            Self::ActixCors => Box::new(actix::cors_row(scenario, inner)),
            Self::OursRoute => axum_row(Wiring::Route, scenario, inner),
            Self::OursPerMethod => axum_row(Wiring::PerMethod, scenario, inner),
        }
    }
}

/// Our row as `#[cors]` users get it: `CorsLayer::of`, compiled for the scenario's policy.
fn compiled_row(scenario: Scenario, inner: Echo) -> Box<dyn Row> {
    fn row<P: cors_policy::CorsPolicy + 'static>(scenario: Scenario, inner: Echo) -> Box<dyn Row> {
        Box::new(TowerRow::new(
            cors_policy::CorsLayer::of::<P>().layer(inner),
            scenario,
        ))
    }
    match scenario {
        Scenario::ActualGet | Scenario::Preflight | Scenario::Disallowed | Scenario::NoOrigin => {
            row::<ours::Bench>(scenario, inner)
        }
        Scenario::Pattern => row::<ours::BenchPattern>(scenario, inner),
        Scenario::Lookup(1) => row::<ours::BenchLookup1>(scenario, inner),
        Scenario::Lookup(10) => row::<ours::BenchLookup10>(scenario, inner),
        Scenario::Lookup(100) => row::<ours::BenchLookup100>(scenario, inner),
        Scenario::Lookup(1000) => row::<ours::BenchLookup1000>(scenario, inner),
        Scenario::Lookup(n) => unreachable!("no generated policy for {n} origins"),
    }
}

/// Issue 11's rows: the scenario's compiled policy on an axum `MethodRouter`.
fn axum_row(wiring: Wiring, scenario: Scenario, inner: InnerResponse) -> Box<dyn Row> {
    fn row<P: cors_policy::CorsPolicy + 'static>(
        wiring: Wiring,
        scenario: Scenario,
        inner: InnerResponse,
    ) -> Box<dyn Row> {
        Box::new(AxumRow::new(
            axum_rows::router::<P>(wiring, inner),
            scenario,
        ))
    }
    match scenario {
        Scenario::ActualGet | Scenario::Preflight | Scenario::Disallowed | Scenario::NoOrigin => {
            row::<ours::Bench>(wiring, scenario, inner)
        }
        Scenario::Pattern => row::<ours::BenchPattern>(wiring, scenario, inner),
        Scenario::Lookup(1) => row::<ours::BenchLookup1>(wiring, scenario, inner),
        Scenario::Lookup(10) => row::<ours::BenchLookup10>(wiring, scenario, inner),
        Scenario::Lookup(100) => row::<ours::BenchLookup100>(wiring, scenario, inner),
        Scenario::Lookup(1000) => row::<ours::BenchLookup1000>(wiring, scenario, inner),
        Scenario::Lookup(n) => unreachable!("no generated policy for {n} origins"),
    }
}

/// What a response looked like: status and headers, for checking that rows agree.
pub type Summary = (u16, Vec<(String, String)>);

/// A response's status and every header as text, sorted: what the rows' agreement
/// tests compare.
pub(crate) fn summarize<B>(response: &Response<B>) -> Summary {
    let mut headers: Vec<(String, String)> = response
        .headers()
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                String::from_utf8_lossy(v.as_bytes()).into_owned(),
            )
        })
        .collect();
    headers.sort();
    (response.status().as_u16(), headers)
}

/// One row, prepared and run in batches.
pub trait Row {
    /// Makes `n` requests of the scenario (not timed).
    fn prepare(&mut self, n: usize);
    /// Sends every prepared request through the service, keeping the responses.
    fn run(&mut self);
    /// Drops the responses (not timed) and describes the first.
    fn finish(&mut self) -> Option<Summary>;
}

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

#[cfg(test)]
mod tests {
    use super::*;

    fn header<'a>(summary: &'a Summary, name: &str) -> Option<&'a str> {
        summary
            .1
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// Every row does the same CORS job on every scenario: the same allowed origin, the
    /// same credentials answer, and a `Vary` that names `Origin`.
    #[test]
    fn every_row_answers_every_scenario_alike() {
        for inner in InnerResponse::ALL {
            for scenario in Scenario::ALL {
                let expected = scenario.allowed().then(|| scenario.origin().unwrap());
                for kind in RowKind::ALL {
                    let mut row = kind.build(scenario, inner);
                    row.prepare(2);
                    row.run();
                    let summary = row.finish().expect("a response");
                    let what = format!(
                        "{} on {} ({inner:?}): {summary:?}",
                        kind.name(),
                        scenario.name()
                    );
                    if kind == RowKind::TowerHttp {
                        // tower-http's `AllowOrigin::exact` sends the configured origin to
                        // every request and so derives no `Vary: Origin`; only the allowed
                        // answers are comparable.
                        if scenario.allowed() {
                            assert_eq!(
                                header(&summary, "access-control-allow-origin"),
                                expected.as_deref(),
                                "{what}"
                            );
                        }
                        continue;
                    }
                    assert_eq!(
                        header(&summary, "access-control-allow-origin"),
                        expected.as_deref(),
                        "{what}"
                    );
                    // (actix-cors also sends credentials and expose headers to a
                    // disallowed origin, which browsers ignore without an allowed origin.)
                    if scenario.allowed() {
                        assert_eq!(
                            header(&summary, "access-control-allow-credentials"),
                            Some("true"),
                            "{what}"
                        );
                    }
                    let vary = header(&summary, "vary")
                        .unwrap_or_default()
                        .to_ascii_lowercase();
                    assert!(vary.contains("origin"), "{what}");
                    if scenario.allowed() && !scenario.is_preflight() {
                        assert!(
                            header(&summary, "access-control-expose-headers").is_some(),
                            "{what}"
                        );
                    }
                    if scenario.allowed() && scenario.is_preflight() {
                        for name in [
                            "access-control-allow-methods",
                            "access-control-allow-headers",
                            "access-control-max-age",
                        ] {
                            assert!(header(&summary, name).is_some(), "{name}: {what}");
                        }
                    }
                }
            }
        }
    }
}
