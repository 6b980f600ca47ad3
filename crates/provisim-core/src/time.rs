//! Time as the documents give it: RFC 3339 date-times read by hand into seconds since the epoch
//! and written back in UTC (the core reads no clock; a scenario's times are its own). SCIM reads
//! RFC 3339 only (`parse_time`); a session log also takes the forms admins' exports write
//! (`parse_log_time`), a time without a zone being read in a zone the scenario states.

/// Parses an RFC 3339 date-time (`2026-11-02T09:00:00Z`, `…T10:00:00+01:00`) to seconds since
/// 1970-01-01T00:00:00Z. `T` may be `t` or a space; fractional seconds are refused rather than
/// silently rounded.
pub fn parse_time(text: &str) -> Result<i64, String> {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| -> Result<i64, String> {
        let part = b.get(from..from + n).ok_or("it is too short")?;
        if !part.iter().all(u8::is_ascii_digit) {
            return Err(format!("expected {n} digits at position {}", from + 1));
        }
        Ok(part
            .iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')))
    };
    let expect = |at: usize, allowed: &[u8], what: &str| -> Result<(), String> {
        match b.get(at) {
            Some(c) if allowed.contains(c) => Ok(()),
            _ => Err(format!("expected {what} at position {}", at + 1)),
        }
    };
    let year = digits(0, 4)?;
    expect(4, b"-", "`-`")?;
    let month = digits(5, 2)?;
    expect(7, b"-", "`-`")?;
    let day = digits(8, 2)?;
    expect(10, b"Tt ", "`T`")?;
    let hour = digits(11, 2)?;
    expect(13, b":", "`:`")?;
    let minute = digits(14, 2)?;
    expect(16, b":", "`:`")?;
    let second = digits(17, 2)?;
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} does not exist"));
    }
    let last = days_in_month(year, month);
    if day < 1 || day > last {
        return Err(format!("{year:04}-{month:02} has no day {day}"));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!(
            "{hour:02}:{minute:02}:{second:02} is not a time of day"
        ));
    }
    let offset = match b.get(19) {
        Some(b'.') => return Err("fractional seconds are not supported: give whole seconds".into()),
        Some(b'Z' | b'z') if b.len() == 20 => 0,
        Some(sign @ (b'+' | b'-')) if b.len() == 25 => {
            let h = digits(20, 2)?;
            expect(22, b":", "`:` in the offset")?;
            let m = digits(23, 2)?;
            if h > 23 || m > 59 {
                return Err(format!("offset {h:02}:{m:02} is out of range"));
            }
            let minutes = h * 60 + m;
            if *sign == b'+' {
                minutes
            } else {
                -minutes
            }
        }
        None => {
            return Err("the time zone is missing: end with `Z` or an offset like `+01:00`".into())
        }
        Some(_) => return Err("expected `Z` or an offset like `+01:00` after the seconds".into()),
    };
    let days = days_from_civil(year, month, day);
    Ok(days * 86_400 + hour * 3_600 + minute * 60 + second - offset * 60)
}

/// The forms [`parse_log_time`] reads, as its errors and help list them.
pub const LOG_TIME_FORMS: &str = "`2026-11-02 09:00`, `2026-11-02 09:00:00`, `2026-11-02T09:00:00Z`, `2026-11-02T10:00:00+01:00` or `11/02/2026 09:00:00 AM`";

/// A time of a session log as [`parse_log_time`] read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LogTime {
    /// Seconds since 1970-01-01T00:00:00Z.
    pub seconds: i64,
    /// The offset the text wrote, in minutes east of UTC; `None` when it wrote no zone and was
    /// read in the zone given to [`parse_log_time`].
    pub written_offset: Option<i64>,
    /// Whether the date was written with slashes, and so read month first (`11/02/2026` is
    /// 2 November): an Assumption the answer states, since a day-first export reads wrong.
    pub month_first: bool,
}

/// Parses a session log's start or end as admins' exports write it, to seconds since the epoch.
/// Besides RFC 3339 (every time [`parse_time`] reads, to the same second) it takes:
///
/// - `2026-11-02 09:00`, `2026-11-02 09:00:00`, the same with `T`, the hour in one digit or two;
/// - `11/02/2026 09:00:00 AM`, as Zoom's usage reports write it: **month first** (US), month and
///   day in one digit or two, the seconds optional;
/// - either with ` AM`/` PM` after the time (the hour then 1 to 12; without them it is on the
///   24-hour clock), and a zone (`Z`, `UTC`, `+01:00`, `+0100`, `+01`, a space before it allowed).
///
/// A time without a zone is read in `zone_minutes` (minutes east of UTC: the scenario's time
/// zone), and [`LogTime::written_offset`] says it had none, so the answer can say so. Fractional
/// seconds are refused rather than silently rounded, as in [`parse_time`]; an error says why, and
/// the caller lists [`LOG_TIME_FORMS`].
pub fn parse_log_time(text: &str, zone_minutes: i64) -> Result<LogTime, String> {
    let text = text.trim();
    let mut c = Cursor {
        b: text.as_bytes(),
        at: 0,
    };
    let iso =
        c.b.get(..4)
            .is_some_and(|y| y.iter().all(u8::is_ascii_digit))
            && c.b.get(4) == Some(&b'-');
    let us = !iso && c.b.iter().take(3).any(|b| *b == b'/');
    let (year, month, day) = if iso {
        let year = c.digits(4, 4, "the year (4 digits)")?;
        c.expect(b'-', "`-` after the year")?;
        let month = c.digits(2, 2, "the month (2 digits)")?;
        c.expect(b'-', "`-` after the month")?;
        let day = c.digits(2, 2, "the day (2 digits)")?;
        if !(c.eat(b'T') || c.eat(b't') || c.spaces()) {
            return Err(c.wanted("`T` or a space between the date and the time"));
        }
        (year, month, day)
    } else if us {
        let month = c.digits(1, 2, "the month")?;
        c.expect(b'/', "`/` after the month")?;
        let day = c.digits(1, 2, "the day")?;
        c.expect(b'/', "`/` after the day")?;
        let year = c.digits(4, 4, "the year (4 digits)")?;
        if !c.spaces() {
            return Err(c.wanted("a space between the date and the time"));
        }
        (year, month, day)
    } else {
        return Err(
            "it starts with no date: write the date as `2026-11-02` (year first) or `11/02/2026` (month first)"
                .into(),
        );
    };
    let mut hour = c.digits(1, 2, "the hour")?;
    c.expect(b':', "`:` after the hour")?;
    let minute = c.digits(2, 2, "the minutes (2 digits)")?;
    let second = if c.eat(b':') {
        c.digits(2, 2, "the seconds (2 digits)")?
    } else {
        0
    };
    if matches!(c.b.get(c.at), Some(b'.' | b',')) {
        return Err("fractional seconds are not supported: give whole seconds".into());
    }
    c.spaces();
    if !(1..=12).contains(&month) {
        return Err(if us {
            format!("month {month} does not exist: this form is month first, MM/DD/YYYY")
        } else {
            format!("month {month} does not exist")
        });
    }
    let last = days_in_month(year, month);
    if day < 1 || day > last {
        return Err(format!("{year:04}-{month:02} has no day {day}"));
    }
    let meridiem = match c.b.get(c.at..c.at + 2) {
        Some(m) if m.eq_ignore_ascii_case(b"AM") => Some(0),
        Some(m) if m.eq_ignore_ascii_case(b"PM") => Some(12),
        _ => None,
    };
    if let Some(add) = meridiem {
        if !(1..=12).contains(&hour) {
            return Err(format!(
                "hour {hour} with AM or PM does not exist: with them the hour is 1 to 12"
            ));
        }
        hour = hour % 12 + add;
        c.at += 2;
        c.spaces();
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!(
            "{hour:02}:{minute:02}:{second:02} is not a time of day"
        ));
    }
    let written_offset = match text.get(c.at..) {
        None | Some("") => None,
        Some(rest) => Some(parse_offset(rest).map_err(|why| {
            format!("after the time comes `AM`/`PM`, a zone or nothing, and `{rest}` is none of them: {why}")
        })?),
    };
    let days = days_from_civil(year, month, day);
    let offset = written_offset.unwrap_or(zone_minutes);
    Ok(LogTime {
        seconds: days * 86_400 + hour * 3_600 + minute * 60 + second - offset * 60,
        written_offset,
        month_first: us,
    })
}

/// Parses a UTC offset, as a session log's time zone setting or the end of a session log's time writes it,
/// to minutes east of UTC: `Z`, `UTC`, `GMT`, `+01:00`, `-05:30`, `+0100`, `+01`, `UTC+01:00`
/// (case aside). A named zone (`Europe/Paris`) is refused: its offset changes with daylight saving,
/// and the core has no zone database.
pub fn parse_offset(text: &str) -> Result<i64, String> {
    let t = text.trim().as_bytes();
    let named = |prefix: &[u8]| t.get(..3).is_some_and(|h| h.eq_ignore_ascii_case(prefix));
    let b = if named(b"UTC") || named(b"GMT") {
        t.get(3..).unwrap_or_default()
    } else {
        t
    };
    if t.eq_ignore_ascii_case(b"Z") || (b.is_empty() && b.len() < t.len()) {
        return Ok(0);
    }
    let sign = match b.first() {
        Some(b'+') => 1,
        Some(b'-') => -1,
        _ if t.contains(&b'/') || t.iter().any(u8::is_ascii_alphabetic) => {
            return Err("write `UTC` or an offset like `+01:00` (a named zone such as CET or Europe/Paris is not read: its offset changes with daylight saving)".into())
        }
        _ => return Err("write `Z` (UTC) or an offset like `+01:00` or `-05:00`".into()),
    };
    let two = |from: usize| -> Option<i64> {
        let part = b.get(from..from + 2)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |acc, d| acc * 10 + i64::from(d - b'0')))
    };
    let (hours, minutes) = match (b.len(), b.get(3)) {
        (3, _) => (two(1), Some(0)),
        (5, _) => (two(1), two(3)),
        (6, Some(b':')) => (two(1), two(4)),
        _ => (None, None),
    };
    let (Some(h), Some(m)) = (hours, minutes) else {
        return Err("an offset is a sign and two digits of hours, with or without `:` and two of minutes, e.g. `+01:00`, `-0530` or `+01`".into());
    };
    if h > 23 || m > 59 {
        return Err(format!("offset {h:02}:{m:02} is out of range"));
    }
    Ok(sign * (h * 60 + m))
}

/// An offset in minutes east of UTC as people read it: `UTC`, `UTC+01:00`, `UTC-05:30` (which
/// [`parse_offset`] reads back).
pub fn offset_label(minutes: i64) -> String {
    if minutes == 0 {
        return "UTC".to_string();
    }
    let sign = if minutes > 0 { '+' } else { '-' };
    let m = minutes.abs();
    format!("UTC{sign}{:02}:{:02}", m / 60, m % 60)
}

/// A reading position in a time's text, for [`parse_log_time`].
struct Cursor<'a> {
    b: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    /// A number of `min` to `max` digits.
    fn digits(&mut self, min: usize, max: usize, what: &str) -> Result<i64, String> {
        let start = self.at;
        let mut value = 0i64;
        while self.at - start < max {
            match self.b.get(self.at) {
                Some(d) if d.is_ascii_digit() => {
                    value = value * 10 + i64::from(d - b'0');
                    self.at += 1;
                }
                _ => break,
            }
        }
        if self.at - start < min {
            self.at = start;
            return Err(self.wanted(what));
        }
        Ok(value)
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.b.get(self.at) == Some(&byte);
        if found {
            self.at += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), String> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(self.wanted(what))
        }
    }

    /// Skips spaces; whether there were any.
    fn spaces(&mut self) -> bool {
        let start = self.at;
        while self.b.get(self.at) == Some(&b' ') {
            self.at += 1;
        }
        self.at > start
    }

    /// "expected … at position N" (or "at its end").
    fn wanted(&self, what: &str) -> String {
        if self.at >= self.b.len() {
            format!("it ends where {what} should be")
        } else {
            format!("expected {what} at position {}", self.at + 1)
        }
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Formats seconds since the epoch as RFC 3339 in UTC.
pub fn format_time(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let rest = seconds.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3_600,
        rest % 3_600 / 60,
        rest % 60
    )
}

/// An RFC 3339 time as seconds since the epoch (fractional seconds, as Entra ID sends them, are
/// dropped), or `None` for text that is not a time.
pub fn instant(text: &str) -> Option<i64> {
    if text.len() < 20 || text.as_bytes().get(4).is_none_or(|b| *b != b'-') {
        return None;
    }
    let whole = match (text.get(..19), text.get(19..)) {
        (Some(head), Some(tail)) if tail.starts_with('.') => {
            let zone = tail.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit());
            format!("{head}{zone}")
        }
        _ => text.to_string(),
    };
    parse_time(&whole).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn read(text: &str, zone: i64) -> i64 {
        parse_log_time(text, zone)
            .unwrap_or_else(|e| panic!("{text}: {e}"))
            .seconds
    }

    fn utc(text: &str) -> i64 {
        parse_time(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn lic_02_every_accepted_form_of_one_instant_reads_the_same_second() {
        // LIC-02 counts sessions over time: each form an export writes the same instant in must
        // give the same second. 2026-11-02T08:00:00Z, the zone-less forms read in UTC+01:00.
        let instant = utc("2026-11-02T08:00:00Z");
        for (text, written) in [
            ("2026-11-02T08:00:00Z", Some(0)),
            ("2026-11-02t08:00:00z", Some(0)),
            ("2026-11-02T09:00:00+01:00", Some(60)),
            ("2026-11-02 03:30:00-04:30", Some(-270)),
            ("2026-11-02 09:00", None),
            ("2026-11-02 09:00:00", None),
            ("2026-11-02T09:00", None),
            ("2026-11-02T09:00:00", None),
            ("2026-11-02 9:00", None),
            ("  2026-11-02 09:00  ", None),
            ("2026-11-02 08:00Z", Some(0)),
            ("2026-11-02 08:00 UTC", Some(0)),
            ("2026-11-02 09:00 +01:00", Some(60)),
            ("2026-11-02 09:00+0100", Some(60)),
            ("2026-11-02 09:00+01", Some(60)),
            ("11/02/2026 09:00:00 AM", None),
            ("11/02/2026 09:00 am", None),
            ("11/02/2026 9:00 AM", None),
            ("11/2/2026 09:00", None),
            ("11/02/2026 09:00:00", None),
            ("11/02/2026 08:00:00 AM Z", Some(0)),
            ("11/02/2026 03:00:00 AM -05:00", Some(-300)),
        ] {
            let got = parse_log_time(text, 60).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(got.seconds, instant, "{text}");
            assert_eq!(got.written_offset, written, "{text}");
        }
    }

    #[test]
    fn lic_02_a_time_without_a_zone_is_read_in_the_given_zone() {
        assert_eq!(read("2026-11-02 09:00", 60), utc("2026-11-02T08:00:00Z"));
        assert_eq!(read("2026-11-02 09:00", 0), utc("2026-11-02T09:00:00Z"));
        assert_eq!(read("2026-11-02 09:00", -330), utc("2026-11-02T14:30:00Z"));
        // A zone written wins over the given one.
        assert_eq!(read("2026-11-02 09:00Z", 60), utc("2026-11-02T09:00:00Z"));
    }

    #[test]
    fn lic_02_am_and_pm_read_on_the_twelve_hour_clock() {
        let day = utc("2026-11-02T00:00:00Z");
        for (text, hours) in [
            ("11/02/2026 12:00 AM", 0),
            ("11/02/2026 12:30 AM", 0),
            ("11/02/2026 1:00 AM", 1),
            ("11/02/2026 11:00 AM", 11),
            ("11/02/2026 12:00 PM", 12),
            ("11/02/2026 01:00 PM", 13),
            ("11/02/2026 11:00:00 PM", 23),
            ("11/02/2026 11:00PM", 23),
            ("2026-11-02 09:00 PM", 21),
        ] {
            let minutes = if text.contains(":30") { 30 } else { 0 };
            assert_eq!(read(text, 0), day + hours * 3_600 + minutes * 60, "{text}");
        }
    }

    #[test]
    fn lic_02_bad_times_say_why_and_never_panic() {
        for (bad, why) in [
            ("half past ten", "starts with no date"),
            ("", "starts with no date"),
            ("02.11.2026 09:00", "starts with no date"),
            ("2026-11-02", "ends where `T` or a space"),
            ("2026-11-02 09", "`:` after the hour"),
            ("2026-11-02 09:0", "the minutes (2 digits)"),
            ("2026-13-02 09:00", "month 13 does not exist"),
            ("13/02/2026 09:00", "month first, MM/DD/YYYY"),
            ("02/30/2026 09:00", "2026-02 has no day 30"),
            ("2026-11-02 24:00", "is not a time of day"),
            ("11/02/2026 13:00 PM", "hour 13 with AM or PM"),
            ("11/02/2026 00:00 AM", "hour 0 with AM or PM"),
            ("2026-11-02 09:00:00.5Z", "fractional seconds"),
            (
                "2026-11-02 09:00 CET",
                "a named zone such as CET or Europe/Paris is not read",
            ),
            (
                "2026-11-02 09:00 Europe/Paris",
                "a named zone such as CET or Europe/Paris is not read",
            ),
            ("2026-11-02 09:00 +1:00", "two digits of hours"),
            ("2026-11-02 09:00 +24:00", "out of range"),
            ("2026-11-02 09:00:00 junk", "`junk` is none of them"),
            ("11/02/2026 9:00 a.m.", "comes `AM`/`PM`, a zone or nothing"),
            ("11/02/26 09:00", "the year (4 digits)"),
            ("2026-11-02 09:00 ✓", "is none of them"),
        ] {
            let got = parse_log_time(bad, 0);
            assert!(
                got.as_ref().is_err_and(|e| e.contains(why)),
                "{bad}: {got:?}, wanted an error saying {why}"
            );
        }
    }

    #[test]
    fn offsets_read_and_written() {
        for (text, minutes) in [
            ("Z", 0),
            ("z", 0),
            ("UTC", 0),
            ("utc", 0),
            ("GMT", 0),
            (" +01:00 ", 60),
            ("+0100", 60),
            ("+01", 60),
            ("-05:30", -330),
            ("UTC+01:00", 60),
            ("UTC-05:30", -330),
            ("+00:00", 0),
        ] {
            assert_eq!(parse_offset(text), Ok(minutes), "{text}");
        }
        for bad in [
            "",
            "+",
            "+1",
            "01:00",
            "+01:0",
            "+01:00:00",
            "Europe/Paris",
            "CET",
            "UTC+",
        ] {
            assert!(parse_offset(bad).is_err(), "{bad}");
        }
        for minutes in [0, 60, -330, 23 * 60 + 59, -(23 * 60 + 59)] {
            assert_eq!(parse_offset(&offset_label(minutes)), Ok(minutes));
        }
        assert_eq!(offset_label(60), "UTC+01:00");
        assert_eq!(offset_label(-330), "UTC-05:30");
        assert_eq!(offset_label(0), "UTC");
    }

    proptest! {
        /// LIC-02: every RFC 3339 time `parse_time` reads, the session log reads to the same
        /// second, its zone as written; and every form of one instant reads the same.
        #[test]
        fn lic_02_each_form_of_an_instant_reads_the_same_second(
            year in 1i64..=9999,
            month in 1i64..=12,
            day in 1i64..=31,
            hour in 0i64..=23,
            minute in 0i64..=59,
            second in 0i64..=60,
            offset in -(23 * 60 + 59)..=(23 * 60 + 59i64),
            zone in -(23 * 60 + 59)..=(23 * 60 + 59i64),
            with_seconds: bool,
        ) {
            let day = day.min(days_in_month(year, month));
            let second = if with_seconds { second } else { 0 };
            let z = if offset == 0 {
                "Z".to_string()
            } else {
                let a = offset.abs();
                format!("{}{:02}:{:02}", if offset > 0 { '+' } else { '-' }, a / 60, a % 60)
            };
            let date = format!("{year:04}-{month:02}-{day:02}");
            let us_date = format!("{month}/{day}/{year:04}");
            let clock = format!("{hour:02}:{minute:02}:{second:02}");
            let rfc = format!("{date}T{clock}{z}");
            let instant = parse_time(&rfc);
            prop_assert!(instant.is_ok(), "{rfc}: {instant:?}");
            let instant = instant.unwrap_or_default();
            let read = parse_log_time(&rfc, zone);
            prop_assert_eq!(read, Ok(LogTime { seconds: instant, written_offset: Some(offset), month_first: false }));
            let h12 = if hour % 12 == 0 { 12 } else { hour % 12 };
            let meridiem = if hour < 12 { "AM" } else { "PM" };
            let short = if with_seconds { clock.clone() } else { format!("{hour}:{minute:02}") };
            let h12_clock = if with_seconds {
                format!("{h12:02}:{minute:02}:{second:02}")
            } else {
                format!("{h12}:{minute:02}")
            };
            // The same wall-clock time with its zone written, in every form.
            for text in [
                format!("{date} {short}{z}"),
                format!("{date}T{short} {z}"),
                format!("{us_date} {short} {z}"),
                format!("{us_date} {h12_clock} {meridiem} {z}"),
            ] {
                prop_assert_eq!(parse_log_time(&text, zone).map(|t| t.seconds), Ok(instant), "{}", text);
            }
            // Without a zone, read in `offset`: the same instant.
            for text in [
                format!("{date} {short}"),
                format!("{date}T{short}"),
                format!("{us_date} {short}"),
                format!("{us_date} {h12_clock} {meridiem}"),
            ] {
                prop_assert_eq!(
                    parse_log_time(&text, offset),
                    Ok(LogTime { seconds: instant, written_offset: None, month_first: text.contains('/') }),
                    "{}", text
                );
            }
        }
    }
}
