//! Every row by name ([`RowKind`]), built behind one interface ([`Row`]), so that the
//! runners time and count them alike.

use tower_layer::Layer;
use typed_cors::CorsPolicy;

use crate::axum_rows::{AxumRow, Wiring};
use crate::floor::FloorLayer;
use crate::inner::{Echo, InnerResponse};
use crate::ours::{WithCompiled, with_compiled};
use crate::row::Row;
use crate::scenario::Scenario;
use crate::tower_row::TowerRow;
use crate::{actix, axum_rows, ours, tower_http_row};

/// Which implementation a row measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum RowKind {
    /// The hand-written floor.
    Floor,
    /// typed-cors with a `&'static Policy`, as `#[cors]` generates it.
    Ours,
    /// typed-cors with an `Arc<Policy>` from `Policy::builder()`.
    OursBuilt,
    /// tower-http 0.7's `CorsLayer`.
    TowerHttp,
    /// The hand-written floor as an actix-web middleware, on actix's types.
    ActixFloor,
    /// actix-cors 0.7 on actix's types.
    ActixCors,
    /// typed-cors's actix-web middleware, `CorsMiddleware::of`, on actix's types.
    OursActix,
    /// typed-cors's actix-web middleware, `CorsMiddleware::new` (an `Arc<Policy>`).
    OursActixBuilt,
    /// typed-cors, `CorsLayer::of` on an axum `MethodRouter` (issue 11's baseline).
    OursRoute,
    /// typed-cors's per-method router (`typed_cors::axum`), same policy.
    OursPerMethod,
}

impl RowKind {
    /// Every row.
    pub const ALL: [Self; 10] = [
        Self::Floor,
        Self::Ours,
        Self::OursBuilt,
        Self::TowerHttp,
        Self::ActixFloor,
        Self::ActixCors,
        Self::OursActix,
        Self::OursActixBuilt,
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
            Self::OursActix => "ours (actix, compiled)",
            Self::OursActixBuilt => "ours (actix, builder)",
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
            Self::OursActix => "ours-actix",
            Self::OursActixBuilt => "ours-actix-built",
            Self::OursRoute => "ours-route",
            Self::OursPerMethod => "ours-per-method",
        }
    }

    /// Whether the row runs on actix-web's types: its ratios are to the actix floor.
    pub fn is_actix(self) -> bool {
        matches!(
            self,
            Self::ActixFloor | Self::ActixCors | Self::OursActix | Self::OursActixBuilt
        )
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
            Self::OursActix => actix::ours_row(scenario, inner),
            Self::OursActixBuilt => Box::new(actix::ours_built_row(scenario, inner)),
            Self::OursRoute => axum_row(Wiring::Route, scenario, inner),
            Self::OursPerMethod => axum_row(Wiring::PerMethod, scenario, inner),
        }
    }
}

/// Our row as `#[cors]` users get it: `CorsLayer::of`, compiled for the scenario's policy.
fn compiled_row(scenario: Scenario, inner: Echo) -> Box<dyn Row> {
    struct Build(Scenario, Echo);
    impl WithCompiled for Build {
        type Output = Box<dyn Row>;
        fn with<P: CorsPolicy + 'static>(self) -> Box<dyn Row> {
            Box::new(TowerRow::new(
                typed_cors::CorsLayer::of::<P>().layer(self.1),
                self.0,
            ))
        }
    }
    with_compiled(scenario, Build(scenario, inner))
}

/// Issue 11's rows: the scenario's compiled policy on an axum `MethodRouter`.
fn axum_row(wiring: Wiring, scenario: Scenario, inner: InnerResponse) -> Box<dyn Row> {
    struct Build(Wiring, Scenario, InnerResponse);
    impl WithCompiled for Build {
        type Output = Box<dyn Row>;
        fn with<P: CorsPolicy + 'static>(self) -> Box<dyn Row> {
            Box::new(AxumRow::new(axum_rows::router::<P>(self.0, self.2), self.1))
        }
    }
    with_compiled(scenario, Build(wiring, scenario, inner))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::row::Summary;

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

    fn answer(kind: RowKind, scenario: Scenario, inner: InnerResponse) -> Summary {
        let mut row = kind.build(scenario, inner);
        row.prepare(2);
        row.run();
        row.finish().expect("a response")
    }

    /// The actix middleware gives exactly the tower layer's answer (status and every
    /// header, values byte for byte) in every scenario, compiled or built: the actix rows
    /// of ours time the same work as the tower rows, not a cheaper one.
    #[test]
    fn ours_on_actix_answers_exactly_as_ours_on_tower() {
        for inner in InnerResponse::ALL {
            for scenario in Scenario::ALL {
                let tower = answer(RowKind::Ours, scenario, inner);
                for kind in [RowKind::OursActix, RowKind::OursActixBuilt] {
                    assert_eq!(
                        answer(kind, scenario, inner),
                        tower,
                        "{} on {} ({inner:?})",
                        kind.name(),
                        scenario.name()
                    );
                }
            }
        }
    }

    /// The actix floor, which the actix rows are measured against, does the floor's work:
    /// the same CORS headers as the tower floor in every scenario (its preflight answer
    /// is `204`, the tower floor's a default `200`).
    #[test]
    fn the_actix_floor_writes_the_floors_headers() {
        for inner in InnerResponse::ALL {
            for scenario in Scenario::ALL {
                let (_, tower) = answer(RowKind::Floor, scenario, inner);
                let (_, actix) = answer(RowKind::ActixFloor, scenario, inner);
                assert_eq!(actix, tower, "{} ({inner:?})", scenario.name());
            }
        }
    }

    #[test]
    fn row_ids_parse_back() {
        for kind in RowKind::ALL {
            assert_eq!(RowKind::from_id(kind.id()), Some(kind));
        }
    }
}
