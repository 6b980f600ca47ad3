//! The configuration's traps, beside the editor: `provisim_core::lint` over the scenario as it is
//! typed (a rule that can never match, a section that does nothing, a pool that locks agents out),
//! each with what to do, its line in the JSON editor and its rule.

use leptos::prelude::*;
use provisim_core::lint::{self, Finding, Severity};
use provisim_core::scenario::Scenario;

use crate::rule_ref::RuleRef;

/// The findings of a scenario; none while it cannot be read.
pub fn of(scenario: Option<&Scenario>) -> Vec<Finding> {
    scenario.map(lint::lint).unwrap_or_default()
}

/// What a severity is called where a person reads it.
fn label(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Trap",
        Severity::Warning => "Watch out",
        Severity::Info => "Note",
    }
}

/// The findings, or a line saying there are none. `text` is the JSON editor's text (to find each
/// finding's line); `show_json` switches to the JSON editor where the workbench has a form.
#[component]
pub fn Findings(
    #[prop(into)] findings: Signal<Vec<Finding>>,
    #[prop(into)] text: Signal<String>,
    #[prop(optional)] show_json: Option<Callback<()>>,
) -> impl IntoView {
    let summary = move || {
        findings.with(|f| {
            let traps = f.iter().filter(|f| f.severity == Severity::Error).count();
            let watch = f.iter().filter(|f| f.severity == Severity::Warning).count();
            let notes = f.len() - traps - watch;
            if f.is_empty() {
                return "No traps found in this configuration.".to_string();
            }
            let mut parts = Vec::new();
            for (n, one, many) in [
                (traps, "trap", "traps"),
                (watch, "thing to watch", "things to watch"),
                (notes, "note", "notes"),
            ] {
                if n > 0 {
                    parts.push(format!("{n} {}", if n == 1 { one } else { many }));
                }
            }
            format!("Checked before any sign-in: {}.", parts.join(", "))
        })
    };
    let items = move || {
        findings.with(|findings| {
            findings
                .iter()
                .map(|f| {
                    let line = text.with(|t| crate::locate::locate(t, &f.pointer)).map(|(l, _)| l);
                    let severity = f.severity;
                    let go = move |_| {
                        if let Some(show) = show_json {
                            show.run(());
                        }
                        if let Some(l) = line {
                            crate::json_editor::select_line_later(l);
                        }
                    };
                    view! {
                        <li class=format!("finding {}", severity.key()) data-testid="finding"
                            data-rule=f.rule data-severity=severity.key()>
                            <p class="finding-message">
                                <span class="finding-kind">{label(severity)}": "</span>{crate::prose::prose(&f.message)}
                            </p>
                            <p class="help">"To fix: "{crate::prose::prose(&f.fix)}</p>
                            <p class="finding-where">
                                {line.map(|l| view! {
                                    <button type="button" class="link" data-testid="finding-location" on:click=go>
                                        {format!("Line {l}")}
                                    </button>" · "
                                })}
                                <RuleRef rule=f.rule/>
                            </p>
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="findings" aria-labelledby="findings-title" data-testid="findings">
            <h3 id="findings-title">"Configuration checks"</h3>
            <p class="hint" aria-live="polite" data-testid="findings-summary">{summary}</p>
            <ul class="finding-list">{items}</ul>
        </section>
    }
}
