//! The batch workbench's Compare view (issue 17): the directory signed in under a baseline
//! configuration and under the one being edited, in chunks with progress and Cancel; who changes,
//! field by field, with the rule that decided each side, and a CSV of the changed users.

use leptos::prelude::*;
use provisim_core::batch::{self, BatchUser, Through};
use provisim_core::explain::count;
use provisim_core::impact::{Field, Impact, ImpactReport, Side, UserImpact};
use provisim_core::input::InputError;
use provisim_core::scenario::{self, Scenario};

use crate::browser;
use crate::chunks::{Chunks, Progress};
use crate::rule_ref::RuleRef;
use crate::trace::warning_list_as;
use crate::workbench::{csv_cell, Doc, DownloadButton, ProblemList, MAX_FILE_BYTES};

/// Changed users the comparison keeps for the table and the CSV (more are counted).
pub const LISTED: u32 = 10_000;

/// Changed users the page shows (the CSV has every one kept).
pub const SHOWN: usize = 100;

/// Where the baseline is saved in this browser.
const BASELINE_KEY: &str = "provisim.batch.baseline";

/// The configuration compared against: a name for it, and the scenario text it came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Baseline {
    pub name: String,
    pub text: String,
}

/// A finished (or cancelled) comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Compared {
    pub report: ImpactReport,
    pub baseline: String,
    pub done: usize,
    pub total: usize,
    pub cancelled: bool,
    /// The batch runs through the IdP: the comparison is of the SAML sign-in only.
    pub through_idp: bool,
}

/// The Compare view's state, kept across page changes (the baseline across reloads too).
#[derive(Clone, Copy, Debug)]
pub struct Comparer {
    pub baseline: RwSignal<Option<Baseline>>,
    pub generation: RwSignal<u64>,
    pub cancel_requested: RwSignal<bool>,
    pub progress: RwSignal<Option<Progress>>,
    pub result: RwSignal<Option<Result<Compared, Vec<InputError>>>>,
}

impl Default for Comparer {
    fn default() -> Self {
        Self::new()
    }
}

impl Comparer {
    pub fn new() -> Self {
        let saved = browser::load(BASELINE_KEY)
            .and_then(|text| serde_json::from_str::<Baseline>(&text).ok());
        let baseline = RwSignal::new(saved);
        Effect::new(move |_| {
            baseline.with(|b| {
                let text = b
                    .as_ref()
                    .and_then(|b| serde_json::to_string(b).ok())
                    .unwrap_or_default();
                browser::save(BASELINE_KEY, &text);
            });
        });
        Self {
            baseline,
            generation: RwSignal::new(0),
            cancel_requested: RwSignal::new(false),
            progress: RwSignal::new(None),
            result: RwSignal::new(None),
        }
    }

    /// Compares the document against the baseline, stopping any comparison under way.
    pub fn start(self, doc: Doc) {
        let Some(baseline) = self.baseline.get_untracked() else {
            return;
        };
        let generation = self.generation.get_untracked() + 1;
        self.generation.set(generation);
        self.cancel_requested.set(false);
        self.progress.set(Some(Progress::Reading));
        let combined = doc.combined();
        leptos::task::spawn_local(async move {
            let outcome = match combined {
                Err(e) => Some(Err(vec![e])),
                Ok(text) => self.run(&text, baseline, generation).await,
            };
            if let Some(outcome) = outcome {
                if self.generation.get_untracked() == generation {
                    self.progress.set(None);
                    self.result.set(Some(outcome));
                }
            }
        });
    }

    pub fn cancel(self) {
        self.cancel_requested.set(true);
    }

    /// Runs in chunks; `None` when a newer comparison took over.
    async fn run(
        self,
        text: &str,
        baseline: Baseline,
        generation: u64,
    ) -> Option<Result<Compared, Vec<InputError>>> {
        browser::yield_now().await;
        let (before, after, users) = match prepare(text, &baseline.text) {
            Ok(prepared) => prepared,
            Err(errors) => return Some(Err(errors)),
        };
        let through_idp = after
            .batch
            .as_ref()
            .is_some_and(|b| b.through == Through::Idp);
        let mut impact = Impact::new(&before, &after, LISTED);
        let total = users.len();
        let chunks = Chunks {
            progress: self.progress,
            generation: self.generation,
            cancel_requested: self.cancel_requested,
        };
        let (done, cancelled) = chunks
            .run(users, generation, |row, user| impact.push(row, user))
            .await?;
        Some(Ok(Compared {
            report: impact.finish(),
            baseline: baseline.name,
            done,
            total,
            cancelled,
            through_idp,
        }))
    }
}

/// The batch scenario with the account, SSO rules and settings of another scenario (the SAML
/// workbench's); `None` when either is not a JSON object.
pub fn with_rules_of(batch: &str, source: &str) -> Option<String> {
    let source: serde_json::Value = serde_json::from_str(source).ok()?;
    let mut batch: serde_json::Value = serde_json::from_str(batch).ok()?;
    let target = batch.as_object_mut()?;
    for key in ["account", "sso", "settings"] {
        match source.get(key) {
            Some(value) => {
                target.insert(key.to_string(), value.clone());
            }
            None => {
                target.remove(key);
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&batch).ok()?;
    text.push('\n');
    Some(text)
}

/// The baseline's scenario, the edited one, and the directory's users by row.
pub type Prepared = (Scenario, Scenario, Vec<(u64, BatchUser)>);

/// The two scenarios and the users: `after` is the batch document as it stands, `before` the same
/// with the baseline's account, SSO rules and settings (so the directory and the users are the
/// same on both sides). The baseline's errors are located under `/baseline`.
pub fn prepare(text: &str, baseline: &str) -> Result<Prepared, Vec<InputError>> {
    let after = scenario::parse(text)?;
    let is_object = serde_json::from_str::<serde_json::Value>(baseline)
        .ok()
        .is_some_and(|v| v.is_object());
    let Some(before_text) = with_rules_of(text, baseline).filter(|_| is_object) else {
        return Err(vec![InputError::new(
            "/baseline",
            "the baseline is not a scenario (a JSON object)",
        )
        .with_help("open a scenario exported from provisim, or keep the current configuration as the baseline")]);
    };
    let before = scenario::parse(&before_text).map_err(|errors| {
        errors
            .into_iter()
            .map(|mut e| {
                e.path = format!("/baseline{}", e.path);
                e.line = None;
                e.column = None;
                e
            })
            .collect::<Vec<_>>()
    })?;
    let Some(input) = after.batch.clone() else {
        return Err(vec![InputError::new(
            "/batch",
            "the scenario has no `batch`",
        )
        .with_help("give `batch.users`: the directory to compare over")]);
    };
    let users = batch::read_users(&input, after.sso.basic.email.as_deref(), "/batch/users")?;
    Ok((before, after, users))
}

/// A side of a change in words: the value, and what decided it.
fn side_words(side: &Side) -> String {
    match (side.section, side.rule_index) {
        (Some(section), Some(index)) => {
            format!("{} — rule {} of {}", side.value, index + 1, section.label())
        }
        _ => format!("{} — {}", side.value, side.reason),
    }
}

/// Every changed user kept, one row per field that differs, as CSV.
pub fn changed_csv(users: &[UserImpact], more: u64) -> String {
    let mut out = String::from(
        "row,email,field,before,before_rule,before_reason,after,after_rule,after_reason\n",
    );
    for user in users {
        for f in &user.fields {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{}\n",
                user.row,
                csv_cell(&user.email),
                csv_cell(f.field.label()),
                csv_cell(&f.before.value),
                f.before.rule,
                csv_cell(&f.before.reason),
                csv_cell(&f.after.value),
                f.after.rule,
                csv_cell(&f.after.reason),
            ));
        }
    }
    if more > 0 {
        out.push_str(&format!(
            "# {} more changed users are counted but not listed: run `provisim impact` for every one\n",
            more
        ));
    }
    out
}

/// The Compare view of the batch workbench.
#[component]
pub fn ComparePanel(doc: Doc, comparer: Comparer) -> impl IntoView {
    let status = RwSignal::new(None::<Result<String, String>>);
    let keep_current = move |_| {
        comparer.baseline.set(Some(Baseline {
            name: "the configuration as it was when kept".to_string(),
            text: doc.scenario.get_untracked(),
        }));
        comparer.result.set(None);
        status.set(Some(Ok(
            "Kept the current account, rules and settings as the baseline: edit the scenario, then Compare.".to_string(),
        )));
    };
    let take = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match browser::read_file(file, MAX_FILE_BYTES).await {
                Ok((name, text)) => {
                    if serde_json::from_str::<serde_json::Value>(&text)
                        .ok()
                        .is_some_and(|v| v.is_object())
                    {
                        comparer.baseline.set(Some(Baseline {
                            name: format!("`{name}`"),
                            text,
                        }));
                        comparer.result.set(None);
                        status.set(Some(Ok(format!(
                            "`{name}` is the baseline: Compare signs the directory in under it and under this scenario."
                        ))));
                    } else {
                        status.set(Some(Err(format!(
                            "`{name}` is not a scenario (a JSON object): open a scenario exported from provisim"
                        ))));
                    }
                }
                Err(why) => status.set(Some(Err(why))),
            }
        });
    };
    let on_pick = move |ev: web_sys::Event| {
        if let Some(file) = browser::picked_file(&ev) {
            take(file);
        }
    };
    let busy = move || comparer.progress.with(Option::is_some);
    view! {
        <section class="outcome-block compare" aria-labelledby="compare-title" data-testid="compare">
            <h3 id="compare-title">"Compare with another configuration"</h3>
            <p class="hint">"Who would change if this configuration replaced another one: every user of the directory signs in under both, and each change says which rule decided it before and after. The directory is this workbench's; the account, SSO rules and settings are compared."</p>
            <div class="run-bar">
                <button type="button" class="secondary" data-testid="compare-keep" on:click=keep_current>"Keep the current configuration as the baseline"</button>
                <span class="file-button">
                    <input type="file" id="compare-baseline-file" class="file-input" accept=".json,application/json"
                        data-testid="compare-baseline-file" on:change=on_pick/>
                    <label for="compare-baseline-file" class="button secondary">"Open a baseline…"</label>
                </span>
            </div>
            <p data-testid="compare-baseline">{move || match comparer.baseline.get() {
                Some(b) => format!("Baseline: {}.", b.name),
                None => "No baseline yet: keep the current configuration, or open a scenario file.".to_string(),
            }}</p>
            <div role="status" data-testid="compare-status">
                {move || status.get().map(|s| match s {
                    Ok(message) => view! { <p class="ok-text">"✓ "{crate::prose::prose(&message)}</p> }.into_any(),
                    Err(message) => view! { <p class="bad-text" role="alert">"✕ "{crate::prose::prose(&message)}</p> }.into_any(),
                })}
            </div>
            <div class="run-bar">
                <button type="button" class="primary" data-testid="compare-run"
                    disabled=move || busy() || comparer.baseline.with(Option::is_none)
                    on:click=move |_| comparer.start(doc)>"Compare"</button>
                {move || comparer.progress.get().map(|p| {
                    let (value, max, text) = match p {
                        Progress::Reading => (0, 1, "Reading the directory…".to_string()),
                        Progress::Running { done, total } => (done, total.max(1), format!("{done} of {total} users compared")),
                    };
                    view! {
                        <progress max=max.to_string() value=value.to_string() data-testid="compare-progress" aria-label="Comparison progress"></progress>
                        <span role="status" data-testid="compare-progress-text">{text}</span>
                        <button type="button" class="secondary" data-testid="compare-cancel" on:click=move |_| comparer.cancel()>"Cancel"</button>
                    }
                })}
            </div>
            {move || match comparer.result.get() {
                Some(Ok(compared)) => compared_view(compared).into_any(),
                Some(Err(errors)) => view! {
                    <p>"The comparison could not run:"</p>
                    <ProblemList errors=Signal::derive(move || errors.clone()) testid="compare-problems"/>
                }.into_any(),
                None => ().into_any(),
            }}
        </section>
    }
}

fn compared_view(compared: Compared) -> impl IntoView {
    let Compared {
        report,
        baseline,
        done,
        total,
        cancelled,
        through_idp,
    } = compared;
    let cancelled_note = cancelled.then(|| {
        view! { <p class="stale" role="status" data-testid="compare-cancelled">{format!("Cancelled after {done} of {total} users: the comparison covers those only.")}</p> }
    });
    let idp_note = through_idp.then(|| {
        view! { <p class="hint">"This batch runs through the IdP; the comparison is of the users' SAML sign-in under each configuration."</p> }
    });
    let (symbol, tone) = if report.changed == 0 {
        ("=", "ok")
    } else {
        ("Δ", "warn")
    };
    let headline = if report.changed == 0 {
        format!(
            "No user of {} would change",
            count(report.users, "user", "users")
        )
    } else {
        report.headline.clone()
    };
    let summary = report
        .summary
        .iter()
        .map(|s| view! { <li>{s.clone()}</li> })
        .collect_view();
    let fields = report
        .fields
        .iter()
        .flat_map(|f| {
            let field = f.field;
            f.changes.iter().map(move |c| {
                let emails = c.users.emails.iter().take(5).cloned().collect::<Vec<_>>().join(", ");
                let more = c.users.count.saturating_sub(c.users.emails.len().min(5) as u64);
                view! {
                    <tr data-field=field_key(field)>
                        <th scope="row">{field.label()}</th>
                        <td class="num">{c.users.count}</td>
                        <td>{side_words(&c.before)}" "<RuleRef rule=c.before.rule/></td>
                        <td>{side_words(&c.after)}" "<RuleRef rule=c.after.rule/></td>
                        <td class="hint">{emails}{(more > 0).then(|| format!(" and {more} more"))}</td>
                    </tr>
                }
            }).collect::<Vec<_>>()
        })
        .collect_view();
    let shown = report
        .changed_users
        .iter()
        .take(SHOWN)
        .map(|u| {
            let what = u
                .fields
                .iter()
                .map(|f| {
                    format!(
                        "{}: {} → {}",
                        f.field.label(),
                        f.before.value,
                        f.after.value
                    )
                })
                .collect::<Vec<_>>()
                .join("; ");
            view! { <tr><td class="num">{u.row}</td><td>{u.email.clone()}</td><td>{what}</td></tr> }
        })
        .collect_view();
    let listed = report.changed_users.len();
    let more = report.more_changed_users;
    let users_note = if listed > SHOWN {
        format!("The first {SHOWN} of {listed} changed users; the CSV has every one.")
    } else {
        String::new()
    };
    let users_note = if more > 0 {
        format!("{users_note} {more} more changed users are counted but not listed (the CLI's `provisim impact` lists every one).")
    } else {
        users_note
    };
    let csv = changed_csv(&report.changed_users, more);
    let changed = report.changed;
    view! {
        <div class=format!("decision {tone}") data-testid="compare-decision" data-changed=changed.to_string()>
            <div class="decision-symbol" aria-hidden="true">{symbol}</div>
            <div class="decision-text">
                <h4 class="decision-title">{crate::prose::prose(&headline)}</h4>
                <p class="hint">{format!("Baseline: {baseline}; {} compared, {} unchanged.", count(report.users, "user", "users"), report.unchanged)}</p>
            </div>
        </div>
        {cancelled_note}
        {idp_note}
        {warning_list_as(&report.warnings, "compare-warnings")}
        {(changed > 0).then(|| view! {
            <ul class="summary" data-testid="compare-summary">{summary}</ul>
            <table class="data" data-testid="compare-fields">
                <thead><tr><th scope="col">"Field"</th><th scope="col">"Users"</th><th scope="col">"Before (baseline)"</th><th scope="col">"After (this scenario)"</th><th scope="col">"Who"</th></tr></thead>
                <tbody>{fields}</tbody>
            </table>
            <h4>"Changed users"</h4>
            <p class="hint">{users_note}</p>
            <table class="data" data-testid="compare-users">
                <thead><tr><th scope="col">"Row"</th><th scope="col">"Email"</th><th scope="col">"What changes"</th></tr></thead>
                <tbody>{shown}</tbody>
            </table>
            <div class="toolbar-buttons">
                <DownloadButton label="Download changed users (CSV)" testid="compare-download-csv" file_name="provisim-changed-users.csv".to_string()
                    mime="text/csv" make=Callback::new(move |()| csv.clone())/>
            </div>
        })}
    }
}

/// A field's key, as the JSON API spells it (for tests and styles).
fn field_key(field: Field) -> String {
    serde_json::to_value(field)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
