//! Interleaved rounds: in each round, every row of a scenario is timed on batches of
//! identical requests, rows interleaved in rotating order, and each row keeps its fastest
//! batch; the per-round ratios (to the floor, to tower-http, …) are kept, and their
//! medians printed as Markdown tables, with the median time per request of each row.
//!
//! ```text
//! cargo run --release -p benches --features peers --bin rounds -- [--rounds N] [--batch N]
//!     [--samples N] [--inner bare|headers] [--scenarios a,b] [--rows a,b]
//! cargo run --release -p benches --features peers --bin rounds -- [--inner bare|headers]
//!     --loop ROW SCENARIO N
//! ```
//! `--loop` runs one row on one scenario N times and prints nothing: for
//! `valgrind --tool=callgrind`, whose instruction counts at two values of N give the
//! instructions per request.

use std::collections::BTreeMap;
use std::time::Instant;

use benches::inner::InnerResponse;
use benches::row::Row;
use benches::rows::RowKind;
use benches::scenario::Scenario;

struct Options {
    rounds: usize,
    batch: usize,
    samples: usize,
    inner: InnerResponse,
    scenarios: Vec<Scenario>,
    rows: Vec<RowKind>,
}

fn parse() -> Option<Options> {
    // `CORS_BENCH_SUBSCRIBER=info` (any `EnvFilter` directive) installs a `tracing`
    // subscriber that keeps only what the directive allows, the usual production setup,
    // to measure what typed-cors's disabled `debug`/`trace` events cost.
    if let Ok(filter) = std::env::var("CORS_BENCH_SUBSCRIBER") {
        tracing_subscriber::fmt()
            .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
            .init();
    }
    let mut options = Options {
        rounds: 15,
        batch: 32,
        samples: 15,
        inner: InnerResponse::Bare,
        scenarios: Scenario::ALL.to_vec(),
        rows: RowKind::ALL.to_vec(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().expect("a value after each option");
        match arg.as_str() {
            "--loop" => {
                let row = RowKind::from_id(&value()).expect("a row id");
                let scenario = Scenario::from_name(&value()).expect("a scenario name");
                let n: usize = value().parse().expect("a count");
                let mut row = row.build(scenario, options.inner);
                row.prepare(n);
                row.run();
                row.finish();
                return None;
            }
            "--rounds" => options.rounds = value().parse().expect("a count"),
            "--batch" => options.batch = value().parse().expect("a count"),
            "--samples" => options.samples = value().parse().expect("a count"),
            "--inner" => {
                options.inner = match value().as_str() {
                    "bare" => InnerResponse::Bare,
                    "headers" => InnerResponse::WithHeaders,
                    other => panic!("unknown inner response {other}"),
                }
            }
            "--scenarios" => {
                options.scenarios = value()
                    .split(',')
                    .map(|s| Scenario::from_name(s).expect("a scenario name"))
                    .collect();
            }
            "--rows" => {
                options.rows = value()
                    .split(',')
                    .map(|r| RowKind::from_id(r).expect("a row id"))
                    .collect();
            }
            other => panic!("unknown option {other}"),
        }
    }
    Some(options)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

/// Nanoseconds per request of one timed batch.
fn time(row: &mut dyn Row, batch: usize) -> f64 {
    row.prepare(batch);
    let start = Instant::now();
    row.run();
    let elapsed = start.elapsed();
    row.finish();
    elapsed.as_nanos() as f64 / batch as f64
}

fn main() {
    let Some(options) = parse() else { return };
    println!(
        "rounds: {}, batch: {} requests, batches per row per round: {} (fastest kept), inner response: {}",
        options.rounds,
        options.batch,
        options.samples,
        options.inner.name()
    );
    // Ours at 1 origin, for the lookup-growth ratio, per round.
    let mut lookup_base: Vec<f64> = Vec::new();
    let mut lookup_ratios: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut per_method_ratios: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    for scenario in &options.scenarios {
        let mut rows: Vec<(RowKind, Box<dyn Row>)> = options
            .rows
            .iter()
            .map(|&kind| (kind, kind.build(*scenario, options.inner)))
            .collect();
        // Warm up (caches, branch predictors, the CPU's clock; and check every row
        // answers).
        for _ in 0..20 {
            for (_, row) in &mut rows {
                time(row.as_mut(), options.batch);
            }
        }
        let mut times: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
        let mut to_floor: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
        let mut to_tower: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
        let mut to_actix_floor: BTreeMap<&'static str, Vec<f64>> = BTreeMap::new();
        for round in 0..options.rounds {
            // Samples interleave the rows (rotating the order each time), and each row
            // keeps its fastest batch: the one least disturbed by other work on the
            // machine.
            let n = rows.len();
            let mut this: BTreeMap<RowKind, f64> = BTreeMap::new();
            for sample in 0..options.samples {
                for i in 0..n {
                    let (kind, row) = &mut rows[(i + round + sample) % n];
                    let ns = time(row.as_mut(), options.batch);
                    let best = this.entry(*kind).or_insert(f64::INFINITY);
                    *best = best.min(ns);
                }
            }
            for (&kind, &ns) in &this {
                times.entry(kind.name()).or_default().push(ns);
                if let Some(floor) = this.get(&RowKind::Floor) {
                    to_floor.entry(kind.name()).or_default().push(ns / floor);
                }
                if let Some(tower) = this.get(&RowKind::TowerHttp) {
                    to_tower.entry(kind.name()).or_default().push(ns / tower);
                }
                if let Some(floor) = this.get(&RowKind::ActixFloor) {
                    to_actix_floor
                        .entry(kind.name())
                        .or_default()
                        .push(ns / floor);
                }
            }
            // Issue 11: the per-method router against one `CorsLayer::of` on the route.
            if let (Some(route), Some(per_method)) = (
                this.get(&RowKind::OursRoute),
                this.get(&RowKind::OursPerMethod),
            ) {
                per_method_ratios
                    .entry(scenario.name())
                    .or_default()
                    .push(per_method / route);
            }
            if let Some(&ours) = this.get(&RowKind::Ours) {
                match scenario {
                    Scenario::Lookup(1) => lookup_base.push(ours),
                    Scenario::Lookup(_) | Scenario::Pattern if !lookup_base.is_empty() => {
                        lookup_ratios
                            .entry(scenario.name())
                            .or_default()
                            .push(ours / lookup_base[round.min(lookup_base.len() - 1)]);
                    }
                    _ => {}
                }
            }
        }
        println!();
        println!("### {}", scenario.name());
        println!();
        println!(
            "| row | median ns/request | × floor | × tower-http | × actix floor |\n|---|---:|---:|---:|---:|"
        );
        for kind in &options.rows {
            let name = kind.name();
            let cell = |map: &mut BTreeMap<&'static str, Vec<f64>>| {
                map.get_mut(name)
                    .map(|v| format!("{:.2}", median(v)))
                    .unwrap_or_else(|| "–".into())
            };
            let ns = times.get_mut(name).map(|v| median(v)).unwrap_or(f64::NAN);
            let (f, t, a) = if kind.is_actix() {
                ("–".into(), "–".into(), cell(&mut to_actix_floor))
            } else {
                (cell(&mut to_floor), cell(&mut to_tower), "–".into())
            };
            println!("| {name} | {ns:.1} | {f} | {t} | {a} |");
        }
    }
    if !per_method_ratios.is_empty() {
        println!();
        println!(
            "### ours: per-method router against `CorsLayer::of` on the route (median of per-round ratios)"
        );
        println!();
        println!("| scenario | per-method × route |\n|---|---:|");
        for (name, ratios) in &mut per_method_ratios {
            println!("| {name} | {:.3} |", median(ratios));
        }
    }
    if !lookup_ratios.is_empty() {
        println!();
        println!("### ours: lookup cost against the 1-origin lookup (median of per-round ratios)");
        println!();
        println!("| scenario | × lookup_1 |\n|---|---:|");
        for (name, ratios) in &mut lookup_ratios {
            println!("| {name} | {:.3} |", median(ratios));
        }
    }
}
