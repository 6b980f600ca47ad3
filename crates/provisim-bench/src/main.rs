//! Benchmarks of the engine: medians of repeated timed batches, printed for `cargo xtask bench`.
//!
//! Numbers live here and never in tests: the machines are shared and noisy, so only medians and
//! ratios measured in one run are quoted.

mod alloc;
mod idp;
mod pools;
mod review;
mod scim;

use provisim_core::license::seats::{plan, AddOnCounts, SeatInput};
use provisim_core::license::{Licensing, Package};
use provisim_core::model::{Account, User};
use provisim_core::saml::engine::{self, Context};
use provisim_core::saml::{MappingRule, SamlInput, Section, SectionConfig, SsoConfig, Values};
use provisim_core::settings::Settings;
use std::collections::BTreeMap;
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
    // `--idp [N]`: only the batch through the IdP, of N users (default 100,000).
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--idp") {
        let n = args
            .get(at + 1)
            .and_then(|n| n.parse().ok())
            .unwrap_or(100_000);
        idp::run(n);
        return;
    }
    if std::env::args().any(|a| a == "--review") {
        review::run(|samples, batch, f| median_ns(samples, batch, f));
        return;
    }
    if std::env::args().any(|a| a == "--pools") {
        pools::run();
        pools::csv_upload();
        return;
    }
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
    let only_typical = std::env::args().any(|a| a == "--typical");
    if !only_typical {
        saml_bench(
            "worst case: 3 values per attribute, only the 50th rule of each section matches",
            3,
            49,
        );
    }
    saml_bench(
        "typical: 1 value per attribute, the 10th rule of each section matches",
        1,
        9,
    );
    scim::run(|samples, batch, f| median_ns(samples, batch, f));
    pools::run();
    pools::csv_upload();
    idp::run(100_000);
    review::run(|samples, batch, f| median_ns(samples, batch, f));
}

/// Sections with free-text results and no plan requirement, for the 20 × 50 benchmark.
const PLAIN: [Section; 20] = [
    Section::Scheduler,
    Section::VisitorManagement,
    Section::WorkplaceForClinicians,
    Section::CustomAiCompanion,
    Section::EventsUnlimited,
    Section::SessionsPayPerAttendee,
    Section::EventsPayPerAttendee,
    Section::UserRole,
    Section::Channel,
    Section::RecordingLocation,
    Section::ContactGroup,
    Section::PhoneRole,
    Section::ClipsPlus,
    Section::MailAndCalendar,
    Section::Docs,
    Section::CustomAvatars,
    Section::ComplianceManagement,
    Section::Division,
    Section::WorkplaceForFrontline,
    Section::AutoDialerPlus,
];

/// One sign-in against 20 sections × 50 rules, against a baseline that only loops `str::contains`
/// over the same rules (the same attribute look-up, first match per section, no trace).
fn saml_bench(title: &str, values_per_attribute: usize, matching_rule: usize) {
    // 10 attributes with 3 values each; rules read them round-robin; in each section only the last
    // rule matches, so every rule is tried (the worst case for first-match).
    let mut attributes = BTreeMap::new();
    for a in 0..10 {
        let values = (0..values_per_attribute)
            .map(|v| format!("Group-{a}-Value-{v}-Long-Enough"))
            .collect();
        attributes.insert(format!("attribute{a}"), Values::Many(values));
    }
    let advanced: Vec<SectionConfig> = PLAIN
        .iter()
        .enumerate()
        .map(|(s, section)| SectionConfig {
            section: *section,
            rules: (0..50)
                .map(|r| MappingRule {
                    attribute: format!("attribute{}", (r + s) % 10),
                    value: if r == matching_rule {
                        format!("Value-{}", values_per_attribute - 1)
                    } else {
                        format!("nomatch-{s}-{r}")
                    },
                    result: Values::One(format!("result-{s}-{r}")),
                })
                .collect(),
        })
        .collect();
    let sso = SsoConfig {
        basic: Default::default(),
        advanced,
    };
    let account = Account::default();
    let input = SamlInput {
        name_id: Some("ana@example.com".into()),
        attributes,
        ..SamlInput::default()
    };
    let user = User::new("ana@example.com");
    let report_for = |case_sensitive: bool| {
        let settings = Settings {
            case_sensitive,
            ..Settings::default()
        };
        let ctx = Context {
            account: &account,
            sso: &sso,
            settings: &settings,
            input: &input,
        };
        let report = engine::simulate(ctx, Some(&user));
        let matched = report
            .sign_ins
            .iter()
            .flat_map(|s| &s.sections)
            .filter(|s| {
                s.rules.iter().any(|r| {
                    r.index == matching_rule
                        && r.status == provisim_core::saml::matching::RuleStatus::Matched
                })
            })
            .count();
        assert_eq!(matched, 20, "every section's last rule must match");
        median_ns(31, 200, || {
            black_box(engine::simulate(black_box(ctx), black_box(Some(&user))));
        })
    };
    let insensitive = report_for(false);
    let sensitive = report_for(true);
    let baseline = median_ns(31, 200, || {
        let mut matched = 0usize;
        for section in &sso.advanced {
            for rule in &section.rules {
                let hit = input.attributes.get(&rule.attribute).is_some_and(|values| {
                    values
                        .as_slice()
                        .iter()
                        .any(|v| v.contains(rule.value.as_str()))
                });
                if hit {
                    matched += 1;
                    break;
                }
            }
        }
        black_box(matched);
    });
    println!("  SAML sign-in, 20 sections × 50 rules, full trace; {title}:");
    println!(
        "    case-insensitive (default): {:>8.2} µs",
        insensitive / 1000.0
    );
    println!(
        "    case-sensitive:             {:>8.2} µs",
        sensitive / 1000.0
    );
    println!(
        "    baseline (str::contains):   {:>8.2} µs",
        baseline / 1000.0
    );
    println!(
        "    ratio default / baseline:   {:>8.2}×  (target ≤ 3×, < 20 µs)",
        insensitive / baseline
    );
    println!(
        "    ratio sensitive / baseline: {:>8.2}×",
        sensitive / baseline
    );
}
