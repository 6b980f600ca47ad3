//! Benchmarks of issue 5: a whole directory through 200 SAML rules (users per second, and the heap
//! it holds at 10,000 vs 100,000 users), and a concurrency timeline of 1,000,000 sessions.

use crate::alloc;
use provisim_core::batch::{BatchInput, BatchUser, BatchUsers, Through};
use provisim_core::capacity::{self, Options, Session};
use provisim_core::license::directory::{Designation, PoolInput};
use provisim_core::license::{Licensing, Package};
use provisim_core::model::Plan;
use provisim_core::saml::{MappingRule, Section, SectionConfig, SsoConfig, Values};
use provisim_core::scenario::Scenario;
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

/// Ten sections of twenty rules; the user's department decides which rule of each matches.
pub(crate) fn scenario() -> Scenario {
    let sections = [
        Section::UserRole,
        Section::Channel,
        Section::RecordingLocation,
        Section::ContactGroup,
        Section::Division,
        Section::Scheduler,
        Section::ClipsPlus,
        Section::Docs,
        Section::CcRole,
        Section::CcPackage,
    ];
    let advanced = sections
        .iter()
        .map(|&section| SectionConfig {
            section,
            rules: (0..20)
                .map(|r| MappingRule {
                    attribute: if r % 2 == 0 { "department" } else { "title" }.to_string(),
                    value: format!("Unit-{r:02}"),
                    result: Values::One(match section {
                        Section::CcPackage => match r % 3 {
                            0 => "essentials",
                            1 => "premium",
                            _ => "elite",
                        }
                        .to_string(),
                        Section::CcRole => "Agent".to_string(),
                        _ => format!("value-{r}"),
                    }),
                })
                .collect(),
        })
        .collect();
    let mut scenario = Scenario {
        provisim: 1,
        title: None,
        description: None,
        account: Default::default(),
        sso: SsoConfig {
            basic: Default::default(),
            advanced,
        },
        settings: Default::default(),
        user: None,
        saml: None,
        seats: None,
        directory: Vec::new(),
        scim: None,
        csv: None,
        batch: None,
        notes: Vec::new(),
    };
    scenario.account.plans.insert(Plan::ContactCenter);
    scenario.account.plans.insert(Plan::ConcurrentLicensing);
    scenario
}

pub(crate) fn input(summary_only: bool) -> BatchInput {
    BatchInput {
        users: BatchUsers::List(Vec::new()),
        pools: vec![
            PoolInput {
                package: Package::Elite,
                licensing: Licensing::Concurrent,
                bundle: None,
                size: 5_000,
                designation: Designation::AssignmentOrder,
            },
            PoolInput {
                package: Package::Premium,
                licensing: Licensing::Named,
                bundle: None,
                size: 20_000,
                designation: Designation::AssignmentOrder,
            },
        ],
        summary_only,
        list_limit: 20,
        value_separator: ";".to_string(),
        through: Through::Saml,
    }
}

/// User `i`: new, with a department and title that match rules 12..19 (most rules are tried).
pub(crate) fn user(i: usize) -> BatchUser {
    let mut attributes = BTreeMap::new();
    attributes.insert(
        "department".to_string(),
        Values::One(format!("Unit-{:02}", 12 + 2 * (i % 4))),
    );
    attributes.insert(
        "title".to_string(),
        Values::Many(vec![
            "Staff".to_string(),
            format!("Unit-{:02}", 13 + 2 * (i % 3)),
        ]),
    );
    BatchUser {
        name_id: Some(format!("user{i}@example.com")),
        attributes,
        user: None,
    }
}

/// Streams `n` users (generated one at a time, so the input is not held) through a summary-mode
/// batch; returns the peak heap above the starting point.
fn stream(scenario: &Scenario, n: usize) -> usize {
    let input = input(true);
    let base = alloc::reset_peak();
    let Ok(mut batch) = scenario.start_batch(&input) else {
        return 0;
    };
    for i in 0..n {
        black_box(batch.push(i as u64 + 1, user(i)));
    }
    let report = batch.finish();
    let peak = alloc::peak().saturating_sub(base);
    assert_eq!(report.users, n as u64);
    black_box(report);
    peak
}

/// Seconds to run `users` (built beforehand) through a summary-mode batch.
fn timed(scenario: &Scenario, users: Vec<BatchUser>) -> f64 {
    let input = input(true);
    let n = users.len() as u64;
    let start = Instant::now();
    let Ok(mut batch) = scenario.start_batch(&input) else {
        return f64::NAN;
    };
    for (i, u) in users.into_iter().enumerate() {
        black_box(batch.push(i as u64 + 1, u));
    }
    let report = batch.finish();
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(report.users, n);
    black_box(report);
    seconds
}

pub fn run() {
    let scenario = scenario();
    println!("  batch, 200 rules (10 sections × 20), summary mode:");
    let _ = timed(&scenario, (0..2_000).map(user).collect()); // warm-up
    for n in [10_000usize, 100_000] {
        let mut seconds: Vec<f64> = (0..3)
            .map(|_| timed(&scenario, (0..n).map(user).collect()))
            .collect();
        seconds.sort_by(f64::total_cmp);
        let median = seconds.get(1).copied().unwrap_or(f64::NAN);
        println!(
            "    {n:>7} users built beforehand: {:>8.1} ms (median of 3), {:>9.0} users/s (target ≥ 100,000)",
            median * 1000.0,
            n as f64 / median
        );
    }
    let small = stream(&scenario, 10_000);
    let large = stream(&scenario, 100_000);
    println!(
        "    peak heap while streaming users one at a time: {:.1} KB at 10,000 users, {:.1} KB at 100,000 ({:.2}×; flat = 1.0×)",
        small as f64 / 1024.0,
        large as f64 / 1024.0,
        large as f64 / small.max(1) as f64
    );

    // The same batch as the JavaScript API runs it: JSON text in (CSV directory), JSON out.
    let mut csv = String::from("name_id,department,title\n");
    for i in 0..100_000 {
        csv.push_str(&format!(
            "user{i}@example.com,Unit-{:02},Staff;Unit-{:02}\n",
            12 + 2 * (i % 4),
            13 + 2 * (i % 3)
        ));
    }
    let mut doc = serde_json::to_value(&scenario).unwrap_or_default();
    if let Some(object) = doc.as_object_mut() {
        let mut batch = serde_json::to_value(input(true)).unwrap_or_default();
        if let Some(b) = batch.as_object_mut() {
            b.insert("users".to_string(), serde_json::Value::String(csv));
        }
        object.insert("batch".to_string(), batch);
    }
    let text = doc.to_string();
    // The browser benchmark runs the same text through the wasm build (`cargo xtask bench`).
    if let Some(path) = std::env::var_os("PROVISIM_BATCH_SCENARIO") {
        if let Err(e) = std::fs::write(&path, &text) {
            println!("    (cannot write the scenario for the browser benchmark: {e})");
        }
    }
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let start = Instant::now();
            let answer = provisim_core::api::call("simulateBatch", black_box(&text));
            let users = answer.get("users").and_then(serde_json::Value::as_u64);
            assert_eq!(users, Some(100_000), "{:?}", answer.get("errors"));
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let median = times.get(1).copied().unwrap_or(f64::NAN);
    println!(
        "    simulateBatch (JSON in and out, 100,000-row CSV, {:.1} MB): {:.1} ms median of 3, {:.0} users/s",
        text.len() as f64 / 1e6,
        median * 1000.0,
        100_000.0 / median
    );
    println!("BENCH native_batch_100k_ms {:.1}", median * 1000.0);

    // LIC-03: a session log of 1,000,000 sessions over 30 days, 5,000 users.
    let day = 86_400i64;
    let sessions: Vec<Session> = (0..1_000_000u64)
        .map(|i| {
            let h = i.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let start = 1_793_577_600 + (h % (30 * day as u64)) as i64;
            Session {
                user: format!("u{}", i % 5_000),
                start,
                end: start + 600 + ((h >> 32) % 7_200) as i64,
            }
        })
        .collect();
    let options = Options {
        pool: 300,
        grace_minutes: 30,
        max_timeline_points: 10_000,
    };
    let mut times: Vec<f64> = (0..3)
        .map(|_| {
            let start = Instant::now();
            black_box(capacity::simulate(options, black_box(&sessions)));
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let report = capacity::simulate(options, &sessions);
    println!(
        "  concurrency timeline, 1,000,000 sessions of 5,000 users: {:.1} ms median of 3 ({}, peak {} users)",
        times.get(1).copied().unwrap_or(f64::NAN) * 1000.0,
        provisim_core::explain::count(report.episodes.len() as u64, "episode", "episodes"),
        report.peak.map_or(0, |p| p.users)
    );
    let mut log = String::from("user,start,end\n");
    for s in sessions.iter().take(1_000_000) {
        log.push_str(&format!(
            "{},{},{}\n",
            s.user,
            provisim_core::time::format_time(s.start),
            provisim_core::time::format_time(s.end)
        ));
    }
    let start = Instant::now();
    let mut errors = Vec::new();
    let parsed = capacity::parse_csv(black_box(&log), "/sessions", &mut errors);
    let parse = start.elapsed().as_secs_f64();
    assert!(errors.is_empty() && parsed.len() == 1_000_000);
    println!(
        "  session log CSV of 1,000,000 rows ({:.1} MB): parsed in {:.1} ms",
        log.len() as f64 / 1e6,
        parse * 1000.0
    );
}

/// CSV-01..04: a bulk upload of 1,000 rows × 13 columns (+ email) checked against 1,000 users.
pub fn csv_upload() {
    use provisim_core::csv_upload::{check, CsvInput, COLUMNS};
    use provisim_core::model::User;
    let mut directory = Vec::new();
    let mut text = String::from("Email");
    for c in COLUMNS {
        text.push(',');
        text.push_str(c.header);
    }
    text.push('\n');
    for i in 0..1_000 {
        let email = format!("agent{i:04}@example.com");
        let mut u = User::new(&email);
        u.contact_center.package = Some(Package::Elite);
        u.contact_center.agent_queues = vec!["Billing".into(), "Sales".into()];
        u.contact_center.skills = vec!["English".into()];
        directory.push(u);
        text.push_str(&format!(
            "{email},Agent,Premium,AI Expert Assist;Workforce Management,Salesforce,Billing;Support,,English;Spanish,US,{},1,3,50,Enabled\n",
            i % 5
        ));
    }
    let mut scenario = scenario();
    scenario.directory = directory;
    let input = CsvInput {
        text,
        value_separator: ";".to_string(),
    };
    let mut times: Vec<f64> = (0..11)
        .map(|_| {
            let start = Instant::now();
            let report = check(black_box(&scenario.setup()), black_box(&input));
            assert!(report.accepted && report.rows == 1_000);
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "  bulk CSV upload, 1,000 rows × 13 columns against 1,000 users (diff and safe CSV): {:.2} ms median of 11",
        times.get(5).copied().unwrap_or(f64::NAN) * 1000.0
    );
}
