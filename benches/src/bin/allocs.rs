//! Allocations and bytes allocated per request, for every row and scenario, counted by
//! a counting global allocator around the service call and the poll of its future only
//! (not the building of the request, not the dropping of the response).
//!
//! ```text
//! cargo run --release -p benches --features peers --bin allocs
//! ```

use std::alloc::System;

use benches::inner::{Echo, InnerResponse};
use benches::row::Row;
use benches::rows::RowKind;
use benches::scenario::Scenario;
use benches::tower_row::TowerRow;
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

const REQUESTS: usize = 1000;

/// Allocations and bytes per request of `row` (call and poll only), one request at a
/// time, as a server handles them (each response dropped before the next request).
fn count(row: &mut dyn Row) -> (f64, f64) {
    // Warm up: lazily promoted buffers, pools and the like.
    for _ in 0..10 {
        row.prepare(1);
        row.run();
        row.finish();
    }
    let (mut allocations, mut bytes) = (0usize, 0usize);
    for _ in 0..REQUESTS {
        row.prepare(1);
        let region = Region::new(GLOBAL);
        row.run();
        let change = region.change();
        row.finish();
        allocations += change.allocations + change.reallocations;
        bytes += change.bytes_allocated + change.bytes_reallocated.max(0) as usize;
    }
    (
        allocations as f64 / REQUESTS as f64,
        bytes as f64 / REQUESTS as f64,
    )
}

fn main() {
    for inner in InnerResponse::ALL {
        println!();
        println!("### inner response: {}", inner.name());
        println!();
        print!("| scenario | inner service alone (tower / actix) |");
        for kind in RowKind::ALL {
            print!(" {} |", kind.name());
        }
        print!("\n|---|---:|");
        for _ in RowKind::ALL {
            print!("---:|");
        }
        println!();
        for scenario in Scenario::ALL {
            // A preflight never reaches the inner service: nothing to subtract.
            let (tower_base, actix_base) = if scenario.is_preflight() {
                ((0.0, 0.0), (0.0, 0.0))
            } else {
                (
                    count(&mut TowerRow::new(Echo(inner), scenario)),
                    count(&mut benches::actix::inner_row(scenario, inner)),
                )
            };
            print!(
                "| {} | {:.0} / {:.0} B, {:.0} / {:.0} B |",
                scenario.name(),
                tower_base.0,
                tower_base.1,
                actix_base.0,
                actix_base.1
            );
            for kind in RowKind::ALL {
                let base = if kind.is_actix() {
                    actix_base
                } else {
                    tower_base
                };
                let (allocations, bytes) = count(kind.build(scenario, inner).as_mut());
                print!(" {:+.0} / {:+.0} B |", allocations - base.0, bytes - base.1);
            }
            println!();
        }
    }
    println!();
    println!(
        "Each cell: allocations (including reallocations) / bytes allocated per request by the \
         layer, beyond what the inner service alone allocates (second column; a preflight \
         never reaches the inner service, so nothing is subtracted there)."
    );
}
