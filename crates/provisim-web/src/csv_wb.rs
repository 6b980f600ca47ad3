//! The CSV upload workbench: a Contact Center bulk CSV against the current users: whether Zoom
//! takes it (every invalid cell at once), what it changes and clears for each user, and the safe
//! CSV that sets only what the upload meant to set.

use leptos::prelude::*;
use provisim_core::csv_upload::{CsvReport, CsvUser};
use provisim_core::explain::count;

use crate::rule_ref::RuleRef;
use crate::trace::warning_list_as;
use crate::workbench::{self, csv_cell, Doc, DownloadButton, Shell};

/// The scenario a first visit starts from: every column as Zoom names it (a corpus case).
pub const STARTER: &str =
    include_str!("../../../tests/scenarios/csv/csv-01-columns-as-zoom-names-them.json");

#[component]
pub fn CsvWorkbench(doc: Doc) -> impl IntoView {
    let (evaluated, shown) = workbench::evaluate(doc, provisim_core::api::diff_csv);
    view! {
        <Shell doc=doc title="CSV upload"
            lede="What a Contact Center bulk CSV upload does to your users before you upload it: every invalid cell (one rejects the whole file), every setting it would clear, and a safe CSV (CSV-01..04)."
            scenario_errors=Signal::derive(move || evaluated.with(|e| e.scenario_errors.clone()))
            file_errors=Signal::derive(move || evaluated.with(|e| e.file_errors.clone()))>
            {workbench::outcome_view(shown, move |report| report_view(doc, report))}
        </Shell>
    }
}

fn report_view(doc: Doc, report: CsvReport) -> impl IntoView {
    let (symbol, tone, headline) = headline(&report);
    // What the headline's danger means, and what to do instead (CSV-02).
    let cleared = (report.accepted && report.cleared > 0).then(|| {
        view! {
            <p data-testid="csv-cleared">
                {format!("Zoom takes this upload: {}.", count(report.rows, "user", "users"))}
                " Columns left out or left empty are cleared, not kept "<RuleRef rule=provisim_core::rules::CSV_02/>
                ". Upload the safe CSV instead: it keeps what each user has."
            </p>
        }
    });
    let errors = (!report.errors.is_empty()).then(|| {
        let rows = report
            .errors
            .iter()
            .map(|e| {
                view! {
                    <tr data-row=e.row.to_string() data-column=e.column.clone()>
                        <td class="num" data-label="Row">{e.row}</td>
                        <td data-label="Column">{if e.column.is_empty() { "(row)".to_string() } else { e.column.clone() }}</td>
                        <td data-label="Value"><code>{e.value.clone()}</code></td>
                        <td data-label="Why">{crate::prose::prose(&e.message)}{e.help.as_deref().map(|h| view! { <p class="help">{crate::prose::prose(h)}</p> })}</td>
                        <td data-label="Rule"><RuleRef rule=e.rule/></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <section class="outcome-block" aria-label="Invalid cells">
                <h3>"Invalid cells"</h3>
                <table class="data stack" data-testid="csv-errors">
                    <thead><tr><th scope="col">"Row"</th><th scope="col">"Column"</th><th scope="col">"Value"</th><th scope="col">"Why"</th><th scope="col">"Rule"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
        }
    });
    let users = report.users.iter().map(user_view).collect_view();
    let safe = report.safe_csv.clone();
    let safe_block = if safe.is_empty() {
        view! { <p class="hint" data-testid="csv-no-safe">"No safe CSV: fix the invalid cells first (a rejected upload changes nothing)."</p> }.into_any()
    } else {
        let for_download = safe.clone();
        let for_use = safe.clone();
        view! {
            <div class="toolbar-buttons">
                <DownloadButton label="Download the safe CSV" testid="csv-safe-download" file_name="provisim-safe-upload.csv".to_string()
                    mime="text/csv" make=Callback::new(move |()| for_download.clone())/>
                <button type="button" class="secondary small" data-testid="csv-use-safe"
                    on:click=move |_| doc.input.set(for_use.clone())>"Put it in the upload box"</button>
            </div>
            <pre class="code" tabindex="0" data-testid="csv-safe">{safe}</pre>
        }.into_any()
    };
    let json = serde_json::to_string_pretty(&report).unwrap_or_default();
    let changes_csv = changes_csv(&report.users);
    view! {
        <div class=format!("decision {tone}") data-testid="csv-decision" data-accepted=report.accepted.to_string()>
            <div class="decision-symbol" aria-hidden="true">{symbol}</div>
            <div class="decision-text">
                <h3 class="decision-title">{crate::prose::prose(&headline)}</h3>
                {cleared}
                <p>"Decided under "<RuleRef rule=provisim_core::rules::CSV_04/></p>
            </div>
        </div>
        {warning_list_as(&report.warnings, "csv-warnings")}
        {errors}
        <section class="outcome-block" aria-label="What changes for each user">
            <h3>"What changes for each user"</h3>
            <div data-testid="csv-users">{users}</div>
        </section>
        <section class="outcome-block" aria-label="The safe CSV">
            <h3>"The safe CSV "<RuleRef rule=provisim_core::rules::CSV_03/></h3>
            <p class="hint">"The upload merged over each user's current settings: it sets what the upload meant to set, and nothing else."</p>
            {safe_block}
        </section>
        <section class="outcome-block" aria-label="Download the results">
            <h3>"Results"</h3>
            <div class="toolbar-buttons">
                <DownloadButton label="Download results (JSON)" testid="csv-download-json" file_name="provisim-csv-results.json".to_string()
                    mime="application/json" make=Callback::new(move |()| json.clone())/>
                <DownloadButton label="Download changes (CSV)" testid="csv-download-csv" file_name="provisim-csv-changes.csv".to_string()
                    mime="text/csv" make=Callback::new(move |()| changes_csv.clone())/>
            </div>
            {workbench::steps_list(&report.trace, "csv-trace")}
        </section>
    }
}

/// The decision's symbol, tone and headline: an upload Zoom takes that clears settings is a
/// warning, headed by what it clears (CSV-02), not a success.
pub fn headline(report: &CsvReport) -> (&'static str, &'static str, String) {
    if !report.accepted {
        (
            "✕",
            "refused",
            format!(
                "Zoom rejects the whole upload: {}",
                count(
                    report.errors.len() as u64,
                    "invalid field",
                    "invalid fields"
                )
            ),
        )
    } else if report.cleared > 0 {
        (
            "!",
            "warn",
            format!(
                "This upload clears {} for {}",
                count(report.cleared, "setting", "settings"),
                count(report.users_with_cleared, "user", "users")
            ),
        )
    } else if report.rows == 0 {
        (
            "…",
            "neutral",
            "Nothing to check yet: the upload has no user rows. Add a row under the header, or open a CSV file".to_string(),
        )
    } else {
        (
            "✓",
            "ok",
            format!(
                "Zoom takes this upload: {}",
                count(report.rows, "user", "users")
            ),
        )
    }
}

fn user_view(user: &CsvUser) -> impl IntoView {
    let rows = user
        .changes
        .iter()
        .map(|c| {
            view! {
                <tr data-column=c.column class:cleared=c.cleared data-cleared=c.cleared.to_string()>
                    <th scope="row" data-label="Column">{c.column}</th>
                    <td class="before" data-label="Before">{if c.before.is_empty() { "—".to_string() } else { c.before.clone() }}</td>
                    <td class="arrow" aria-hidden="true">"→"</td>
                    <td class="after" data-label="After">
                        {if c.after.is_empty() { "—".to_string() } else { c.after.clone() }}
                        {c.cleared.then(|| view! { " "<span class="badge bad">"∅ cleared"</span> })}
                    </td>
                    <td data-label="Rule"><RuleRef rule=c.rule/></td>
                </tr>
            }
        })
        .collect_view();
    let state = if user.existed {
        "existing user"
    } else {
        "new user: the upload adds them"
    };
    view! {
        <article class="csv-user" data-testid=format!("csv-user-{}", user.row) data-email=user.email.clone()>
            <h4>{format!("Row {}: {} ", user.row, user.email)}<span class="hint">{format!("({state})")}</span></h4>
            {if user.changes.is_empty() {
                view! { <p class="nothing">"Nothing changes."</p> }.into_any()
            } else {
                view! {
                    <table class="data changes stack">
                        <thead><tr><th scope="col">"Column"</th><th scope="col">"Before"</th><th scope="col"><span class="sr-only">"becomes"</span></th><th scope="col">"After"</th><th scope="col">"Rule"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }.into_any()
            }}
        </article>
    }
}

/// Every change as a CSV row: row, email, column, before, after, cleared.
pub fn changes_csv(users: &[CsvUser]) -> String {
    let mut out = String::from("row,email,column,before,after,cleared\n");
    for user in users {
        for c in &user.changes {
            let cells = [
                user.row.to_string(),
                csv_cell(&user.email),
                csv_cell(c.column),
                csv_cell(&c.before),
                csv_cell(&c.after),
                c.cleared.to_string(),
            ];
            out.push_str(&cells.join(","));
            out.push('\n');
        }
    }
    out
}
