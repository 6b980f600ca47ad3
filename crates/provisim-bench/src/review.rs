//! Benchmarks of issue 17: the lint of a 20 sections × 50 rules configuration, and the impact of a
//! change over 100,000 users beside the batch's own users per second on the same directory.

use crate::pools;
use provisim_core::impact::Impact;
use provisim_core::lint;
use provisim_core::saml::{MappingRule, Section, SectionConfig, Values};
use provisim_core::scenario::Scenario;
use std::hint::black_box;
use std::time::Instant;

/// 20 sections × 50 rules, every fifth rule shadowed by the one before it (a value that contains
/// the earlier one's), so the lint has findings to write.
fn configuration(median_ns: fn(usize, u32, &mut dyn FnMut()) -> f64) -> f64 {
    let mut scenario = pools::scenario();
    scenario.sso.advanced = crate::PLAIN
        .iter()
        .enumerate()
        .map(|(s, &section)| SectionConfig {
            section,
            rules: (0..50)
                .map(|r| MappingRule {
                    attribute: format!("attribute{}", (r + s) % 10),
                    value: if r % 5 == 4 {
                        format!("group-{s}-{}-extra", r - 1)
                    } else {
                        format!("group-{s}-{r}")
                    },
                    result: Values::One(format!("result-{s}-{r}")),
                })
                .collect(),
        })
        .collect();
    let findings = lint::lint(&scenario).len();
    assert!(findings > 0, "the configuration has shadowed rules");
    median_ns(31, 50, &mut || {
        black_box(lint::lint(black_box(&scenario)));
    })
}

/// Seconds for `n` users through a summary batch, and through the impact of `after` against it.
fn timed(before: &Scenario, after: &Scenario, n: usize) -> (f64, f64, u64) {
    let users: Vec<_> = (0..n).map(pools::user).collect();
    let input = pools::input(true);
    let start = Instant::now();
    let Ok(mut batch) = before.start_batch(&input) else {
        return (f64::NAN, f64::NAN, 0);
    };
    for (i, u) in users.iter().cloned().enumerate() {
        black_box(batch.push(i as u64 + 1, u));
    }
    black_box(batch.finish());
    let batch_s = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut impact = Impact::new(before, after, 20);
    for (i, u) in users.into_iter().enumerate() {
        impact.push(i as u64 + 1, u);
    }
    let report = impact.finish();
    (batch_s, start.elapsed().as_secs_f64(), report.changed)
}

pub fn run(median_ns: fn(usize, u32, &mut dyn FnMut()) -> f64) {
    let lint_ns = configuration(median_ns);
    println!(
        "  lint, 20 sections × 50 rules: {:.3} ms per lint (target < 1 ms)",
        lint_ns / 1e6
    );
    println!("BENCH native_lint_20x50_ms {:.3}", lint_ns / 1e6);
    let before = pools::scenario();
    // The change: the Contact Center Package rules in the opposite order.
    let mut after = before.clone();
    for section in &mut after.sso.advanced {
        if section.section == Section::CcPackage {
            section.rules.reverse();
        }
    }
    let n = 100_000;
    let _ = timed(&before, &after, 2_000); // warm-up
    let (_, same_s, _) = timed(&before, &before, n);
    println!(
        "  impact, no change, {n} users: {:.0} users/s (the two sign-ins alone)",
        n as f64 / same_s
    );
    let mut runs: Vec<(f64, f64, u64)> = (0..3).map(|_| timed(&before, &after, n)).collect();
    runs.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (batch_s, impact_s, changed) = runs.get(1).copied().unwrap_or((f64::NAN, f64::NAN, 0));
    let (batch_rate, impact_rate) = (n as f64 / batch_s, n as f64 / impact_s);
    println!(
        "  impact, CC Package rules reversed, {n} users (200 rules, {changed} changed): {:.1} ms (median of 3), {:.0} users/s; the batch on the same users: {:.0} users/s; ratio {:.2} (target ≥ 0.5)",
        impact_s * 1000.0,
        impact_rate,
        batch_rate,
        impact_rate / batch_rate
    );
    println!("BENCH native_impact_100k_ms {:.1}", impact_s * 1000.0);
    println!(
        "BENCH impact_over_batch_rate {:.2}",
        impact_rate / batch_rate
    );
}
