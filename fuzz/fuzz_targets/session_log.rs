//! Fuzz target: the concurrency session log (`capacity`): the `user,start,end` CSV reader with its
//! RFC 3339 times, then the simulation over what it read; or the whole JSON input of
//! `simulateCapacity`.
//!
//! Input: one byte (even: the CSV, with that byte as the pool; odd: the JSON input), then the text.
//! Properties: every time read writes back to a text that reads as the same second; the simulation
//! of a log read without error keeps LIC-03 (every episode is above the pool, its excess is its peak
//! less the pool, it is billable exactly when longer than the grace period, the counts add up).
#![no_main]

use libfuzzer_sys::fuzz_target;
use provisim_core::capacity::{self, Options};

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if pick % 2 == 1 {
        let _ = provisim_core::api::simulate_capacity(text);
        return;
    }
    let mut errors = Vec::new();
    let sessions = capacity::parse_csv(text, "/sessions", &mut errors);
    for session in &sessions {
        for seconds in [session.start, session.end] {
            let written = provisim_core::time::format_time(seconds);
            assert_eq!(
                provisim_core::time::parse_time(&written),
                Ok(seconds),
                "{seconds} s writes as `{written}`, which does not read back"
            );
        }
    }
    if errors.is_empty() {
        let options = Options {
            pool: u32::from(pick / 2),
            grace_minutes: 30,
            max_timeline_points: 50,
        };
        let pool = u64::from(options.pool);
        let grace_seconds = i64::from(options.grace_minutes) * 60;
        let report = capacity::simulate(options, &sessions);
        // LIC-03: an episode is usage above the pool, billable only when longer than the grace.
        for e in &report.episodes {
            assert!(
                e.peak_users > pool,
                "an episode at or below the pool: {e:?}"
            );
            assert_eq!(e.peak_excess, e.peak_users - pool, "{e:?}");
            assert_eq!(e.billable, e.duration_seconds > grace_seconds, "{e:?}");
        }
        let billable = report.episodes.iter().filter(|e| e.billable).count() as u64;
        assert_eq!(report.billable, billable);
        assert_eq!(
            report.within_grace + report.billable,
            report.episodes.len() as u64
        );
    }
});
