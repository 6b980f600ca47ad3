//! Concurrent license usage over time (LIC-02, LIC-03): a session log in; the number of active users
//! over time, the overage episodes, and which of them are billable after the grace period out.
//!
//! Times are text parsed to epoch seconds by `time::parse_log_time` (no clock, no date library):
//! RFC 3339 or the forms admins' exports write (`2026-11-02 09:00`, `11/02/2026 09:00:00 AM`); a
//! time without a zone is read in the input's `time_zone`, a visible setting, and the trace says
//! how many were. A session's end is exclusive, so a session that ends when another starts does not overlap it; a user with
//! overlapping sessions counts once (LIC-02 counts active users, not sessions).

use crate::explain::{count, Step, Warning};
use crate::input::{self, nearest, InputError};
use crate::rules;
use crate::settings::SettingEcho;
use crate::table;
use crate::time::{format_time, offset_label, parse_log_time, parse_offset, LOG_TIME_FORMS};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The grace period of LIC-03 when the input does not set one, in minutes.
pub const DEFAULT_GRACE_MINUTES: u32 = 30;
/// The time zone of times without one when the input does not set one.
pub const DEFAULT_TIME_ZONE: &str = "UTC";
/// The most step points an answer lists when the input does not say.
pub const DEFAULT_MAX_TIMELINE_POINTS: u32 = 10_000;

/// `simulateCapacity`'s input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityInput {
    /// Concurrent licenses in the pool.
    pub pool: u32,
    /// LIC-03's grace period, in minutes (its Assumption made a setting; default 30).
    #[serde(default = "default_grace")]
    pub grace_minutes: u32,
    /// The session log: CSV text with a `user,start,end` header, or a list of sessions. Times are
    /// RFC 3339 (`2026-11-02T09:00:00Z`) or as exports write them (`2026-11-02 09:00`,
    /// `11/02/2026 09:00:00 AM`, month first); the end is exclusive.
    pub sessions: SessionLog,
    /// The time zone a session's time without one (`2026-11-02 09:00`) is read in: `UTC` (the
    /// default) or an offset from UTC like `+01:00` or `-05:00`. The answer echoes it and says how
    /// many times were read in it.
    #[serde(default = "default_time_zone")]
    pub time_zone: String,
    /// The most step points the answer lists (default 10,000); `timeline_points` says how many
    /// there are.
    #[serde(default = "default_max_points")]
    pub max_timeline_points: u32,
}

fn default_grace() -> u32 {
    DEFAULT_GRACE_MINUTES
}

fn default_time_zone() -> String {
    DEFAULT_TIME_ZONE.to_string()
}

fn default_max_points() -> u32 {
    DEFAULT_MAX_TIMELINE_POINTS
}

/// A session log as CSV text or as a JSON list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "this takes the session log as CSV text (`\"user,start,end\\na,2026-11-02T09:00:00Z,2026-11-02T10:00:00Z\"`) or a list of sessions (`[{\"user\": \"a\", \"start\": \"2026-11-02T09:00:00Z\", \"end\": \"2026-11-02T10:00:00Z\"}]`)"
)]
pub enum SessionLog {
    Csv(String),
    List(Vec<SessionRow>),
}

/// One session as the input gives it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SessionRow {
    pub user: String,
    pub start: String,
    pub end: String,
}

/// A parsed session: times in seconds since 1970-01-01T00:00:00Z; `end` is exclusive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub user: String,
    pub start: i64,
    pub end: i64,
}

/// The simulation's settings, after defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub pool: u32,
    pub grace_minutes: u32,
    pub max_timeline_points: u32,
}

/// How the session log's times were read: the input's time zone, and how many times named no
/// zone and were read in it (LIC-02's trace says so).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimesRead {
    /// The time zone of times without one, in minutes east of UTC.
    pub time_zone_minutes: i64,
    /// The log's times (starts and ends) written without a zone.
    pub zone_less: u64,
    /// The log's times whose date was written with slashes, read month first.
    pub month_first: u64,
}

/// What a simulation runs with besides the sessions: the options, and how the log's times were
/// read. Options alone are a log whose times all named their zone, with the default time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub options: Options,
    pub times: TimesRead,
}

impl From<Options> for Run {
    fn from(options: Options) -> Run {
        Run {
            options,
            times: TimesRead::default(),
        }
    }
}

/// What the pool's usage amounts to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct CapacityReport {
    /// The settings in force, each with the rule whose Assumption it decides.
    pub settings: Vec<SettingEcho>,
    pub pool: u32,
    pub grace_minutes: u32,
    /// The time zone a time of the log without one was read in: `UTC`, `UTC+01:00`.
    pub time_zone: String,
    /// How many of the log's times (starts and ends) had no zone and were read in `time_zone`.
    pub zone_less_times: u64,
    /// Sessions read, and distinct users among them.
    pub sessions: u64,
    pub users: u64,
    /// The most users active at once, and when that was first reached.
    pub peak: Option<Point>,
    /// Active users over time: a point wherever the count changes; a count holds until the next point.
    pub timeline: Vec<Point>,
    /// Step points in all; `timeline` lists at most `max_timeline_points` of them.
    pub timeline_points: u64,
    pub timeline_truncated: bool,
    /// Stretches with more users active than the pool, in time order (LIC-03).
    pub episodes: Vec<Episode>,
    /// Episodes tolerated by the grace period, and billable ones.
    pub within_grace: u64,
    pub billable: u64,
    /// The sum of the billable episodes' peak excess: licenses billed on the next cycle.
    pub billable_excess_total: u64,
    pub trace: Vec<Step>,
    pub warnings: Vec<Warning>,
}

/// A step point: from `at`, `users` are active.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Point {
    pub at: String,
    pub users: u64,
}

/// One overage episode (LIC-03's Assumption: from the moment usage exceeds the pool until it is
/// back at or below it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Episode {
    pub start: String,
    pub end: String,
    pub duration_seconds: i64,
    pub peak_users: u64,
    /// Peak users above the pool.
    pub peak_excess: u64,
    /// Strictly longer than the grace period.
    pub billable: bool,
    /// The peak excess when billable, else 0.
    pub billable_excess: u64,
    pub rule: rules::RuleId,
    pub reason: String,
}

/// Parses the input, reporting every bad session at once.
pub fn parse(text: &str) -> Result<(Run, Vec<Session>), Vec<InputError>> {
    let mut value: serde_json::Value = input::parse_json(text).map_err(|e| vec![e])?;
    let Some(object) = value.as_object_mut() else {
        return Err(vec![InputError::new("", "the input is a JSON object")
            .with_help(
                "give `{\"pool\": 25, \"sessions\": \"user,start,end\\n…\"}`",
            )]);
    };
    // The sessions are checked here, row by row, so that every bad row is reported; the other
    // fields go through serde with its located errors.
    let sessions = object.insert("sessions".to_string(), serde_json::Value::Array(Vec::new()));
    let mut errors = Vec::new();
    let mut times = TimesRead::default();
    let options = match input::from_value::<CapacityInput>(&value) {
        Ok(i) => {
            // Empty is UTC, as the web form's field says.
            let zone = if i.time_zone.trim().is_empty() {
                Ok(0)
            } else {
                parse_offset(&i.time_zone)
            };
            match zone {
                Ok(minutes) => times.time_zone_minutes = minutes,
                Err(why) => errors.push(
                    InputError::new(
                        "/time_zone",
                        format!("the time zone `{}` cannot be used: {why}", i.time_zone),
                    )
                    .with_help("write `UTC`, or an offset from UTC like `+01:00` or `-05:00`"),
                ),
            }
            Some(Options {
                pool: i.pool,
                grace_minutes: i.grace_minutes,
                max_timeline_points: i.max_timeline_points,
            })
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let parsed = match sessions {
        None => {
            errors.push(
                InputError::new("/sessions", "the session log is missing").with_help(
                    "give `sessions` as CSV text with a `user,start,end` header, or as a list of {user, start, end}",
                ),
            );
            Vec::new()
        }
        Some(serde_json::Value::String(csv)) => {
            read_csv(&csv, "/sessions", &mut times, &mut errors)
        }
        Some(serde_json::Value::Array(list)) => {
            parse_list(&list, "/sessions", &mut times, &mut errors)
        }
        Some(other) => {
            errors.push(
                InputError::new(
                    "/sessions",
                    format!(
                        "the session log is {}, not CSV text or a list",
                        kind(&other)
                    ),
                )
                .with_help(
                    "give CSV text with a `user,start,end` header, or a list of {user, start, end}",
                ),
            );
            Vec::new()
        }
    };
    match options {
        Some(options) if errors.is_empty() => Ok((Run { options, times }, parsed)),
        _ => Err(errors),
    }
}

fn kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "an object",
    }
}

const COLUMNS: [&str; 3] = ["user", "start", "end"];

/// Parses a `user,start,end` CSV log, a time without a zone read in UTC. Rows are numbered as
/// lines, the header being row 1.
pub fn parse_csv(text: &str, at: &str, errors: &mut Vec<InputError>) -> Vec<Session> {
    read_csv(text, at, &mut TimesRead::default(), errors)
}

/// Parses a `user,start,end` CSV log, a time without a zone read in `times`' time zone and
/// counted there.
fn read_csv(
    text: &str,
    at: &str,
    times: &mut TimesRead,
    errors: &mut Vec<InputError>,
) -> Vec<Session> {
    let Some(mut table) = table::read(
        text,
        at,
        "start it with the header `user,start,end`",
        errors,
    ) else {
        return Vec::new();
    };
    let names: Vec<String> = table.header.iter().map(|h| h.to_lowercase()).collect();
    let mut index = [0usize; 3];
    let mut header_ok = true;
    for (slot, column) in index.iter_mut().zip(COLUMNS) {
        match names.iter().position(|n| n == column) {
            Some(i) => *slot = i,
            None => {
                header_ok = false;
                let near = nearest(column, names.iter().map(String::as_str))
                    .filter(|n| !COLUMNS.contains(n));
                errors.push(
                    table::located(
                        format!("{at}/row/1"),
                        format!("the header has no `{column}` column"),
                        1,
                    )
                    .with_help(match near {
                        Some(n) => format!("did you mean `{n}`? the header is `user,start,end`"),
                        None => "the header is `user,start,end`".to_string(),
                    }),
                );
            }
        }
    }
    if !header_ok {
        return Vec::new();
    }
    let mut sessions = Vec::new();
    while let Some((line, record)) = table.next_row(errors) {
        let row_at = table.row_path(line);
        let line = usize::try_from(line).unwrap_or(usize::MAX);
        let [u, s, e] = index.map(|i| record.get(i).unwrap_or("").trim());
        let before = errors.len();
        if let Some(session) = session(u, s, e, &row_at, times, errors) {
            sessions.push(session);
        }
        for error in errors.iter_mut().skip(before) {
            error.line = Some(line);
            error.message = format!("row {line}: {}", error.message);
        }
    }
    sessions
}

/// Parses a JSON list of `{user, start, end}`.
fn parse_list(
    list: &[serde_json::Value],
    at: &str,
    times: &mut TimesRead,
    errors: &mut Vec<InputError>,
) -> Vec<Session> {
    let mut sessions = Vec::new();
    for (i, item) in list.iter().enumerate() {
        let item_at = format!("{at}/{i}");
        let Some(object) = item.as_object() else {
            errors.push(
                InputError::new(
                    &item_at,
                    format!("session {i} is {}, not an object", kind(item)),
                )
                .with_help("give {\"user\": …, \"start\": …, \"end\": …}"),
            );
            continue;
        };
        let mut ok = true;
        for key in object.keys() {
            if !COLUMNS.contains(&key.as_str()) {
                ok = false;
                let help = match nearest(key, COLUMNS) {
                    Some(n) => format!("did you mean `{n}`? valid fields: `user`, `start`, `end`"),
                    None => "valid fields: `user`, `start`, `end`".to_string(),
                };
                errors.push(
                    InputError::new(format!("{item_at}/{key}"), format!("unknown field `{key}`"))
                        .with_help(help),
                );
            }
        }
        let mut fields = [""; 3];
        for (slot, column) in fields.iter_mut().zip(COLUMNS) {
            match object.get(column) {
                Some(serde_json::Value::String(s)) => *slot = s.trim(),
                Some(other) => {
                    ok = false;
                    errors.push(InputError::new(
                        format!("{item_at}/{column}"),
                        format!("`{column}` is {}, not text", kind(other)),
                    ));
                }
                None => {
                    ok = false;
                    errors.push(
                        InputError::new(&item_at, format!("session {i} has no `{column}`"))
                            .with_help("give {\"user\": …, \"start\": …, \"end\": …}"),
                    );
                }
            }
        }
        if ok {
            let [u, s, e] = fields;
            if let Some(session) = session(u, s, e, &item_at, times, errors) {
                sessions.push(session);
            }
        }
    }
    sessions
}

/// Checks one session's fields; reports each bad field. Its times without a zone are read in
/// `times`' time zone and counted.
fn session(
    user: &str,
    start: &str,
    end: &str,
    at: &str,
    times: &mut TimesRead,
    errors: &mut Vec<InputError>,
) -> Option<Session> {
    let mut ok = true;
    if user.is_empty() {
        ok = false;
        errors.push(
            InputError::new(format!("{at}/user"), "the user is empty")
                .with_help("give the user's email or ID"),
        );
    }
    let zone = times.time_zone_minutes;
    let mut time = |field: &str, text: &str| match parse_log_time(text, zone) {
        Ok(t) => {
            if t.written_offset.is_none() {
                times.zone_less += 1;
            }
            if t.month_first {
                times.month_first += 1;
            }
            Some(t.seconds)
        }
        Err(why) => {
            errors.push(
                InputError::new(
                    format!("{at}/{field}"),
                    format!("{field} `{text}` is not a time: {why}"),
                )
                .with_help(format!(
                    "write e.g. {LOG_TIME_FORMS}; a time without a zone is read in {}, the time zone set for them",
                    offset_label(zone)
                )),
            );
            None
        }
    };
    let s = time("start", start);
    let e = time("end", end);
    let (Some(s), Some(e)) = (s, e) else {
        return None;
    };
    if e < s {
        errors.push(
            InputError::new(
                format!("{at}/end"),
                format!("the session ends (`{end}`) before it starts (`{start}`)"),
            )
            .with_help("swap start and end, or fix the date"),
        );
        return None;
    }
    ok.then(|| Session {
        user: user.to_string(),
        start: s,
        end: e,
    })
}

/// `1h 5m`, `30m`, `45s`: a duration for messages.
fn duration_words(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3_600, seconds % 3_600 / 60, seconds % 60);
    let mut parts = Vec::new();
    if h > 0 {
        parts.push(format!("{h}h"));
    }
    if m > 0 {
        parts.push(format!("{m}m"));
    }
    if s > 0 || parts.is_empty() {
        parts.push(format!("{s}s"));
    }
    parts.join(" ")
}

/// Runs the timeline: active users over time (LIC-02: a user counts once, however many sessions),
/// episodes above the pool, and what is billable (LIC-03: longer than the grace period).
pub fn simulate(run: impl Into<Run>, sessions: &[Session]) -> CapacityReport {
    let Run { options, times } = run.into();
    let pool = u64::from(options.pool);
    let grace_seconds = i64::from(options.grace_minutes) * 60;
    // Users by index, so sorting does not compare strings twice.
    let mut ids: BTreeMap<&str, u32> = BTreeMap::new();
    let mut spans: Vec<(u32, i64, i64)> = Vec::with_capacity(sessions.len());
    let mut empty = 0u64;
    for s in sessions {
        let next = u32::try_from(ids.len()).unwrap_or(u32::MAX);
        let id = *ids.entry(s.user.as_str()).or_insert(next);
        if s.end > s.start {
            spans.push((id, s.start, s.end));
        } else {
            empty += 1;
        }
    }
    // A user with overlapping or touching sessions is one active user: merge them first.
    spans.sort_unstable();
    let mut events: Vec<(i64, i64)> = Vec::with_capacity(spans.len() * 2);
    let mut current: Option<(u32, i64, i64)> = None;
    for (user, start, end) in spans {
        match &mut current {
            Some((u, _, e)) if *u == user && start <= *e => *e = (*e).max(end),
            _ => {
                if let Some((_, s, e)) = current {
                    events.push((s, 1));
                    events.push((e, -1));
                }
                current = Some((user, start, end));
            }
        }
    }
    if let Some((_, s, e)) = current {
        events.push((s, 1));
        events.push((e, -1));
    }
    events.sort_unstable();

    let mut timeline = Vec::new();
    let mut points = 0u64;
    let mut peak: Option<(u64, i64)> = None;
    let mut episodes = Vec::new();
    let mut open: Option<(i64, u64)> = None;
    let mut active: i64 = 0;
    let mut last = 0u64;
    let mut i = 0;
    while let Some(&(at, _)) = events.get(i) {
        // Every change at one instant applies at once: an end at `at` and a start at `at` do not
        // overlap, and a hand-over at the same instant does not break an episode.
        while let Some(&(t, delta)) = events.get(i) {
            if t != at {
                break;
            }
            active += delta;
            i += 1;
        }
        let users = u64::try_from(active).unwrap_or(0);
        if users == last && points > 0 {
            continue;
        }
        last = users;
        points += 1;
        if timeline.len() < usize::try_from(options.max_timeline_points).unwrap_or(usize::MAX) {
            timeline.push(Point {
                at: format_time(at),
                users,
            });
        }
        if peak.is_none_or(|(p, _)| users > p) {
            peak = Some((users, at));
        }
        match open {
            None if users > pool => open = Some((at, users)),
            Some((start, high)) if users > pool => open = Some((start, high.max(users))),
            Some((start, high)) => {
                episodes.push(episode(
                    start,
                    at,
                    high,
                    pool,
                    grace_seconds,
                    options.grace_minutes,
                ));
                open = None;
            }
            None => {}
        }
    }

    let within_grace = episodes.iter().filter(|e| !e.billable).count();
    let billable = episodes.len() - within_grace;
    let billable_excess_total: u64 = episodes.iter().map(|e| e.billable_excess).sum();
    let users = ids.len();
    let mut trace = vec![
        Step::new(
            rules::LIC_02,
            format!(
                "{} of {} share {}; active users are counted, a user with overlapping sessions once, and a session's end is exclusive",
                count(sessions.len() as u64, "session", "sessions"),
                count(users as u64, "user", "users"),
                count(options.pool, "concurrent license", "concurrent licenses")
            ),
        ),
        Step::new(
            rules::LIC_03,
            format!(
                "grace period {} minutes (Zoom's default is {DEFAULT_GRACE_MINUTES}); an episode runs from usage above the pool until it is back at or below it, and is billable only if strictly longer than the grace period; its billable excess is its peak excess",
                options.grace_minutes
            ),
        ),
    ];
    let time_zone = offset_label(times.time_zone_minutes);
    if times.zone_less > 0 {
        trace.push(Step::new(
            rules::LIC_02,
            format!(
                "{} had no zone: read as {time_zone}, the time zone set for the log (setting “{}”){}",
                count(times.zone_less, "time", "times"),
                crate::settings::label("time_zone").unwrap_or_default(),
                if times.time_zone_minutes == 0 {
                    "; if the log was written in another zone, set it"
                } else {
                    ""
                }
            ),
        ));
    }
    if times.month_first > 0 {
        trace.push(Step::new(
            rules::LIC_02,
            format!(
                "{} {} read month first, as Zoom's usage reports write them (`11/02/2026` is 2 November 2026); a log written day first reads wrong: write its dates year first, `2026-11-02`",
                count(times.month_first, "date written with slashes", "dates written with slashes"),
                if times.month_first == 1 { "was" } else { "were" }
            ),
        ));
    }
    if empty > 0 {
        trace.push(Step::new(
            rules::LIC_02,
            if empty == 1 {
                "1 session ends when it starts: it makes no user active".to_string()
            } else {
                format!("{empty} sessions end when they start: they make no user active")
            },
        ));
    }
    trace.push(Step::new(
        rules::LIC_03,
        format!(
            "{} above the pool: {within_grace} within the grace period, {billable} billable, {} of billable excess",
            count(episodes.len() as u64, "episode", "episodes"),
            count(billable_excess_total, "license", "licenses")
        ),
    ));
    let mut warnings = Vec::new();
    if billable > 0 {
        let high = episodes
            .iter()
            .map(|e| e.billable_excess)
            .max()
            .unwrap_or(0);
        warnings.push(Warning::new(
            rules::LIC_03,
            format!(
                "{} longer than the {}-minute grace period: an excess of {} is billed on the next billing cycle",
                if billable == 1 {
                    "1 overage episode lasts".to_string()
                } else {
                    format!("{billable} overage episodes last")
                },
                options.grace_minutes,
                count(billable_excess_total, "license", "licenses")
            ),
            format!(
                "add {} to the pool of {}, or spread the sessions so that no more than {} active for longer than {} minutes",
                count(high, "concurrent license", "concurrent licenses"),
                options.pool,
                if options.pool == 1 {
                    "1 user is".to_string()
                } else {
                    format!("{} users are", options.pool)
                },
                options.grace_minutes
            ),
        ));
    }
    let default = options.grace_minutes == DEFAULT_GRACE_MINUTES;
    CapacityReport {
        settings: vec![
            SettingEcho {
                name: "grace_minutes",
                value: options.grace_minutes.to_string(),
                rule: rules::LIC_03,
                default,
            },
            SettingEcho {
                name: "time_zone",
                value: time_zone.clone(),
                rule: rules::LIC_02,
                default: times.time_zone_minutes == 0,
            },
        ],
        pool: options.pool,
        grace_minutes: options.grace_minutes,
        time_zone,
        zone_less_times: times.zone_less,
        sessions: u64::try_from(sessions.len()).unwrap_or(u64::MAX),
        users: u64::try_from(users).unwrap_or(u64::MAX),
        peak: peak.map(|(users, at)| Point {
            at: format_time(at),
            users,
        }),
        timeline_truncated: points > u64::try_from(timeline.len()).unwrap_or(u64::MAX),
        timeline,
        timeline_points: points,
        within_grace: u64::try_from(within_grace).unwrap_or(u64::MAX),
        billable: u64::try_from(billable).unwrap_or(u64::MAX),
        episodes,
        billable_excess_total,
        trace,
        warnings,
    }
}

fn episode(
    start: i64,
    end: i64,
    peak_users: u64,
    pool: u64,
    grace: i64,
    grace_minutes: u32,
) -> Episode {
    let duration = end - start;
    let peak_excess = peak_users - pool;
    let billable = duration > grace;
    let reason = if billable {
        format!(
            "lasts {}, longer than the {grace_minutes}-minute grace period: the peak excess of {peak_excess} is billed",
            duration_words(duration)
        )
    } else {
        format!(
            "lasts {}, not longer than the {grace_minutes}-minute grace period: tolerated",
            duration_words(duration)
        )
    };
    Episode {
        start: format_time(start),
        end: format_time(end),
        duration_seconds: duration,
        peak_users,
        peak_excess,
        billable,
        billable_excess: if billable { peak_excess } else { 0 },
        rule: rules::LIC_03,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_time;

    fn t(text: &str) -> i64 {
        parse_time(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn rfc3339_times_parse_to_epoch_seconds() {
        assert_eq!(t("1970-01-01T00:00:00Z"), 0);
        assert_eq!(t("2026-11-02T09:00:00Z"), 1_793_610_000);
        assert_eq!(t("2026-11-02T10:00:00+01:00"), t("2026-11-02T09:00:00Z"));
        assert_eq!(t("2026-11-02 04:30:00-04:30"), t("2026-11-02T09:00:00Z"));
        assert_eq!(
            t("2024-02-29t00:00:00z"),
            t("2024-02-28T00:00:00Z") + 86_400
        );
        assert_eq!(t("1969-12-31T23:59:59Z"), -1);
        for bad in [
            "2026-13-01T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-11-02T24:00:00Z",
            "2026-11-02T09:00:00",
            "2026-11-02T09:00:00.5Z",
            "2026-11-02",
            "2026/11/02T09:00:00Z",
            "2026-11-02T09:00:00+1:00",
            "2026-11-02T09:00:00Zjunk",
        ] {
            assert!(parse_time(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(
            parse_time("2025-02-29T00:00:00Z").unwrap_err(),
            "2025-02 has no day 29"
        );
    }

    fn report_of(input: &str) -> CapacityReport {
        let (run, sessions) = parse(input).unwrap_or_else(|e| panic!("{input}: {e:?}"));
        simulate(run, &sessions)
    }

    #[test]
    fn lic_02_zone_less_times_are_read_in_the_time_zone_and_the_trace_says_how_many() {
        // 09:00 in UTC+01:00 is 08:00Z; the one time with a zone keeps it.
        let input = r#"{"pool": 1, "time_zone": "+01:00", "sessions": "user,start,end\na,2026-11-02 09:00,2026-11-02 10:00\nb,11/02/2026 09:30:00 AM,2026-11-02T09:45:00Z\n"}"#;
        let (run, sessions) = parse(input).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            run.times,
            TimesRead {
                time_zone_minutes: 60,
                zone_less: 3,
                month_first: 1,
            }
        );
        assert_eq!(
            sessions.first().map(|s| s.start),
            Some(t("2026-11-02T08:00:00Z"))
        );
        assert_eq!(
            sessions.get(1).map(|s| s.start),
            Some(t("2026-11-02T08:30:00Z"))
        );
        let report = simulate(run, &sessions);
        assert_eq!(
            (report.time_zone.as_str(), report.zone_less_times),
            ("UTC+01:00", 3)
        );
        assert_eq!(
            report.peak.map(|p| p.at).as_deref(),
            Some("2026-11-02T08:30:00Z")
        );
        let step = report
            .trace
            .iter()
            .find(|s| s.message.contains("no zone"))
            .unwrap_or_else(|| panic!("{:?}", report.trace));
        assert_eq!(step.rule, rules::LIC_02);
        assert_eq!(
            step.message,
            "3 times had no zone: read as UTC+01:00, the time zone set for the log (setting “Time zone for times without a zone”)"
        );
        let echo = report.settings.iter().find(|s| s.name == "time_zone");
        assert_eq!(
            echo.map(|s| (s.value.as_str(), s.rule, s.default)),
            Some(("UTC+01:00", rules::LIC_02, false))
        );
        // The same log as a list, and one zone-less time in the default zone: said, with what to do.
        let list = r#"{"pool": 1, "sessions": [{"user": "a", "start": "2026-11-02 09:00", "end": "2026-11-02T10:00:00Z"}]}"#;
        let report = report_of(list);
        assert_eq!(
            (report.time_zone.as_str(), report.zone_less_times),
            ("UTC", 1)
        );
        assert!(report.trace.iter().any(|s| s.rule == rules::LIC_02
            && s.message == "1 time had no zone: read as UTC, the time zone set for the log (setting “Time zone for times without a zone”); if the log was written in another zone, set it"));
        // Every time with its zone: no step about zones, and the default echoed.
        let zoned = r#"{"pool": 1, "sessions": "user,start,end\na,2026-11-02T09:00:00Z,2026-11-02T10:00:00+01:00\n"}"#;
        let report = report_of(zoned);
        assert_eq!(report.zone_less_times, 0);
        assert!(!report.trace.iter().any(|s| s.message.contains("no zone")));
        assert!(report
            .settings
            .iter()
            .any(|s| s.name == "time_zone" && s.value == "UTC" && s.default));
    }

    #[test]
    fn lic_02_an_empty_time_zone_is_utc_as_the_form_says() {
        let input = r#"{"pool": 1, "time_zone": " ", "sessions": "user,start,end\na,2026-11-02 09:00,2026-11-02 10:00\n"}"#;
        let (run, sessions) = parse(input).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(run.times.time_zone_minutes, 0);
        assert_eq!(
            sessions.first().map(|s| s.start),
            Some(t("2026-11-02T09:00:00Z"))
        );
    }

    /// LIC-02's Assumption on slashed dates: read month first, and the trace says so.
    #[test]
    fn lic_02_slashed_dates_are_read_month_first_and_the_trace_says_so() {
        let input =
            r#"{"pool": 1, "sessions": "user,start,end\na,05/11/2026 09:00,05/11/2026 10:00\n"}"#;
        let (run, sessions) = parse(input).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(run.times.month_first, 2);
        assert_eq!(
            sessions.first().map(|s| s.start),
            Some(t("2026-05-11T09:00:00Z"))
        );
        let report = crate::api::simulate_capacity(input).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(
            report.trace.iter().any(|s| s.rule == rules::LIC_02
                && s.message
                    .contains("2 dates written with slashes were read month first")),
            "{:?}",
            report.trace
        );
        let iso =
            r#"{"pool": 1, "sessions": "user,start,end\na,2026-05-11 09:00,2026-05-11 10:00\n"}"#;
        let report = crate::api::simulate_capacity(iso).unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!report
            .trace
            .iter()
            .any(|s| s.message.contains("month first")));
    }

    #[test]
    fn lic_02_a_time_zone_that_cannot_be_used_is_located_and_says_what_to_type() {
        for (zone, why) in [
            (
                "Europe/Paris",
                "a named zone such as CET or Europe/Paris is not read",
            ),
            ("+1", "two digits of hours"),
            ("CET", "its offset changes with daylight saving"),
        ] {
            let input = format!(
                r#"{{"pool": 1, "time_zone": "{zone}", "sessions": "user,start,end\na,2026-11-02 09:00,2026-11-02 10:00\n"}}"#
            );
            let errors = parse(&input).err().unwrap_or_default();
            assert_eq!(errors.len(), 1, "{zone}: {errors:?}");
            let e = &errors[0];
            assert_eq!(e.path, "/time_zone");
            assert!(e.message.contains(why), "{zone}: {}", e.message);
            assert!(
                e.help.as_deref().is_some_and(|h| h.contains("`+01:00`")),
                "{e:?}"
            );
        }
    }

    #[test]
    fn lic_02_a_time_that_cannot_be_read_lists_the_forms_to_type() {
        let input = r#"{"pool": 1, "time_zone": "-05:00", "sessions": "user,start,end\na,half past ten,2026-11-02 10:00\n"}"#;
        let errors = parse(input).err().unwrap_or_default();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let e = &errors[0];
        assert_eq!(
            (e.path.as_str(), e.line),
            ("/sessions/row/2/start", Some(2))
        );
        assert!(
            e.message
                .starts_with("row 2: start `half past ten` is not a time: it starts with no date"),
            "{}",
            e.message
        );
        let help = e.help.clone().unwrap_or_default();
        for form in [
            "`2026-11-02 09:00`",
            "`2026-11-02T09:00:00Z`",
            "`11/02/2026 09:00:00 AM`",
            "UTC-05:00",
        ] {
            assert!(help.contains(form), "{help}");
        }
    }

    #[test]
    fn formatting_is_the_inverse_of_parsing() {
        for text in [
            "1970-01-01T00:00:00Z",
            "2000-02-29T12:34:56Z",
            "2026-11-02T09:00:00Z",
            "1900-03-01T00:00:00Z",
            "9999-12-31T23:59:59Z",
        ] {
            assert_eq!(format_time(t(text)), text);
        }
    }
}
