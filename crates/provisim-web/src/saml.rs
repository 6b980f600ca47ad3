//! The SAML sign-in workbench: the scenario held as JSON text (the source of truth), edited through
//! a form or the raw JSON, and the outcome recomputed on every change.

use leptos::prelude::*;
use provisim_core::input::InputError;
use provisim_core::scenario::Scenario;

use crate::document::{self, Parsed};
use crate::editor::ScenarioForm;
use crate::json_editor::JsonEditor;
use crate::outcome::{self, Outcome};
use crate::received::ResponseEditor;
use crate::route::Route;
use crate::toolbar::ScenarioToolbar;
use crate::trace::OutcomeView;

/// Where the workbench autosaves its scenario.
pub const STORAGE_KEY: &str = "provisim.saml.scenario";

/// The outcome on show: fresh, or the last one computed while the text has errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub result: Result<Outcome, InputError>,
    pub stale: bool,
}

/// What replaced the scenario (an example, an import, a shared link), and the text it replaced, so
/// that nothing typed is lost to a click.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced {
    pub what: String,
    pub previous: String,
}

/// The workbench's state: the text, what it parses to, and the outcome.
#[derive(Clone, Copy, Debug)]
pub struct SamlDoc {
    pub text: RwSignal<String>,
    pub parsed: Memo<Parsed>,
    /// The last scenario whose shape was right: what the form shows (disabled while the JSON is
    /// malformed).
    pub draft: Memo<Option<Scenario>>,
    pub shown: Memo<Option<Shown>>,
    pub replaced: RwSignal<Option<Replaced>>,
}

impl SamlDoc {
    pub fn new(text: String) -> Self {
        let text = RwSignal::new(text);
        let parsed = Memo::new(move |_| text.with(|t| document::parse(t)));
        let draft = Memo::new(move |previous: Option<&Option<Scenario>>| {
            parsed
                .with(|p| p.draft.clone())
                .or_else(|| previous.cloned().flatten())
        });
        let shown = Memo::new(move |previous: Option<&Option<Shown>>| {
            parsed.with(|p| match &p.draft {
                Some(scenario) if p.errors.is_empty() => Some(Shown {
                    result: outcome::simulate(scenario),
                    stale: false,
                }),
                _ => previous.cloned().flatten().map(|mut s| {
                    s.stale = true;
                    s
                }),
            })
        });
        Self {
            text,
            parsed,
            draft,
            shown,
            replaced: RwSignal::new(None),
        }
    }

    /// Applies a form edit to the scenario and writes it back as text; `false` (nothing done)
    /// while the text is not a scenario.
    pub fn edit(&self, change: impl FnOnce(&mut Scenario)) -> bool {
        let Some(mut scenario) = self.parsed.with_untracked(|p| p.draft.clone()) else {
            return false;
        };
        change(&mut scenario);
        self.text.set(document::to_text(&scenario));
        true
    }

    /// Replaces the whole text, keeping the one it replaces to switch back to.
    pub fn replace(&self, text: String, what: impl Into<String>) {
        let previous = self.text.get_untracked();
        if previous == text {
            return;
        }
        self.replaced.set(Some(Replaced {
            what: what.into(),
            previous,
        }));
        self.text.set(text);
    }

    /// Swaps the text and the one it replaced.
    pub fn switch_back(&self) {
        let Some(replaced) = self.replaced.get_untracked() else {
            return;
        };
        let current = self.text.get_untracked();
        self.text.set(replaced.previous);
        self.replaced.set(Some(Replaced {
            what: "Your previous scenario is back".to_string(),
            previous: current,
        }));
    }
}

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
pub fn SamlWorkbench(doc: SamlDoc) -> impl IntoView {
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
        file_name(&title)
    });
    let on_import = Callback::new(move |text: String| {
        let text = document::scenario_text(&text);
        let valid = document::parse(&text).is_valid();
        doc.replace(text, "Imported a scenario file");
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
    let problem_count = move || doc.parsed.with(|p| p.errors.len());
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
            <crate::workbench::ReplacedNotice what=Signal::derive(move || doc.replaced.with(|r| r.as_ref().map(|r| r.what.clone())))
                on_back=Callback::new(move |()| doc.switch_back()) on_dismiss=Callback::new(move |()| doc.replaced.set(None))/>
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
                <div class="panel outcome-panel" aria-labelledby="outcome-title">
                    <div class="panel-head"><h2 id="outcome-title">"Outcome"</h2></div>
                    <OutcomePanel doc=doc expanded=expanded/>
                    <div class="toolbar-buttons">
                        <crate::workbench::DownloadButton label="Download the outcome (JSON)" testid="saml-download-json"
                            file_name="provisim-sign-in.json".to_string() mime="application/json"
                            make=Callback::new(move |()| {
                                let answer = doc.text.with_untracked(|t| provisim_core::api::simulate_sign_in(t));
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
pub fn OutcomePanel(doc: SamlDoc, expanded: crate::trace::Expanded) -> impl IntoView {
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
                    <p><strong>"Nothing to simulate yet."</strong>" "{error.message}</p>
                    <p class="hint">{error.help.unwrap_or_default()}</p>
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

/// A file name for the exported scenario, from its title.
pub fn file_name(title: &str) -> String {
    let slug: String = title
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .take(8)
        .collect::<Vec<_>>()
        .join("-");
    if slug.is_empty() {
        "provisim-saml-scenario.json".to_string()
    } else {
        format!("provisim-{slug}.json")
    }
}
