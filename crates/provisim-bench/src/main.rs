//! Benchmarks of the engine: medians of repeated timed batches, printed for `cargo xtask bench`.
//!
//! Numbers live here and never in tests: the machines are shared and noisy, so only medians and
//! ratios measured in one run are quoted.

use provisim_core::license::seats::{plan, AddOnCounts, SeatInput};
use provisim_core::license::{Licensing, Package};
use std::hint::black_box;
use std::time::Instant;

/// Median time per call of `f`, in nanoseconds, over `samples` batches of `batch` calls.
fn median_ns(samples: usize, batch: u32, mut f: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..samples)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..batch {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(batch)
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times.get(times.len() / 2).copied().unwrap_or(f64::NAN)
}

fn main() {
    println!("provisim-core benchmarks (median of 31 batches)");
    let input = SeatInput {
        agents: 100,
        package: Package::Elite,
        licensing: Licensing::Concurrent,
        bundle: None,
        pool: 25,
        addons: AddOnCounts {
            wfm: 10,
            qm: 0,
            ai_expert_assist: 0,
        },
    };
    let seats = median_ns(31, 2_000, || {
        black_box(plan(black_box(&input)));
    });
    println!(
        "  seat planner, 100 agents / 25 Elite concurrent: {:.2} µs per plan",
        seats / 1000.0
    );
}
