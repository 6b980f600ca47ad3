//! The SAML sign-in workbench: the scenario held as JSON text (the source of truth), edited through
//! a form or the raw JSON, and the outcome recomputed on every change.

use leptos::prelude::*;

// Named here too (they were defined here first, and the tests import them from here).
use crate::saml_state::SamlState;

use crate::document;
use crate::editor::ScenarioForm;
use crate::json_editor::JsonEditor;
use crate::received::ResponseEditor;
use crate::route::Route;
use crate::saml_state::Shown;
use crate::toolbar::ScenarioToolbar;
use crate::trace::{Expanded, OutcomeView};
use crate::workbench::{DownloadButton, ReplacedNotice};

/// Which editor is on show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditorMode {
    Form,
    Json,
    /// A pasted SAML Response, and what Zoom receives from it.
    Response,
}

/// The SAML sign-in workbench.
#[component]
pub fn SamlWorkbench(doc: SamlState) -> impl IntoView {
    // A scenario that signs in with a pasted Response opens on it.
    let mode = RwSignal::new(
        if doc.draft.with_untracked(|d| {
            d.as_ref()
                .and_then(|s| s.saml.as_ref())
                .is_some_and(|i| i.response.is_some())
        }) {
            EditorMode::Response
        } else {
            EditorMode::Form
        },
    );
    let expanded = RwSignal::new(Default::default());
    let export = Signal::derive(move || Ok::<String, String>(doc.text.get()));
    let file_name = Signal::derive(move || {
        let title = doc
            .draft
            .with(|d| d.as_ref().and_then(|s| s.title.clone()))
            .unwrap_or_default();
        document::file_name(&title)
    });
    let on_import = Callback::new(move |text: String| {
        let text = document::scenario_text(&text);
        let valid = document::parse(&text).is_valid();
        doc.doc.replace("Imported a scenario file", text, None);
        Ok(if valid {
            "Imported: the outcome below is the file's.".to_string()
        } else {
            "Imported, with problems: see the JSON editor.".to_string()
        })
    });
    let mode_button = move |m: EditorMode, label: &'static str, testid: &'static str| {
        view! {
            <button type="button" class="segment" data-testid=testid
                aria-pressed=move || (mode.get() == m).to_string()
                on:click=move |_| mode.set(m)>{label}</button>
        }
    };
    let problem_count = move || doc.parsed.with(|p| p.errors.len()) + doc.form_problems.get();
    let findings = Memo::new(move |_| doc.draft.with(|d| crate::findings::of(d.as_ref())));
    view! {
        <section class="workbench saml" aria-labelledby="saml-title">
            <div class="workbench-head">
                <div>
                    <h1 id="saml-title">"SAML sign-in"</h1>
                    <p class="lede">"What Zoom does when this user signs in through SSO: Basic mapping, then every Advanced section in the fixed order of SAML-02, first match wins."</p>
                </div>
                <ScenarioToolbar route=Route::Saml export=export file_name=file_name on_import=on_import/>
            </div>
            <ReplacedNotice what=Signal::derive(move || doc.doc.replaced.with(|r| r.as_ref().map(|r| r.what.clone())))
                on_back=Callback::new(move |()| doc.doc.switch_back()) on_dismiss=Callback::new(move |()| doc.doc.replaced.set(None))/>
            <div class="split">
                <div class="panel editor-panel">
                    <div class="panel-head">
                        <h2>"Scenario"</h2>
                        <div class="segmented" role="group" aria-label="Editor">
                            {mode_button(EditorMode::Form, "Form", "mode-form")}
                            {mode_button(EditorMode::Json, "JSON", "mode-json")}
                            {mode_button(EditorMode::Response, "SAML Response", "mode-response")}
                        </div>
                    </div>
                    <p class="problem-count" aria-live="polite" data-testid="problem-count">
                        {move || match problem_count() {
                            0 => view! { <span class="ok-text">"✓ Valid scenario"</span> }.into_any(),
                            1 => view! { <span class="bad-text">"✕ 1 problem"</span> }.into_any(),
                            n => view! { <span class="bad-text">{format!("✕ {n} problems")}</span> }.into_any(),
                        }}
                    </p>
                    <crate::findings::Findings findings=findings text=doc.text
                        show_json=Callback::new(move |()| mode.set(EditorMode::Json))/>
                    {move || match mode.get() {
                        EditorMode::Form => view! { <ScenarioForm doc=doc show_json=Callback::new(move |()| mode.set(EditorMode::Json))/> }.into_any(),
                        EditorMode::Json => view! { <JsonEditor text=doc.text errors=Signal::derive(move || doc.parsed.with(|p| p.errors.clone()))/> }.into_any(),
                        EditorMode::Response => view! { <ResponseEditor doc=doc/> }.into_any(),
                    }}
                </div>
                <div class="panel outcome-panel" id="outcome" tabindex="-1" aria-labelledby="outcome-title">
                    <div class="panel-head"><h2 id="outcome-title">"Outcome"</h2></div>
                    <OutcomePanel doc=doc expanded=expanded/>
                    <div class="toolbar-buttons">
                        <DownloadButton label="Download the outcome (JSON)" testid="saml-download-json"
                            file_name="provisim-sign-in.json".to_string() mime="application/json"
                            make=Callback::new(move |()| {
                                let answer = doc.text.with_untracked(|t| provisim_core::api::call("simulateSignIn", t));
                                serde_json::to_string_pretty(&answer).unwrap_or_default()
                            })/>
                    </div>
                </div>
            </div>
        </section>
    }
}

/// The outcome, or why there is none.
#[component]
pub fn OutcomePanel(doc: SamlState, expanded: Expanded) -> impl IntoView {
    let summary = move || {
        doc.shown.with(|s| match s {
            Some(Shown {
                result: Ok(outcome),
                stale,
            }) => {
                let last = outcome.sign_ins.last();
                let decision = last
                    .map(|s| {
                        if s.decision.signed_in {
                            format!("signed in ({} changes)", s.changes.len())
                        } else {
                            format!("refused by {}", s.decision.rule)
                        }
                    })
                    .unwrap_or_default();
                format!(
                    "{}Last sign-in {decision}; {} warnings.",
                    if *stale { "Out of date. " } else { "" },
                    outcome.warnings.len()
                )
            }
            Some(Shown { result: Err(_), .. }) => "No sign-in to simulate.".to_string(),
            None => "No outcome: the scenario has problems.".to_string(),
        })
    };
    view! {
        <p class="sr-only" aria-live="polite" data-testid="outcome-summary">{summary}</p>
        {move || doc.shown.get().map(|s| s.stale).unwrap_or(false).then(|| view! {
            <p class="stale" role="status" data-testid="stale">"⏸ Out of date: this is the outcome of the last valid scenario. Fix the problems to update it."</p>
        })}
        {move || match doc.shown.get() {
            Some(Shown { result: Ok(outcome), stale }) => view! {
                <div class="outcome" class:is-stale=stale data-testid="outcome">
                    <OutcomeView outcome=outcome expanded=expanded/>
                </div>
            }.into_any(),
            Some(Shown { result: Err(error), .. }) => view! {
                <div class="empty-state" data-testid="outcome-none">
                    <p><strong>"Nothing to simulate yet."</strong>" "{crate::prose::prose(&error.message)}</p>
                    <p class="hint">{crate::prose::prose(error.help.as_deref().unwrap_or_default())}</p>
                    <button type="button" class="primary" on:click=move |_| {
                        doc.edit(|s| s.saml = Some(document::empty_sign_in(Some("user@example.com".into()))));
                    }>"Add a sign-in"</button>
                </div>
            }.into_any(),
            None => view! {
                <div class="empty-state" data-testid="outcome-none">
                    <p><strong>"No outcome yet."</strong>" Fix the problems listed with the scenario to see what Zoom would do."</p>
                </div>
            }.into_any(),
        }}
    }
}
