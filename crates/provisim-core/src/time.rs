//! Time as the documents give it: RFC 3339 date-times read by hand into seconds since the epoch
//! and written back in UTC (the core reads no clock; a scenario's times are its own).

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
