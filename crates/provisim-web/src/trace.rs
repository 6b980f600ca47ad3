//! The result view of a SAML simulation: per sign-in, the decision, what changes (before → after),
//! the warnings with what to do, and the trace of every section with every rule tried and why;
//! then the settings in force and the user at the end.

use leptos::prelude::*;
use provisim_core::explain::Warning;
use provisim_core::model::Change;
use serde_json::Value;
use std::collections::BTreeSet;

use crate::outcome;
use crate::rule_ref::RuleRef;
use provisim_core::saml::engine::SectionStatus;
use provisim_core::saml::report::{Outcome, SectionOutcome, SignInOutcome};

/// Which trace sections the admin opened or closed against their default, by `sign-in/section`,
/// kept outside the view so that the outcome can recompute on every keystroke without closing them.
pub type Expanded = RwSignal<BTreeSet<String>>;

/// The whole outcome.
#[component]
pub fn OutcomeView(outcome: Outcome, expanded: Expanded) -> impl IntoView {
    let total = outcome.sign_ins.len();
    // The notes on the scenario itself (the old WFM form, LIC-08): each sign-in shows its own.
    let general: Vec<Warning> = outcome
        .warnings
        .iter()
        .filter(|w| !outcome.sign_ins.iter().any(|s| s.warnings.contains(w)))
        .cloned()
        .collect();
    let sign_ins = outcome
        .sign_ins
        .into_iter()
        .map(|s| view! { <SignInCard sign_in=s total=total expanded=expanded/> })
        .collect_view();
    let settings = outcome
        .settings
        .into_iter()
        .map(|s| {
            let state = if s.default { "default" } else { "changed" };
            view! {
                <tr data-setting=s.name>
                    <th scope="row">{crate::document::setting_label(s.name)}</th>
                    <td>{crate::document::setting_value_words(s.name, &s.value)}</td>
                    <td><RuleRef rule=s.rule/></td>
                    <td class=format!("setting-state {state}")>{state}</td>
                </tr>
            }
        })
        .collect_view();
    let user = outcome
        .user
        .as_ref()
        .and_then(|u| serde_json::to_string_pretty(u).ok());
    view! {
        {warning_list_as(&general, "scenario-warnings")}
        <div class="sign-ins">{sign_ins}</div>
        <section class="outcome-block" aria-labelledby="settings-in-force">
            <h3 id="settings-in-force">"Settings in force"</h3>
            <p class="hint">"Each decides an Assumption or a Conflict of the rule it names; change them in the form's Settings."</p>
            <table class="data settings-table" data-testid="settings-in-force">
                <thead><tr><th scope="col">"Setting"</th><th scope="col">"Value"</th><th scope="col">"Rule"</th><th scope="col">"State"</th></tr></thead>
                <tbody>{settings}</tbody>
            </table>
        </section>
        <details class="outcome-block final-user" data-testid="final-user">
            <summary>{if total > 1 { format!("The user after sign-in {total}") } else { "The user after the sign-in".to_string() }}</summary>
            {match user {
                Some(json) => view! { <pre class="code" tabindex="0">{json}</pre> }.into_any(),
                None => view! { <p>"No account exists: the sign-in was refused before the user was created."</p> }.into_any(),
            }}
        </details>
    }
}

/// One sign-in: its decision banner, warnings, changes and trace.
#[component]
pub fn SignInCard(sign_in: SignInOutcome, total: usize, expanded: Expanded) -> impl IntoView {
    let n = sign_in.number;
    let d = &sign_in.decision;
    let ordinal = if total > 1 {
        format!("Sign-in {n} of {total}")
    } else {
        "Sign-in".to_string()
    };
    let (symbol, tone, headline) = if d.signed_in {
        let place = match d.account.as_deref() {
            Some("primary") | None => "the primary account".to_string(),
            Some(sub) => format!("sub-account `{sub}`"),
        };
        let created = if d.created {
            " · the user is created"
        } else {
            ""
        };
        ("✓", "ok", format!("Signed in to {place}{created}"))
    } else {
        ("✕", "refused", format!("Refused by {}", d.rule))
    };
    let decided_by = d.section.map(|section| {
        let label = sign_in
            .sections
            .iter()
            .find(|s| s.section == section)
            .map(|s| s.label)
            .unwrap_or("");
        match d.rule_index {
            Some(i) => format!("Decided by {label}, rule #{}.", i + 1),
            None => format!("Decided in {label}."),
        }
    });
    // The headline already says what the engine's message says when the user signs in; a
    // refusal's message is the reason, worth its own line.
    let detail = if d.signed_in {
        "Decided under".to_string()
    } else {
        d.message.clone()
    };
    let rule = d.rule;
    let signed_in = d.signed_in;
    let warnings = warning_list(&sign_in.warnings);
    let received = sign_in.received.as_ref().map(|r| {
        let view = crate::received::received_view(r);
        view! {
            <details class="outcome-block received-block" data-testid=format!("received-{n}")>
                <summary><h4>"What Zoom received"</h4></summary>
                {view}
            </details>
        }
    });
    let changes = changes_table(&sign_in.changes, signed_in);
    let steps = sign_in
        .steps
        .iter()
        .map(|s| view! { <li><RuleRef rule=s.rule/>" "<span>{crate::prose::prose(&s.message)}</span></li> })
        .collect_view();
    let sections = if sign_in.sections.is_empty() {
        view! { <p class="hint">"No Advanced mapping section is configured."</p> }.into_any()
    } else {
        sign_in
            .sections
            .into_iter()
            .map(|s| view! { <SectionTraceView number=n section=s expanded=expanded/> })
            .collect_view()
            .into_any()
    };
    view! {
        <article class="sign-in" data-testid=format!("sign-in-{n}") aria-labelledby=format!("sign-in-{n}-title")>
            <div class=format!("decision {tone}") data-testid=format!("decision-{n}") data-signed-in=signed_in.to_string()>
                <span class="decision-symbol" aria-hidden="true">{symbol}</span>
                <div class="decision-text">
                    <p class="eyebrow">{ordinal}</p>
                    <h3 id=format!("sign-in-{n}-title") class="decision-title">{crate::prose::prose(&headline)}</h3>
                    <p>{crate::prose::prose(&detail)}" "<RuleRef rule=rule/></p>
                    {decided_by.map(|t| view! { <p class="hint">{t}</p> })}
                </div>
            </div>
            {warnings}
            {received}
            <section class="outcome-block" aria-label=format!("Changes of sign-in {n}")>
                <h4>"What changes"</h4>
                {changes}
            </section>
            <section class="outcome-block" aria-label=format!("Trace of sign-in {n}")>
                <h4>"How it was decided"</h4>
                <ol class="steps">{steps}</ol>
                <div class="trace" data-testid=format!("trace-{n}")>{sections}</div>
            </section>
        </article>
    }
}

/// The warnings, each with what to do; nothing when there are none.
pub fn warning_list(warnings: &[Warning]) -> impl IntoView {
    warning_list_as(warnings, "saml-warnings")
}

/// [`warning_list`] with the list's test id.
pub fn warning_list_as(warnings: &[Warning], testid: &'static str) -> impl IntoView {
    (!warnings.is_empty()).then(|| {
        let items = warnings
            .iter()
            .map(|w| {
                view! {
                    <li class="warning" data-rule=w.rule>
                        <p class="warning-message"><span class="warning-symbol" aria-hidden="true">"⚠ "</span><RuleRef rule=w.rule/>" "{crate::prose::prose(&w.message)}</p>
                        <p class="help"><strong>"What to do: "</strong>{crate::prose::prose(&w.help)}</p>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="outcome-block">
                <h4>"Warnings"</h4>
                <ul class="warnings" data-testid=testid>{items}</ul>
            </section>
        }
    })
}

/// A JSON value as a table cell: absent is a dash, text as is, the rest as compact JSON.
pub fn cell(value: &Value) -> String {
    match value {
        Value::Null => "—".to_string(),
        Value::String(s) => s.clone(),
        Value::Bool(true) => "yes".to_string(),
        Value::Bool(false) => "no".to_string(),
        Value::Array(a) if a.is_empty() => "(none)".to_string(),
        Value::Array(a) if a.iter().all(Value::is_string) => a
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    }
}

/// Whether a change empties a field that held something: the trap admins miss (a CSV or a
/// mapping that wipes a license, groups or queues), so the table marks it in words too.
pub fn is_cleared(before: &Value, after: &Value) -> bool {
    let empty = |v: &Value| match v {
        Value::Null => true,
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
        _ => false,
    };
    !empty(before) && empty(after)
}

/// Before → after, field by field, cleared fields marked in words and colour.
pub fn changes_table(changes: &[Change], signed_in: bool) -> impl IntoView {
    changes_table_or(
        changes,
        if signed_in {
            "Nothing changes."
        } else {
            "Nothing changes: the sign-in is refused."
        },
    )
}

/// [`changes_table`], saying `nothing` when there is no change.
pub fn changes_table_or(changes: &[Change], nothing: &'static str) -> AnyView {
    if changes.is_empty() {
        return view! { <p class="nothing" data-testid="no-changes">{nothing}</p> }.into_any();
    }
    let rows = changes
        .iter()
        .map(|c| {
            let cleared = is_cleared(&c.before, &c.after);
            view! {
                <tr data-field=c.field.clone() class:cleared=cleared data-cleared=cleared.to_string()>
                    <th scope="row"><code>{c.field.clone()}</code></th>
                    <td class="before">{cell(&c.before)}</td>
                    <td class="arrow" aria-hidden="true">"→"</td>
                    <td class="after">
                        {cell(&c.after)}
                        {cleared.then(|| view! { " "<span class="badge bad">"∅ cleared"</span> })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="data changes" data-testid="changes">
            <thead><tr><th scope="col">"Field"</th><th scope="col">"Before"</th><th scope="col"><span class="sr-only">"becomes"</span></th><th scope="col">"After"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Sections that did something are open by default; the rest closed.
fn open_by_default(status: SectionStatus) -> bool {
    matches!(
        status,
        SectionStatus::Applied | SectionStatus::Blocked | SectionStatus::NoMatch
    )
}

/// One section of the trace: a `<details>` with its status, and every rule with its status and
/// reason.
#[component]
pub fn SectionTraceView(number: u32, section: SectionOutcome, expanded: Expanded) -> impl IntoView {
    let key = section.section.key();
    let id = format!("{number}/{key}");
    let default_open = open_by_default(section.status);
    let open = {
        let id = id.clone();
        move || default_open != expanded.with(|e| e.contains(&id))
    };
    let on_toggle = move |ev: web_sys::Event| {
        let Some(target) = ev.target() else { return };
        let is_open =
            wasm_bindgen::JsCast::unchecked_into::<web_sys::Element>(target).has_attribute("open");
        let flipped = is_open != default_open;
        expanded.update(|e| {
            if flipped {
                e.insert(id.clone());
            } else {
                e.remove(&id);
            }
        });
    };
    let (symbol, words, tone) = outcome::section_status(section.status);
    let status_key = outcome::status_key(&section.status);
    let rows = if section.rules.is_empty() {
        view! { <p class="hint">"This section has no rules."</p> }.into_any()
    } else {
        let rows = section
            .rules
            .into_iter()
            .map(|r| {
                let (symbol, words, tone) = outcome::rule_status(r.status);
                view! {
                    <tr class=format!("rule-trace {tone}") data-testid=format!("trace-{number}-{key}-rule-{}", r.index)
                        data-status=outcome::status_key(&r.status)>
                        <td class="num">{format!("#{}", r.index + 1)}</td>
                        <td class="rule-said">
                            <code>{r.attribute}</code>" contains "<code>{r.value}</code>
                            <span class="rule-result">"→ "{r.result}</span>
                        </td>
                        <td class="status-cell"><span class=format!("badge {tone}")><span aria-hidden="true">{symbol}" "</span>{words}</span></td>
                        <td class="reason">{crate::prose::prose(&r.reason)}" "<RuleRef rule=r.rule/></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="data rules-trace">
                <thead><tr>
                    <th scope="col">"#"</th><th scope="col">"Rule"</th>
                    <th scope="col">"Status"</th><th scope="col">"Why"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <details class=format!("trace-section {tone}") data-testid=format!("trace-{number}-{key}") data-status=status_key
            prop:open=open on:toggle=on_toggle>
            <summary>
                <span class=format!("badge {tone}")><span aria-hidden="true">{symbol}" "</span>{words}</span>
                <span class="section-name">{section.label}</span>
            </summary>
            <div class="section-body">
                <p>{crate::prose::prose(&section.message)}" "<RuleRef rule=section.rule/></p>
                {rows}
            </div>
        </details>
    }
}
