//! The batch workbench: a whole directory through the account's rules, in chunks so that the page
//! stays responsive, with a progress bar and Cancel: users per license, package and add-on, who is
//! refused and by which rule, pool demand and shortfalls, the Basic-user limit (LIC-09).

use std::collections::BTreeMap;

use leptos::prelude::*;
use provisim_core::batch::{self, BatchReport, UserOutcome};
use provisim_core::explain::count;
use provisim_core::input::InputError;
use provisim_core::license::directory::UserList;
use provisim_core::scenario;

// Named here too (it was defined here first, and the tests import it from here).
pub use crate::chunks::CHUNK;

use crate::browser;
use crate::chunks::{Chunks, Progress};
use crate::compare::{with_rules_of, ComparePanel, Comparer};
use crate::rule_ref::RuleRef;
use crate::trace::warning_list_as;
use crate::workbench::{self, csv_cell, Doc, DownloadButton, Shell};

/// The scenario a first visit starts from: 100 agents on 25 Elite concurrent licenses.
pub const STARTER: &str =
    include_str!("../../../tests/scenarios/batch/lic-07-100-agents-25-elite-concurrent.json");

/// Directories up to this size run as you type; larger ones on Run.
pub const AUTO_RUN_BYTES: usize = 256 * 1024;

/// The most per-user outcomes the page lists (the download has them all).
pub const SHOWN_OUTCOMES: usize = 200;

/// A finished (or cancelled) run.
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub report: BatchReport,
    /// Users run, of the directory's; fewer when cancelled.
    pub done: usize,
    pub total: usize,
    pub cancelled: bool,
    /// In summary mode (`batch.summary_only`), the first users' outcomes, explained: the same
    /// sign-ins (a run's outcome depends only on the users before), for the table of users.
    pub first: Vec<UserOutcome>,
}

/// The batch workbench's state, kept across page changes.
#[derive(Clone, Copy, Debug)]
pub struct Runner {
    /// Bumped by every new run and by Cancel: a run that sees another number stops.
    pub generation: RwSignal<u64>,
    pub cancel_requested: RwSignal<bool>,
    pub progress: RwSignal<Option<Progress>>,
    pub result: RwSignal<Option<Result<Finished, Vec<InputError>>>>,
    /// The document's revision: it changes whenever the scenario or the directory does.
    pub revision: Memo<u64>,
    /// The revision the result is of: another one (a large directory waiting for Run) shows the
    /// result as out of date.
    pub result_of: RwSignal<Option<u64>>,
    /// The Compare view's state.
    pub compare: Comparer,
}

impl Runner {
    /// The runner of the batch document `doc`.
    pub fn new(doc: Doc) -> Self {
        // Counts changes without hashing the directory (which may be many megabytes): a memo
        // recomputes, and counts one more, whenever either part changed since it was last read.
        let revision = Memo::new(move |previous: Option<&u64>| {
            doc.scenario.track();
            doc.input.track();
            previous.map_or(0, |n| n + 1)
        });
        Self {
            revision,
            generation: RwSignal::new(0),
            cancel_requested: RwSignal::new(false),
            progress: RwSignal::new(None),
            result: RwSignal::new(None),
            result_of: RwSignal::new(None),
            compare: Comparer::new(),
        }
    }

    /// Starts a run of the document, stopping any run under way.
    pub fn start(self, doc: Doc) {
        let generation = self.generation.get_untracked() + 1;
        self.generation.set(generation);
        self.cancel_requested.set(false);
        // At once, not when the task first runs: the Run button is disabled from the click on.
        self.progress.set(Some(Progress::Reading));
        let combined = doc.combined();
        let of = self.revision.get_untracked();
        leptos::task::spawn_local(async move {
            let outcome = match combined {
                Err(e) => Some(Err(vec![e])),
                Ok(text) => self.run(&text, generation).await,
            };
            if let Some(outcome) = outcome {
                if self.generation.get_untracked() == generation {
                    self.progress.set(None);
                    self.result.set(Some(outcome));
                    self.result_of.set(Some(of));
                }
            }
        });
    }

    pub fn cancel(self) {
        self.cancel_requested.set(true);
    }

    /// Runs in chunks; `None` when a newer run took over.
    async fn run(self, text: &str, generation: u64) -> Option<Result<Finished, Vec<InputError>>> {
        self.progress.set(Some(Progress::Reading));
        browser::yield_now().await;
        let scenario = match scenario::parse(text) {
            Ok(s) => s,
            Err(errors) => return Some(Err(errors)),
        };
        let Some(input) = scenario.batch.clone() else {
            return Some(Err(vec![InputError::new(
                "/batch",
                "the scenario has no `batch`",
            )]));
        };
        let users =
            match batch::read_users(&input, scenario.sso.basic.email.as_deref(), "/batch/users") {
                Ok(users) => users,
                Err(errors) => return Some(Err(errors)),
            };
        let mut run = match scenario.start_batch(&input) {
            Ok(run) => run,
            Err(errors) => return Some(Err(errors)),
        };
        let total = users.len();
        // Summary mode keeps no user: the first ones run again, explained, for the table.
        let preview_input = batch::BatchInput {
            summary_only: false,
            ..input.clone()
        };
        let mut preview = if input.summary_only {
            scenario.start_batch(&preview_input).ok()
        } else {
            None
        };
        let mut first = Vec::new();
        let chunks = Chunks {
            progress: self.progress,
            generation: self.generation,
            cancel_requested: self.cancel_requested,
        };
        let (done, cancelled) = chunks
            .run(users, generation, |row, user| {
                if let Some(p) = preview.as_mut().filter(|_| first.len() < SHOWN_OUTCOMES) {
                    first.push(p.push(row, user.clone()));
                }
                run.push(row, user);
            })
            .await?;
        Some(Ok(Finished {
            report: run.finish(),
            done,
            total,
            cancelled,
            first,
        }))
    }
}

#[component]
pub fn BatchWorkbench(doc: Doc, runner: Runner, saml: Doc) -> impl IntoView {
    let copy_rules = move |_| {
        let text = doc
            .scenario
            .with_untracked(|b| saml.scenario.with_untracked(|s| with_rules_of(b, s)));
        if let Some(text) = text {
            doc.replace(
                "Copied the SAML workbench's account, rules and settings",
                text,
                None,
            );
        }
    };
    // Small directories run as you type; a large one waits for Run.
    let small = Memo::new(move |_| doc.input.with(String::len) <= AUTO_RUN_BYTES);
    Effect::new(move |_| {
        doc.scenario.track();
        doc.input.track();
        if small.get_untracked() {
            runner.start(doc);
        }
    });
    // The result is of another document than the one shown (a large directory not yet run).
    let stale = Memo::new(move |_| {
        runner.result.with(|r| matches!(r, Some(Ok(_))))
            && runner.result_of.get() != Some(runner.revision.get())
            && runner.progress.with(Option::is_none)
    });
    let errors = Memo::new(move |_| match runner.result.get() {
        Some(Err(errors)) => doc
            .scenario
            .with_untracked(|s| workbench::sort_errors(doc.kind, s, errors)),
        _ => (Vec::new(), Vec::new()),
    });
    let form = ViewFn::from(move || {
        view! {
            <div class="run-bar">
                <button type="button" class="primary" data-testid="batch-run" on:click=move |_| runner.start(doc)
                    disabled=move || runner.progress.with(Option::is_some)>"Run the batch"</button>
                {move || runner.progress.get().map(|p| {
                    let (value, max, text) = match p {
                        Progress::Reading => (0, 1, "Reading the directory…".to_string()),
                        Progress::Running { done, total } => (done, total.max(1), format!("{done} of {total} users")),
                    };
                    view! {
                        <progress max=max.to_string() value=value.to_string() data-testid="batch-progress" aria-label="Batch progress"></progress>
                        <span role="status" data-testid="batch-progress-text">{text}</span>
                        <button type="button" class="secondary" data-testid="batch-cancel" on:click=move |_| runner.cancel()>"Cancel"</button>
                    }
                })}
                <button type="button" class="secondary" data-testid="batch-copy-rules" on:click=copy_rules>"Use the SAML workbench's rules"</button>
                {move || (!small.get()).then(|| view! { <p class="hint">"A large directory runs when you press Run."</p> })}
            </div>
        }
    });
    view! {
        <Shell doc=doc title="Batch"
            lede="A whole directory through the account's SAML rules (or the IdP's SCIM mappings): users per license, package and add-on, who is refused and by which rule, pool demand and the 9,999 Basic-user limit."
            scenario_errors=Signal::derive(move || errors.with(|e| e.1.clone()))
            file_errors=Signal::derive(move || errors.with(|e| e.0.clone()))
            form=form>
            {move || stale.get().then(|| view! {
                <p class="stale" role="status" data-testid="stale">"⏸ Out of date: this is the outcome of the directory and scenario as they were at the last run. Press Run to update it."</p>
            })}
            {move || match runner.result.get() {
                Some(Ok(finished)) => view! {
                    <div class="outcome" class:is-stale=move || stale.get()>{report_view(finished)}</div>
                }.into_any(),
                Some(Err(_)) => view! {
                    <div class="empty-state" data-testid="outcome-none">
                        <p><strong>"No outcome yet."</strong>" Fix the problems listed with the scenario and the directory."</p>
                    </div>
                }.into_any(),
                None => view! {
                    <div class="empty-state" data-testid="outcome-none"><p>"Press Run to put the directory through the rules."</p></div>
                }.into_any(),
            }}
            <ComparePanel doc=doc comparer=runner.compare/>
        </Shell>
    }
}

fn counts_table(
    title: &'static str,
    testid: &'static str,
    counts: &BTreeMap<String, u64>,
) -> impl IntoView {
    let rows = counts
        .iter()
        .map(|(k, n)| view! { <tr data-key=k.clone()><th scope="row">{k.clone()}</th><td class="num">{*n}</td></tr> })
        .collect_view();
    view! {
        <div class="count-table">
            <h4>{title}</h4>
            {if counts.is_empty() {
                view! { <p class="nothing">"None."</p> }.into_any()
            } else {
                view! { <table class="data" data-testid=testid><tbody>{rows}</tbody></table> }.into_any()
            }}
        </div>
    }
}

fn user_list(list: &UserList) -> String {
    let mut text = list.emails.join(", ");
    if list.more > 0 {
        text.push_str(&format!(" and {} more", list.more));
    }
    text
}

fn report_view(finished: Finished) -> impl IntoView {
    let Finished {
        report,
        done,
        total,
        cancelled,
        first,
    } = finished;
    let cancelled_note = cancelled.then(|| {
        view! { <p class="stale" role="status" data-testid="batch-cancelled">{format!("Cancelled after {done} of {total} users: the summary covers those only.")}</p> }
    });
    let stat = |label: &'static str, key: &'static str, n: u64| {
        view! { <div class="stat" data-testid=format!("batch-{key}")><span class="stat-value">{n}</span><span class="stat-label">{label}</span></div> }
    };
    let refusals = report
        .refusals
        .iter()
        .map(|r| {
            view! {
                <tr data-rule=r.rule>
                    <td><RuleRef rule=r.rule/></td>
                    <td class="num">{r.users.count}</td>
                    <td>{crate::prose::prose(&r.message)}<p class="hint">{user_list(&r.users)}</p></td>
                </tr>
            }
        })
        .collect_view();
    let warned = report
        .warnings_by_rule
        .iter()
        .map(|w| {
            view! {
                <tr data-rule=w.rule>
                    <td><RuleRef rule=w.rule/></td>
                    <td class="num">{w.users.count}</td>
                    <td>{crate::prose::prose(&w.message)}<p class="help"><strong>"What to do: "</strong>{crate::prose::prose(&w.help)}</p><p class="hint">{user_list(&w.users)}</p></td>
                </tr>
            }
        })
        .collect_view();
    let basic = &report.basic_users;
    let basic_line = format!(
        "Basic users: {} before, {} after, limit {}{}",
        basic.before,
        basic.after,
        basic.limit,
        if basic.over_limit {
            " — over the limit"
        } else {
            ""
        }
    );
    let pools = report.pools.as_ref().map(|p| {
        let rows = p
            .pools
            .iter()
            .map(|pool| {
                let products = pool
                    .products
                    .iter()
                    .map(|pr| {
                        format!(
                            "{}: {} with access, {} without",
                            pr.product.label(),
                            pr.with_access,
                            pr.without_access
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("; ");
                view! {
                    <tr data-package=pool.package.key()>
                        <th scope="row">{format!("{} ({})", pool.package.label(), serde_json::to_value(pool.licensing).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default())}</th>
                        <td class="num">{pool.size}</td>
                        <td class="num">{pool.demand}</td>
                        <td class="num">{pool.shortfall.max(pool.beyond_pool)}</td>
                        <td>{products}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="outcome-block" aria-label="Pools">
                <h3>"Pools against the users after the batch "<RuleRef rule=provisim_core::rules::LIC_08/></h3>
                <table class="data" data-testid="batch-pools">
                    <thead><tr><th scope="col">"Pool"</th><th scope="col">"Size"</th><th scope="col">"Demand"</th><th scope="col">"Short / beyond"</th><th scope="col">"Access"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {warning_list_as(&p.warnings, "batch-pool-warnings")}
            </section>
        }
    });
    // The users' table: every user the run kept, or in summary mode the first ones; a filter by
    // outcome, all by default.
    let listed = if report.outcomes_kept {
        report.outcomes.clone()
    } else {
        first
    };
    let listed_count = listed.len();
    let listed = StoredValue::new(listed);
    let filter = RwSignal::new(RowFilter::All);
    let outcomes = move || {
        let f = filter.get();
        listed.with_value(|rows| {
            rows.iter()
                .filter(|o| f.keeps(o))
                .take(SHOWN_OUTCOMES)
                .map(|o| {
                    let (symbol, words) = if o.decision.signed_in {
                        ("✓", "signed in")
                    } else {
                        ("✕", "refused")
                    };
                    view! {
                        <tr data-row=o.row.to_string() data-signed-in=o.decision.signed_in.to_string()>
                            <td class="num" data-label="Row">{o.row}</td>
                            <td class="email" data-label="Email">{o.email.clone()}</td>
                            <td data-label="Decision"><span aria-hidden="true">{symbol}" "</span>{words}</td>
                            <td data-label="Rule"><RuleRef rule=o.decision.rule/></td>
                            <td class="num" data-label="Changes">{o.changes.len()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let shown_count = move || {
        let f = filter.get();
        listed.with_value(|rows| rows.iter().filter(|o| f.keeps(o)).count())
    };
    let outcomes_note = if !report.outcomes_kept {
        if (listed_count as u64) < report.users {
            format!(
                "Summary mode (the batch's \"summary only\" option): the table shows the first {} of {}; the downloads have the summary only.",
                listed_count,
                count(report.users, "user", "users")
            )
        } else {
            "Summary mode (the batch's \"summary only\" option): the downloads have the summary only.".to_string()
        }
    } else if report.outcomes.len() > SHOWN_OUTCOMES {
        format!(
            "The first {SHOWN_OUTCOMES} of {} users; the downloads have them all.",
            report.outcomes.len()
        )
    } else {
        String::new()
    };
    let json = serde_json::to_string_pretty(&report).unwrap_or_default();
    let outcomes_csv = outcomes_csv(&report.outcomes);
    let (symbol, tone, headline) = if report.refused > 0 || basic.over_limit {
        (
            "!",
            "refused",
            format!(
                "{} of {} refused",
                report.refused,
                count(report.users, "user", "users")
            ),
        )
    } else if report.users == 0 {
        (
            "…",
            "neutral",
            "Nothing to run yet: the directory has no users. Add rows under its header, or open a directory file".to_string(),
        )
    } else {
        let signed = if report.users == 1 {
            "1 user signed in".to_string()
        } else {
            format!("All {} users signed in", report.users)
        };
        // Signed in is not the whole story: users a pool leaves without a product (LIC-06,
        // LIC-07) make the headline a warning that says so.
        match products_missing(report.pools.as_ref()) {
            Some(missing) => ("!", "warn", format!("{signed}, but {missing}")),
            None => ("✓", "ok", signed),
        }
    };
    // The pools' warnings show under the pools and each user warning in "Users hit by each
    // warning": the list under the counts keeps the others, so that each warning shows once.
    let general: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| {
            let in_pools = report
                .pools
                .as_ref()
                .is_some_and(|p| p.warnings.contains(w));
            let in_groups = report
                .warnings_by_rule
                .iter()
                .any(|g| g.rule == w.rule && w.message.contains(&g.message));
            !in_pools && !in_groups
        })
        .cloned()
        .collect();
    view! {
        <div class=format!("decision {tone}") data-testid="batch-decision" data-refused=report.refused.to_string()>
            <div class="decision-symbol" aria-hidden="true">{symbol}</div>
            <div class="decision-text"><h3 class="decision-title">{crate::prose::prose(&headline)}</h3><p data-testid="batch-basic">{basic_line}" "<RuleRef rule=provisim_core::rules::LIC_09/></p></div>
        </div>
        {cancelled_note}
        <div class="stats">
            {stat("users", "users", report.users)}
            {stat("signed in", "signed-in", report.signed_in)}
            {stat("created", "created", report.created)}
            {stat("refused", "refused", report.refused)}
            {stat("changed", "changed", report.changed)}
        </div>
        {warning_list_as(&general, "batch-warnings")}
        <section class="outcome-block counts" aria-label="Users after the batch">
            {counts_table("Licenses", "batch-licenses", &report.licenses)}
            {counts_table("Contact Center packages", "batch-packages", &report.packages)}
            {counts_table("Add-ons", "batch-addons", &report.addons)}
        </section>
        {(!report.refusals.is_empty()).then(|| view! {
            <section class="outcome-block" aria-label="Refusals by rule">
                <h3>"Refusals by rule"</h3>
                <table class="data" data-testid="batch-refusals"><thead><tr><th scope="col">"Rule"</th><th scope="col">"Users"</th><th scope="col">"Why"</th></tr></thead><tbody>{refusals}</tbody></table>
            </section>
        })}
        {(!report.warnings_by_rule.is_empty()).then(|| view! {
            <section class="outcome-block" aria-label="Users hit by each warning">
                <h3>"Users hit by each warning"</h3>
                <table class="data" data-testid="batch-warned"><thead><tr><th scope="col">"Rule"</th><th scope="col">"Users"</th><th scope="col">"What"</th></tr></thead><tbody>{warned}</tbody></table>
            </section>
        })}
        {pools}
        <section class="outcome-block" aria-label="Each user">
            <h3>"Each user"</h3>
            <p class="hint">{outcomes_note}</p>
            {(listed_count > 0).then(|| view! {
                <div class="field inline-field">
                    <label for="batch-filter">"Show"</label>
                    <select id="batch-filter" data-testid="batch-filter" on:change=move |ev| {
                        filter.set(RowFilter::from_key(&event_target_value(&ev)));
                    }>
                        {RowFilter::ALL.into_iter().map(|f| view! {
                            <option value=f.key() selected=move || filter.get() == f>{f.label()}</option>
                        }).collect_view()}
                    </select>
                    <span class="hint" role="status" data-testid="batch-filter-count">{move || count(shown_count() as u64, "user", "users")}</span>
                </div>
                <table class="data stack" data-testid="batch-outcomes">
                    <thead><tr><th scope="col">"Row"</th><th scope="col">"Email"</th><th scope="col">"Decision"</th><th scope="col">"Rule"</th><th scope="col">"Changes"</th></tr></thead>
                    <tbody>{outcomes}</tbody>
                </table>
            })}
            <div class="toolbar-buttons">
                <DownloadButton label="Download results (JSON)" testid="batch-download-json" file_name="provisim-batch.json".to_string()
                    mime="application/json" make=Callback::new(move |()| json.clone())/>
                <DownloadButton label="Download outcomes (CSV)" testid="batch-download-csv" file_name="provisim-batch-outcomes.csv".to_string()
                    mime="text/csv" make=Callback::new(move |()| outcomes_csv.clone())/>
            </div>
            {workbench::steps_list(&report.trace, "batch-trace")}
        </section>
    }
}

/// "75 have no Workforce Management or Quality Management access": the products the pools leave
/// users without, the largest count first (products with the same count said together).
fn products_missing(
    pools: Option<&provisim_core::license::directory::DirectoryReport>,
) -> Option<String> {
    // Each product's users without it, over every pool; then the products by that total.
    // (In the products' own order: Contact Center, Workforce Management, Quality Management, …)
    let mut totals: Vec<(&'static str, u64)> = Vec::new();
    for product in pools?.pools.iter().flat_map(|p| p.products.iter()) {
        let label = product.product.label();
        match totals.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += product.without_access,
            None => totals.push((label, product.without_access)),
        }
    }
    let mut by_count: std::collections::BTreeMap<u64, Vec<&'static str>> =
        std::collections::BTreeMap::new();
    for (label, n) in totals.into_iter().filter(|(_, n)| *n > 0) {
        by_count.entry(n).or_default().push(label);
    }
    let parts: Vec<String> = by_count
        .iter()
        .rev()
        .map(|(n, labels)| {
            format!(
                "{n} {} no {} access",
                if *n == 1 { "has" } else { "have" },
                labels.join(" or ")
            )
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("; "))
}

/// Every user's outcome as CSV.
pub fn outcomes_csv(outcomes: &[UserOutcome]) -> String {
    let mut out = String::from("row,email,existed,signed_in,rule,message,changes\n");
    for o in outcomes {
        out.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            o.row,
            csv_cell(&o.email),
            o.existed,
            o.decision.signed_in,
            o.decision.rule,
            csv_cell(&o.decision.message),
            o.changes.len()
        ));
    }
    out
}

/// Which users the table of users shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowFilter {
    All,
    SignedIn,
    Refused,
    Changed,
}

impl RowFilter {
    pub const ALL: [RowFilter; 4] = [
        RowFilter::All,
        RowFilter::SignedIn,
        RowFilter::Refused,
        RowFilter::Changed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            RowFilter::All => "all",
            RowFilter::SignedIn => "signed-in",
            RowFilter::Refused => "refused",
            RowFilter::Changed => "changed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RowFilter::All => "all users",
            RowFilter::SignedIn => "signed in",
            RowFilter::Refused => "refused",
            RowFilter::Changed => "changed",
        }
    }

    pub fn from_key(key: &str) -> RowFilter {
        RowFilter::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .unwrap_or(RowFilter::All)
    }

    /// Whether the user's outcome is one the filter shows.
    pub fn keeps(self, outcome: &UserOutcome) -> bool {
        match self {
            RowFilter::All => true,
            RowFilter::SignedIn => outcome.decision.signed_in,
            RowFilter::Refused => !outcome.decision.signed_in,
            RowFilter::Changed => !outcome.changes.is_empty(),
        }
    }
}
