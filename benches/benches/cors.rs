//! criterion benchmarks: one group per scenario, one benchmark per row.
//!
//! ```text
//! cargo bench -p benches --features peers --bench cors [-- FILTER]
//! ```
//! Absolute times from separate criterion runs drift on a shared machine; the ratios in
//! BENCHMARKS.md come from the interleaved `rounds` binary.

use std::time::{Duration, Instant};

use benches::inner::InnerResponse;
use benches::rows::RowKind;
use benches::scenario::Scenario;
use criterion::{Criterion, criterion_group, criterion_main};

/// Requests per timed batch, as in `rounds`: small enough that requests and responses
/// stay in cache, as they do in a server handling one request at a time.
const BATCH: usize = 32;

fn scenarios(c: &mut Criterion) {
    for scenario in Scenario::ALL {
        let mut group = c.benchmark_group(scenario.name());
        for kind in RowKind::ALL {
            let mut row = kind.build(scenario, InnerResponse::Bare);
            group.bench_function(kind.id(), |b| {
                b.iter_custom(|iters| {
                    let mut total = Duration::ZERO;
                    let mut left = iters as usize;
                    while left > 0 {
                        let batch = left.min(BATCH);
                        row.prepare(batch);
                        let start = Instant::now();
                        row.run();
                        total += start.elapsed();
                        row.finish();
                        left -= batch;
                    }
                    total
                });
            });
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2));
    targets = scenarios
}
criterion_main!(benches);
