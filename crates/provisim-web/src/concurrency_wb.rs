//! The concurrency workbench: a concurrent license pool against a session log: users over time,
//! the overage episodes, which the grace period tolerates and which are billed (LIC-02, LIC-03).

use leptos::prelude::*;
use provisim_core::capacity::CapacityReport;
use provisim_core::explain::count;
use provisim_core::input::InputError;
use provisim_core::time::{instant, parse_offset};
use serde_json::Value;

use crate::local_time::{self, local, LogZone, Zone};
use crate::rule_ref::RuleRef;
use crate::trace::warning_list_as;
use crate::workbench::{self, Doc, DownloadButton, Shell};

/// The input a first visit starts from: an overage one second longer than the grace period.
pub const STARTER: &str = include_str!("../../../tests/scenarios/capacity/lic-03-billable.json");

/// Sets a field of the pool's JSON to a whole number, or removes it (`None`: the default applies);
/// `None` when the JSON is not an object.
pub fn set_count_field(text: &str, key: &str, value: Option<u64>) -> Option<String> {
    set_field(text, key, value.map(Value::from))
}

/// Sets a field of the pool's JSON to a value, or removes it (`None`: the default applies);
/// `None` when the JSON is not an object.
pub fn set_field(text: &str, key: &str, value: Option<Value>) -> Option<String> {
    let mut v: Value = serde_json::from_str(text).ok()?;
    let object = v.as_object_mut()?;
    match value {
        Some(value) => {
            object.insert(key.to_string(), value);
        }
        None => {
            object.remove(key);
        }
    }
    let mut out = serde_json::to_string_pretty(&v).ok()?;
    out.push('\n');
    Some(out)
}

/// A field's value in the pool's JSON: `None` when the JSON is not an object (the field cannot
/// read it), `Some(Value::Null)` when the field is absent.
pub fn field_value(text: &str, key: &str) -> Option<Value> {
    let v: Value = serde_json::from_str(text).ok()?;
    let object = v.as_object()?;
    Some(object.get(key).cloned().unwrap_or(Value::Null))
}

/// A JSON value as the form's field shows it: a number or a string as it is, nothing for an
/// absent field, any other value as its JSON.
pub fn field_text(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// A number field of the pool: its key in the JSON, its label and hint, and what it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CountField {
    pub key: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    /// Empty means "the default" (the key is removed) rather than a problem.
    pub empty_is_default: bool,
    /// What to type, after "type": ends the message of a value that cannot be used.
    pub wanted: &'static str,
}

/// The pool's fields in the form.
pub const FIELDS: [CountField; 2] = [
    CountField {
        key: "pool",
        label: "Concurrent licenses in the pool",
        hint: "How many users may be active at once (LIC-02).",
        empty_is_default: false,
        wanted: "a whole number of licenses, 0 or more, e.g. 25",
    },
    CountField {
        key: "grace_minutes",
        label: "Grace period (minutes)",
        hint: "Overage up to this long is not billed; empty: the default, 30 minutes (LIC-03).",
        empty_is_default: true,
        wanted:
            "a whole number of minutes, 0 or more, e.g. 30, or leave it empty for the default of 30",
    },
];

impl CountField {
    /// What the field's text means: `Ok(Some(n))` a count, `Ok(None)` the default (an empty field
    /// that has one), `Err(message)` a value the simulator cannot use, and what to type instead.
    pub fn read(&self, text: &str) -> Result<Option<u64>, String> {
        let trimmed = text.trim();
        if trimmed.is_empty() && self.empty_is_default {
            return Ok(None);
        }
        match trimmed.parse::<u32>() {
            Ok(n) => Ok(Some(u64::from(n))),
            Err(_) => Err(self.message(trimmed)),
        }
    }

    /// Why `text` cannot be used, and what to type.
    pub fn message(&self, text: &str) -> String {
        if text.is_empty() {
            format!("This field is empty: type {}.", self.wanted)
        } else {
            format!("“{text}” cannot be used: type {}.", self.wanted)
        }
    }
}

/// The time zone field's key in the input: the zone a session log's time without one is read in.
pub const TIME_ZONE_KEY: &str = "time_zone";

/// What the time zone field's text means (LIC-02): `Ok(Some(value))` a zone to set, as typed,
/// `Ok(None)` the default (UTC), `Err(message)` a value the simulator cannot use, and what to type.
pub fn read_time_zone(text: &str) -> Result<Option<Value>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match parse_offset(t) {
        Ok(_) => Ok(Some(Value::String(t.to_string()))),
        Err(why) => Err(format!(
            "“{t}” cannot be used: {why}. Type UTC, or an offset from UTC such as +01:00 or -05:00, or leave it empty for UTC."
        )),
    }
}

/// A field of the form: one of the pool's numbers, or the time zone of times without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FormField {
    Count(CountField),
    TimeZone,
}

impl FormField {
    fn key(self) -> &'static str {
        match self {
            FormField::Count(spec) => spec.key,
            FormField::TimeZone => TIME_ZONE_KEY,
        }
    }

    fn label(self) -> &'static str {
        match self {
            FormField::Count(spec) => spec.label,
            FormField::TimeZone => {
                provisim_core::settings::label(TIME_ZONE_KEY).unwrap_or("Time zone")
            }
        }
    }

    fn hint(self) -> &'static str {
        match self {
            FormField::Count(spec) => spec.hint,
            FormField::TimeZone => "The session log's times written without a zone, e.g. 2026-11-02 09:00, are read in this one: UTC, or an offset from UTC such as +01:00 or -05:00. Empty: UTC (LIC-02).",
        }
    }

    fn inputmode(self) -> &'static str {
        match self {
            FormField::Count(_) => "numeric",
            FormField::TimeZone => "text",
        }
    }

    /// The value to set (`None`: remove the key), or why the text cannot be used.
    fn read(self, text: &str) -> Result<Option<Value>, String> {
        match self {
            FormField::Count(spec) => spec.read(text).map(|n| n.map(Value::from)),
            FormField::TimeZone => read_time_zone(text),
        }
    }

    /// Why `text` cannot be used, and what to type.
    fn message(self, text: &str) -> String {
        match self {
            FormField::Count(spec) => spec.message(text),
            FormField::TimeZone => read_time_zone(text).err().unwrap_or_else(|| {
                format!("“{text}” cannot be used: type UTC, or an offset from UTC such as +01:00.")
            }),
        }
    }
}

/// What was typed in a field that the simulator cannot use, and the field's JSON value when it
/// was typed: the typed text stays on show (and the outcome out of date) until the field is
/// fixed, or the JSON's value changes under it (the JSON editor, an example, an import).
#[derive(Clone, Debug, PartialEq)]
struct Typed {
    text: String,
    under: Option<Value>,
}

#[component]
pub fn ConcurrencyWorkbench(doc: Doc) -> impl IntoView {
    let (evaluated, shown) = workbench::evaluate(doc, simulate);
    let scenario_errors = Signal::derive(move || evaluated.with(|e| e.scenario_errors.clone()));
    // Per field: what was typed that cannot be used, while the JSON's value is still the one it
    // was typed over.
    let [pool, grace] = FIELDS;
    let form_fields = [
        FormField::Count(pool),
        FormField::Count(grace),
        FormField::TimeZone,
    ];
    let fields = form_fields.map(|spec| {
        let typed = RwSignal::new(None::<Typed>);
        let current = Memo::new(move |_| doc.scenario.with(|t| field_value(t, spec.key())));
        let pending = Memo::new(move |_| {
            typed
                .get()
                .filter(|t| current.with(|c| t.under == *c))
                .map(|t| t.text)
        });
        (spec, typed, current, pending)
    });
    let form_problems = Signal::derive(move || {
        fields
            .iter()
            .filter(|(_, _, _, pending)| pending.with(Option::is_some))
            .count()
    });
    let shown = workbench::stale_while(shown, Signal::derive(move || form_problems.get() > 0));
    let form = ViewFn::from(move || {
        let views = fields
            .iter()
            .map(|&(spec, typed, current, pending)| {
                let id = format!("capacity-{}", spec.key());
                let hint_id = format!("{id}-hint");
                let error_id = format!("{id}-error");
                let pointer = format!("/{}", spec.key());
                let text = move || pending.get().unwrap_or_else(|| current.with(|c| field_text(c.as_ref())));
                // What is wrong with the field: a value typed that cannot be used, or one the
                // JSON holds (typed in the JSON editor).
                let error = Memo::new(move |_| {
                    if let Some(t) = pending.get() {
                        return Some(spec.message(t.trim()));
                    }
                    let located = scenario_errors.with(|errors| errors.iter().any(|e| e.path == pointer));
                    located.then(|| spec.message(current.with(|c| field_text(c.as_ref())).trim()))
                });
                view! {
                    <div class="field" class:invalid=move || error.with(Option::is_some)>
                        <label for=id.clone()>{spec.label()}</label>
                        <input id=id.clone() type="text" inputmode=spec.inputmode() autocomplete="off" spellcheck="false" data-testid=id.clone()
                            aria-describedby=format!("{hint_id} {error_id}")
                            aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
                            prop:value=text
                            on:input=move |ev| {
                                let raw = event_target_value(&ev);
                                match spec.read(&raw) {
                                    Ok(value) => {
                                        typed.set(None);
                                        if let Some(text) = doc.scenario.with_untracked(|t| set_field(t, spec.key(), value)) {
                                            doc.scenario.set(text);
                                        }
                                    }
                                    Err(_) => typed.set(Some(Typed { text: raw, under: current.get_untracked() })),
                                }
                            }/>
                        <p class="hint" id=hint_id>{spec.hint()}</p>
                        {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone() data-testid=format!("capacity-{}-error", spec.key())>"✕ "{crate::prose::prose(&m)}</p> })}
                    </div>
                }
            })
            .collect_view();
        view! { <div class="form-grid">{views}</div> }
    });
    view! {
        <Shell doc=doc title="Concurrency"
            lede="A concurrent pool against real usage: users active over time, every overage episode, which ones the grace period tolerates and which are billed (LIC-02, LIC-03)."
            scenario_errors=scenario_errors
            file_errors=Signal::derive(move || evaluated.with(|e| e.file_errors.clone()))
            form_problems=form_problems
            form=form>
            {workbench::outcome_view(shown, report_view)}
        </Shell>
    }
}

/// A report with the zone its times are shown in: the session log's own.
#[derive(Clone, Debug, PartialEq)]
pub struct Timed {
    pub report: CapacityReport,
    pub zone: LogZone,
}

/// The engine's report of a combined input, with the zone of its session log: its times' own, and
/// the input's time zone for those without one.
pub fn simulate(text: &str) -> Result<Timed, Vec<InputError>> {
    let report = provisim_core::api::simulate_capacity(text)?;
    let time_zone = Zone {
        offset_minutes: parse_offset(&report.time_zone).unwrap_or(0),
    };
    Ok(Timed {
        zone: local_time::zone_of_input(text, time_zone),
        report,
    })
}

/// What the page says of the zone its times are in, and of the zone the log's times without one
/// were read in (LIC-02).
pub fn zone_note(zone: LogZone, report: &CapacityReport) -> String {
    let zone_less = report.zone_less_times;
    let shown = if zone.mixed {
        "Times in UTC: the session log mixes time zones.".to_string()
    } else if zone_less == 0 {
        format!(
            "Times in {}, as the session log gives them.",
            zone.zone.label()
        )
    } else {
        format!("Times in {}.", zone.zone.label())
    };
    if zone_less == 0 {
        return shown;
    }
    format!(
        "{shown} {} no zone: read in {}, the time zone set above for times without one.",
        if zone_less == 1 {
            "1 time of the log had".to_string()
        } else {
            format!("{zone_less} times of the log had")
        },
        report.time_zone
    )
}

fn report_view(timed: Timed) -> impl IntoView {
    let Timed {
        report,
        zone: log_zone,
    } = timed;
    let zone = log_zone.zone;
    let (symbol, tone, headline) = if report.billable > 0 {
        (
            "!",
            "refused",
            format!(
                "{}: {} billed on the next cycle",
                count(
                    report.billable,
                    "billable overage episode",
                    "billable overage episodes"
                ),
                count(report.billable_excess_total, "license", "licenses")
            ),
        )
    } else if report.within_grace > 0 {
        (
            "✓",
            "ok",
            if report.within_grace == 1 {
                format!(
                    "1 overage episode, within the {}-minute grace period",
                    report.grace_minutes
                )
            } else {
                format!(
                    "{} overage episodes, all within the {}-minute grace period",
                    report.within_grace, report.grace_minutes
                )
            },
        )
    } else if report.sessions == 0 {
        (
            "…",
            "neutral",
            "Nothing to chart yet: the session log has no sessions. Add rows under its header, or open a session log".to_string(),
        )
    } else {
        (
            "✓",
            "ok",
            "The pool covers every moment of usage".to_string(),
        )
    };
    let peak = report
        .peak
        .as_ref()
        .map(|p| {
            format!(
                "Peak: {} at {} (pool {}).",
                count(p.users, "user", "users"),
                local_time::human(&p.at, zone),
                report.pool
            )
        })
        .unwrap_or_else(|| "No sessions.".to_string());
    let episodes = report
        .episodes
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let verdict = if e.billable { "billable" } else { "within grace" };
            view! {
                <tr data-testid=format!("episode-{}", i + 1) data-billable=e.billable.to_string()>
                    <td class="when" data-label="When"><time datetime=e.start.clone()>{local_time::human(&e.start, zone)}</time>"\u{a0}– "<time datetime=e.end.clone()>{local_time::human_end(&e.start, &e.end, zone)}</time></td>
                    <td class="num" data-label="Duration">{format_duration(e.duration_seconds)}</td>
                    <td class="num" data-label="Peak (excess)">{format!("{} (+{})", e.peak_users, e.peak_excess)}</td>
                    <td class="reason" data-label="Billing">
                        <span class=format!("badge {}", if e.billable { "bad" } else { "good" })>{if e.billable { "€ " } else { "✓ " }}{verdict}</span>
                        <span class="why">{e.reason.clone()}" "<RuleRef rule=e.rule/></span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let settings = report
        .settings
        .iter()
        .map(|s| view! { <li data-setting=s.name>{crate::document::setting_label(s.name)}": "{crate::document::setting_value_words(s.name, &s.value)}" "<RuleRef rule=s.rule/></li> })
        .collect_view();
    let truncated = report.timeline_truncated.then(|| {
        view! { <p class="hint">{format!("The chart shows the first {} of {} points.", report.timeline.len(), report.timeline_points)}</p> }
    });
    let json = serde_json::to_string_pretty(&report).unwrap_or_default();
    let episodes_csv = episodes_csv(&report);
    view! {
        <div class=format!("decision {tone}") data-testid="capacity-decision" data-billable=report.billable.to_string()>
            <div class="decision-symbol" aria-hidden="true">{symbol}</div>
            <div class="decision-text">
                <h3 class="decision-title">{headline}</h3>
                <p data-testid="capacity-peak">{peak}" "{format!("{} of {}.", provisim_core::explain::count(report.sessions, "session", "sessions"), provisim_core::explain::count(report.users, "user", "users"))}</p>
            </div>
        </div>
        {warning_list_as(&report.warnings, "capacity-warnings")}
        <section class="outcome-block" aria-label="Users signed in over time">
            <h3>"Users signed in over time"</h3>
            <p class="hint" data-testid="capacity-zone">{zone_note(log_zone, &report)}</p>
            {chart(&report, zone)}
            {truncated}
        </section>
        <section class="outcome-block" aria-label="Overage episodes">
            <h3>"Overage episodes "<RuleRef rule=provisim_core::rules::LIC_03/></h3>
            {if report.episodes.is_empty() {
                view! { <p class="nothing">"No moment has more users than the pool."</p> }.into_any()
            } else {
                view! {
                    <table class="data stack episodes" data-testid="episodes">
                        <thead><tr><th scope="col">"When"</th><th scope="col">"Duration"</th><th scope="col">"Peak (excess)"</th><th scope="col">"Billing, and why"</th></tr></thead>
                        <tbody>{episodes}</tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section class="outcome-block" aria-label="Settings in force">
            <h3>"Settings in force"</h3>
            <ul class="settings-echo" data-testid="settings-in-force">{settings}</ul>
            {workbench::steps_list(&report.trace, "capacity-trace")}
            <div class="toolbar-buttons">
                <DownloadButton label="Download results (JSON)" testid="capacity-download-json" file_name="provisim-concurrency.json".to_string()
                    mime="application/json" make=Callback::new(move |()| json.clone())/>
                <DownloadButton label="Download episodes (CSV)" testid="capacity-download-csv" file_name="provisim-episodes.csv".to_string()
                    mime="text/csv" make=Callback::new(move |()| episodes_csv.clone())/>
            </div>
        </section>
    }
}

/// `1 h 02 min 03 s`, `30 min`, `45 s`.
pub fn format_duration(seconds: i64) -> String {
    let (h, m, s) = (seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    match (h, m, s) {
        (0, 0, s) => format!("{s} s"),
        (0, m, 0) => format!("{m} min"),
        (0, m, s) => format!("{m} min {s:02} s"),
        (h, m, 0) => format!("{h} h {m:02} min"),
        (h, m, s) => format!("{h} h {m:02} min {s:02} s"),
    }
}

/// The episodes as CSV.
pub fn episodes_csv(report: &CapacityReport) -> String {
    let mut out = String::from(
        "start,end,duration_seconds,peak_users,peak_excess,billable,billable_excess\n",
    );
    for e in &report.episodes {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            e.start,
            e.end,
            e.duration_seconds,
            e.peak_users,
            e.peak_excess,
            e.billable,
            e.billable_excess
        ));
    }
    out
}

/// The chart's drawing box (SVG user units) and the margins around its plot.
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 250.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 20.0;
const BOTTOM: f64 = 60.0;

/// SVG markup of the chart's parts, written as text: one string set as the chart's content is far
/// less code in the wasm module than a view per tick.
struct Svg(String);

impl Svg {
    /// `<line class=… x1=… x2=… y1=… y2=…/>`, with a test id when `testid` is not empty.
    fn line(&mut self, class: &str, testid: &str, (x1, y1): (f64, f64), (x2, y2): (f64, f64)) {
        self.0.push_str(&format!(
            r#"<line class="{class}"{} x1="{x1:.1}" y1="{y1:.1}" x2="{x2:.1}" y2="{y2:.1}"/>"#,
            test_id(testid)
        ));
    }

    /// `<text>` at a point, anchored `start`, `middle` or `end`; `extra` adds attributes.
    fn text(
        &mut self,
        class: &str,
        testid: &str,
        (x, y): (f64, f64),
        anchor: &str,
        extra: &str,
        text: &str,
    ) {
        let text = text.replace('&', "&amp;").replace('<', "&lt;");
        self.0.push_str(&format!(
            r#"<text class="{class}"{} x="{x:.1}" y="{y:.1}" text-anchor="{anchor}"{extra}>{text}</text>"#,
            test_id(testid)
        ));
    }
}

fn test_id(testid: &str) -> String {
    if testid.is_empty() {
        String::new()
    } else {
        format!(r#" data-testid="{testid}""#)
    }
}

/// A step chart of the timeline: a time axis (times of day in the log's zone, the date where a
/// day starts), a users axis, the pool as a labelled line and the overage episodes shaded (within
/// grace, billable); the episodes table says the same in text.
fn chart(report: &CapacityReport, zone: Zone) -> AnyView {
    let parsed: Vec<(i64, u64)> = report
        .timeline
        .iter()
        .filter_map(|p| instant(&p.at).map(|t| (t, p.users)))
        .collect();
    let (Some(&(t0, _)), Some(&(last, _))) = (parsed.first(), parsed.last()) else {
        return view! { <p class="nothing">"No sessions to chart."</p> }.into_any();
    };
    let t1 = last.max(t0 + 1);
    let pool = report.pool;
    let peak = report.peak.as_ref().map_or(0, |p| p.users);
    let (y_end, y_ticks) = local_time::count_ticks(peak.max(u64::from(pool)), 5);
    let (plot_w, plot_h) = (WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM);
    let (bottom, right) = (TOP + plot_h, WIDTH - RIGHT);
    let x = move |t: i64| LEFT + (t.clamp(t0, t1) - t0) as f64 / (t1 - t0) as f64 * plot_w;
    let y = move |u: u64| bottom - u as f64 / y_end.max(1) as f64 * plot_h;
    let mut svg = Svg(String::new());
    // The episodes first, under the rest.
    for e in &report.episodes {
        if let (Some(start), Some(stop)) = (instant(&e.start), instant(&e.end)) {
            if start <= t1 {
                let (left, width) = (x(start), (x(stop) - x(start)).max(2.0));
                svg.0.push_str(&format!(
                    r#"<rect class="chart-episode {}" data-testid="chart-episode" data-billable="{}" x="{left:.1}" y="{TOP:.1}" width="{width:.1}" height="{plot_h:.1}"/>"#,
                    if e.billable { "billable" } else { "grace" },
                    e.billable
                ));
            }
        }
    }
    for u in &y_ticks {
        let py = y(*u);
        svg.line("chart-grid", "", (LEFT, py), (right, py));
        svg.text(
            "chart-y-tick",
            "chart-y-tick",
            (LEFT - 7.0, py + 4.0),
            "end",
            "",
            &u.to_string(),
        );
    }
    svg.line("chart-axis", "", (LEFT, TOP), (LEFT, bottom));
    svg.line("chart-axis", "", (LEFT, bottom), (right, bottom));
    let (first, end) = (local(t0, zone), local(t1, zone));
    let one_day = first.days == end.days;
    let (step, ticks) = local_time::time_ticks(t0, t1, zone, 5);
    let mut previous_day = None;
    for t in ticks {
        let when = local(t, zone);
        let px = x(t);
        // Labels at the right edge end at their tick rather than past the drawing.
        let anchor = if px > WIDTH - 40.0 { "end" } else { "middle" };
        svg.line("chart-tick", "", (px, bottom), (px, bottom + 5.0));
        let label = if step >= 86_400 {
            when.short_date()
        } else {
            when.clock()
        };
        svg.text(
            "chart-x-tick",
            "chart-x-tick",
            (px, bottom + 19.0),
            anchor,
            "",
            &label,
        );
        if step < 86_400 && !one_day && previous_day != Some(when.days) {
            svg.text(
                "chart-x-date",
                "chart-x-date",
                (px, bottom + 35.0),
                anchor,
                "",
                &when.short_date(),
            );
        }
        previous_day = Some(when.days);
    }
    let mut path = format!("M{:.1},{:.1}", x(t0), y(0));
    for (t, users) in &parsed {
        path.push_str(&format!(" H{:.1} V{:.1}", x(*t), y(*users)));
    }
    svg.0
        .push_str(&format!(r#"<path class="chart-usage" d="{path}"/>"#));
    let pool_y = y(u64::from(pool));
    svg.line("chart-pool", "chart-pool", (LEFT, pool_y), (right, pool_y));
    svg.text(
        "chart-pool-label",
        "chart-pool-label",
        (right - 4.0, pool_y - 5.0),
        "end",
        "",
        &format!("pool: {pool}"),
    );
    let y_middle = TOP + plot_h / 2.0;
    svg.text(
        "chart-axis-title",
        "chart-y-title",
        (14.0, y_middle),
        "middle",
        &format!(r#" transform="rotate(-90 14 {y_middle:.1})""#),
        "users signed in",
    );
    let x_title = if one_day {
        format!("time of day, {} ({})", first.date(), zone.label())
    } else {
        format!("date and time ({})", zone.label())
    };
    svg.text(
        "chart-axis-title",
        "chart-x-title",
        (LEFT + plot_w / 2.0, HEIGHT - 6.0),
        "middle",
        "",
        &x_title,
    );
    let billable = report.episodes.iter().filter(|e| e.billable).count();
    let shaded = match report.episodes.len() {
        0 => String::new(),
        n => format!(
            "; {} shaded, {billable} billable",
            count(n as u64, "overage episode", "overage episodes")
        ),
    };
    let label = format!(
        "Chart of users signed in from {} to {} ({}): peak {peak} against a pool of {pool}{shaded}.",
        first.date_time(),
        if one_day { end.clock() } else { end.date_time() },
        zone.label()
    );
    let legend_grace = report.episodes.iter().any(|e| !e.billable);
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-label=label data-testid="capacity-chart" inner_html=svg.0></svg>
        <p class="hint chart-legend">
            <span class="legend-usage">"━ users signed in"</span>" · "<span class="legend-pool">"┅ pool size"</span>
            {legend_grace.then(|| view! { " · "<span class="legend-grace">"▮ over the pool, within grace"</span> })}
            {(billable > 0).then(|| view! { " · "<span class="legend-billable">"▮ over the pool, billed"</span> })}
        </p>
    }
    .into_any()
}
