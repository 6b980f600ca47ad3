//! Times as people read them ("Mon 2 Nov 2026, 09:00") in the zone the session log was written in,
//! and the ticks of a chart's time and count axes. Built on the core's RFC 3339 reading and writing
//! (`provisim_core::time`); the page reads no clock and no browser time zone.

use provisim_core::time::{format_time, instant, offset_label, parse_log_time};

/// A fixed offset from UTC, in minutes east.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Zone {
    pub offset_minutes: i64,
}

impl Zone {
    pub const UTC: Zone = Zone { offset_minutes: 0 };

    /// `UTC`, `UTC+01:00`, `UTC-05:30`.
    pub fn label(self) -> String {
        offset_label(self.offset_minutes)
    }
}

/// The zone a session log's times are shown in: the one offset all its times share, else UTC
/// (`mixed` then says the log mixes offsets).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LogZone {
    pub zone: Zone,
    pub mixed: bool,
}

/// The offset a session log's time is written in (`Z`: 0, `+01:00`: 60), `None` when it is not a
/// time or names no zone.
pub fn offset_of(text: &str) -> Option<i64> {
    parse_log_time(text, 0).ok()?.written_offset
}

/// The zone of a set of offsets: their one offset, or UTC when they differ (or there are none).
pub fn zone_of(offsets: impl IntoIterator<Item = i64>) -> LogZone {
    let mut found: Option<i64> = None;
    for offset in offsets {
        match found {
            None => found = Some(offset),
            Some(f) if f != offset => {
                return LogZone {
                    zone: Zone::UTC,
                    mixed: true,
                }
            }
            Some(_) => {}
        }
    }
    LogZone {
        zone: Zone {
            offset_minutes: found.unwrap_or(0),
        },
        mixed: false,
    }
}

/// The zone of the session log in a capacity input: the zones of the times written in it (a
/// capacity input has no other times), those without one in `time_zone` as the engine reads them,
/// read from the text as it is, CSV or a list of sessions.
pub fn zone_of_input(text: &str, time_zone: Zone) -> LogZone {
    zone_of(written_offsets(text).map(|o| o.unwrap_or(time_zone.offset_minutes)))
}

/// The zones written by the times in `text` (`None` for a time without one): its pieces between
/// commas, quotes, backslashes (a JSON string's `\n`) and line breaks that the session log reads
/// as a time (`2026-11-02T09:00:00Z`, `2026-11-02 09:00`, `11/02/2026 09:00:00 AM`).
pub fn written_offsets(text: &str) -> impl Iterator<Item = Option<i64>> + '_ {
    text.split([',', '"', '\\', '\n', '\r'])
        .map(str::trim)
        .filter(|piece| (12..=40).contains(&piece.len()))
        .filter_map(|piece| parse_log_time(piece, 0).ok())
        .map(|t| t.written_offset)
}

/// A moment's calendar date and time of day in a zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Local {
    pub year: i64,
    pub month: usize,
    pub day: i64,
    /// 0 is Monday.
    pub weekday: usize,
    pub hour: i64,
    pub minute: i64,
    pub second: i64,
    /// Days since 1970-01-01 in the zone.
    pub days: i64,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Seconds since the epoch as a date and time of day in `zone` (the date from the core's
/// `format_time` of the shifted moment).
pub fn local(seconds: i64, zone: Zone) -> Local {
    let shifted = seconds + zone.offset_minutes * 60;
    let days = shifted.div_euclid(86_400);
    let rest = shifted.rem_euclid(86_400);
    let text = format_time(shifted);
    let part = |from: usize, to: usize| -> i64 {
        text.get(from..to).and_then(|p| p.parse().ok()).unwrap_or(0)
    };
    Local {
        year: part(0, 4),
        month: usize::try_from(part(5, 7)).unwrap_or(1),
        day: part(8, 10),
        weekday: usize::try_from((days + 3).rem_euclid(7)).unwrap_or(0),
        hour: rest / 3_600,
        minute: rest % 3_600 / 60,
        second: rest % 60,
        days,
    }
}

impl Local {
    /// `09:00`, or `10:30:01` when the seconds are not zero.
    pub fn clock(&self) -> String {
        if self.second == 0 {
            format!("{:02}:{:02}", self.hour, self.minute)
        } else {
            format!("{:02}:{:02}:{:02}", self.hour, self.minute, self.second)
        }
    }

    /// `Mon 2 Nov`.
    pub fn short_date(&self) -> String {
        let weekday = WEEKDAYS.get(self.weekday).copied().unwrap_or("");
        let month = MONTHS
            .get(self.month.saturating_sub(1))
            .copied()
            .unwrap_or("");
        format!("{weekday} {} {month}", self.day)
    }

    /// `Mon 2 Nov 2026`.
    pub fn date(&self) -> String {
        format!("{} {}", self.short_date(), self.year)
    }

    /// `Mon 2 Nov 2026, 09:00`.
    pub fn date_time(&self) -> String {
        format!("{}, {}", self.date(), self.clock())
    }
}

/// An RFC 3339 time as people read it in `zone` (`Mon 2 Nov 2026, 09:00`); text that is not a
/// time is shown as it is.
pub fn human(text: &str, zone: Zone) -> String {
    match instant(text) {
        Some(t) => local(t, zone).date_time(),
        None => text.to_string(),
    }
}

/// The end of a stretch that starts at `start`: its time of day alone on the same day, else its
/// date and time.
pub fn human_end(start: &str, end: &str, zone: Zone) -> String {
    match (instant(start), instant(end)) {
        (Some(s), Some(e)) if local(s, zone).days == local(e, zone).days => local(e, zone).clock(),
        _ => human(end, zone),
    }
}

/// Steps of a time axis, in seconds.
const TIME_STEPS: [i64; 22] = [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 10_800, 21_600, 43_200,
    86_400, 172_800, 604_800, 1_209_600, 2_419_200,
];

/// Ticks of a time axis from `start` to `end` (seconds since the epoch): at most `max` of them, on
/// round times of day in `zone` (whole days from a step of a day); the step in seconds with them.
pub fn time_ticks(start: i64, end: i64, zone: Zone, max: i64) -> (i64, Vec<i64>) {
    let span = (end - start).max(1);
    let max = max.max(2);
    let step = TIME_STEPS
        .iter()
        .copied()
        .find(|step| span / step < max)
        .unwrap_or_else(|| (span / (max - 1)).div_euclid(86_400).max(1) * 86_400);
    let offset = zone.offset_minutes * 60;
    let first = (start + offset).div_euclid(step) * step - offset;
    let first = if first < start { first + step } else { first };
    let ticks = (0..)
        .map(|i| first + i * step)
        .take_while(|t| *t <= end)
        .collect();
    (step, ticks)
}

/// Ticks of a count axis from 0 to at least `top`: a round step (1, 2, 5, 10, 20, 50, …) giving at
/// most `max` intervals; the axis' end (a multiple of the step) and the ticks.
pub fn count_ticks(top: u64, max: u64) -> (u64, Vec<u64>) {
    let top = top.max(1);
    let max = max.max(1);
    let mut unit = 1u64;
    let step = loop {
        if let Some(step) = [1, 2, 5]
            .iter()
            .map(|m| m * unit)
            .find(|step| top.div_ceil(*step) <= max)
        {
            break step;
        }
        unit = unit.saturating_mul(10);
    };
    let end = top.div_ceil(step) * step;
    (end, (0..=end / step).map(|i| i * step).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn zones_and_offsets() {
        assert_eq!(Zone::UTC.label(), "UTC");
        assert_eq!(Zone { offset_minutes: 60 }.label(), "UTC+01:00");
        assert_eq!(
            Zone {
                offset_minutes: -330
            }
            .label(),
            "UTC-05:30"
        );
        assert_eq!(offset_of("2026-11-02T09:00:00Z"), Some(0));
        assert_eq!(offset_of("2026-11-02T09:00:00+01:00"), Some(60));
        assert_eq!(offset_of("11/02/2026 09:00:00 AM -05:30"), Some(-330));
        assert_eq!(offset_of("2026-11-02 09:00"), None);
        assert_eq!(offset_of("half past ten"), None);
        let one = zone_of([60, 60]);
        assert_eq!((one.zone.offset_minutes, one.mixed), (60, false));
        let mixed = zone_of([60, 0]);
        assert_eq!((mixed.zone, mixed.mixed), (Zone::UTC, true));
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn zone_of_a_session_log() {
        let utc = Zone::UTC;
        let csv = r#"{"pool": 2, "sessions": "user,start,end\na,2026-11-02T09:00:00+01:00,2026-11-02T10:00:00+01:00\n"}"#;
        assert_eq!(zone_of_input(csv, utc).zone.offset_minutes, 60);
        assert_eq!(
            written_offsets(csv).count(),
            2,
            "both times, the one before `\\n` too"
        );
        let list = r#"{"pool": 2, "sessions": [{"user": "a", "start": "2026-11-02T09:00:00Z", "end": "2026-11-02T10:00:00-02:00"}]}"#;
        assert!(zone_of_input(list, utc).mixed);
        assert_eq!(zone_of_input("not json", utc), LogZone::default());
        let found: Vec<Option<i64>> = written_offsets(
            "a,2026-11-02 09:00:00+01:00,12026-11-02T09:00:00Z,2026-11-02 09:00,11/02/2026 9:00 AM",
        )
        .collect();
        assert_eq!(found, [Some(60), None, None]);
        // Times without a zone are in the time zone the input sets (LIC-02), mixed with others or not.
        let paris = Zone { offset_minutes: 60 };
        let bare = r#"{"pool": 2, "time_zone": "+01:00", "sessions": "user,start,end\na,2026-11-02 09:00,2026-11-02 10:00\n"}"#;
        assert_eq!(
            zone_of_input(bare, paris),
            LogZone {
                zone: paris,
                mixed: false
            }
        );
        assert_eq!(
            zone_of_input(bare, utc),
            LogZone {
                zone: utc,
                mixed: false
            }
        );
        assert!(zone_of_input(csv.replace("10:00:00+01:00", "10:00").as_str(), utc).mixed);
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn times_as_people_read_them() {
        let utc = Zone::UTC;
        assert_eq!(human("2026-11-02T09:00:00Z", utc), "Mon 2 Nov 2026, 09:00");
        assert_eq!(
            human("2026-11-02T10:30:01Z", utc),
            "Mon 2 Nov 2026, 10:30:01"
        );
        let paris = Zone { offset_minutes: 60 };
        assert_eq!(
            human("2026-11-02T23:30:00Z", paris),
            "Tue 3 Nov 2026, 00:30"
        );
        assert_eq!(human("2024-02-29T12:00:00Z", utc), "Thu 29 Feb 2024, 12:00");
        assert_eq!(human("1970-01-01T00:00:00Z", utc), "Thu 1 Jan 1970, 00:00");
        assert_eq!(human("soon", utc), "soon");
        assert_eq!(
            human_end("2026-11-02T10:00:00Z", "2026-11-02T10:30:01Z", utc),
            "10:30:01"
        );
        assert_eq!(
            human_end("2026-11-02T23:00:00Z", "2026-11-03T01:00:00Z", utc),
            "Tue 3 Nov 2026, 01:00"
        );
    }

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn ticks() {
        let nine = instant("2026-11-02T09:00:00Z").unwrap_or(0);
        let (step, t) = time_ticks(nine, nine + 7_200, Zone::UTC, 6);
        assert_eq!(step, 1_800);
        assert_eq!(t.len(), 5);
        assert_eq!(t.first(), Some(&nine));
        // A day and a half, in UTC+01:00: ticks at local round hours.
        let zone = Zone { offset_minutes: 60 };
        let (step, t) = time_ticks(nine + 600, nine + 36 * 3_600, zone, 6);
        assert_eq!(step, 21_600);
        assert!(t
            .iter()
            .all(|t| local(*t, zone).hour % 6 == 0 && local(*t, zone).minute == 0));
        assert_eq!(count_ticks(4, 5), (4, vec![0, 1, 2, 3, 4]));
        assert_eq!(count_ticks(7, 5), (8, vec![0, 2, 4, 6, 8]));
        assert_eq!(count_ticks(0, 5), (1, vec![0, 1]));
        assert_eq!(count_ticks(1234, 5).0, 1500);
    }
}
