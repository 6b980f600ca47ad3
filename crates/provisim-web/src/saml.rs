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

/// A row of the sign-in's attributes in the form: a stable id (the row keeps its place and its
/// fields while its name is edited), the name it has in the scenario, and the name typed in its
/// field, which differs while the scenario cannot take it (empty, or another attribute's name).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttributeRow {
    pub id: u32,
    pub key: String,
    pub typed: String,
}

impl AttributeRow {
    /// Whether the name typed is not the one simulated.
    pub fn pending(&self) -> bool {
        self.typed.trim() != self.key
    }
}

/// The form's attribute rows for the scenario's attribute `names`: the rows kept (in their order,
/// with their ids and typed names) whose name the scenario still has, then a row for each name
/// no row has (in the scenario's order), with new ids.
pub fn reconcile_rows(rows: &[AttributeRow], names: &[String]) -> Vec<AttributeRow> {
    let mut out: Vec<AttributeRow> = rows
        .iter()
        .filter(|r| names.contains(&r.key))
        .cloned()
        .collect();
    let mut next = rows.iter().map(|r| r.id + 1).max().unwrap_or(0);
    for name in names {
        if !out.iter().any(|r| r.key == *name) {
            out.push(AttributeRow {
                id: next,
                key: name.clone(),
                typed: name.clone(),
            });
            next += 1;
        }
    }
    out
}

/// Why a row's typed name cannot be used, and what to type; `None` when it is the one simulated.
pub fn row_problem(rows: &[AttributeRow], row: &AttributeRow) -> Option<String> {
    if !row.pending() {
        return None;
    }
    let typed = row.typed.trim();
    Some(if typed.is_empty() {
        "This name is empty: type the attribute's name as the IdP sends it.".to_string()
    } else if rows.iter().any(|r| r.id != row.id && r.key == typed) {
        format!("Another attribute is already named “{typed}”: type a name no other attribute has.")
    } else {
        "Not used yet: the scenario's JSON has a problem to fix first.".to_string()
    })
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
    /// The attribute rows as last edited in the form (see `attribute_rows`).
    pub stored_rows: RwSignal<Vec<AttributeRow>>,
    /// The form's attribute rows: the stored ones reconciled with the scenario's names.
    pub attribute_rows: Memo<Vec<AttributeRow>>,
    /// The ids of the form's fields that hold a value the simulator cannot use (a half-typed
    /// number, say), besides the attribute rows.
    pub invalid_fields: RwSignal<std::collections::BTreeSet<String>>,
    /// How many values of the form the simulator cannot use: while there is one, the outcome on
    /// show is out of date.
    pub form_problems: Memo<usize>,
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
        let stored_rows = RwSignal::new(Vec::<AttributeRow>::new());
        let names = Memo::new(move |_| {
            draft.with(|d| {
                d.as_ref()
                    .and_then(|s| s.saml.as_ref())
                    .map(|i| i.attributes.keys().cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
            })
        });
        let attribute_rows =
            Memo::new(move |_| stored_rows.with(|rows| names.with(|n| reconcile_rows(rows, n))));
        let invalid_fields = RwSignal::new(std::collections::BTreeSet::new());
        let form_problems = Memo::new(move |_| {
            attribute_rows.with(|rows| rows.iter().filter(|r| r.pending()).count())
                + invalid_fields.with(|f| f.len())
        });
        let shown = Memo::new(move |previous: Option<&Option<Shown>>| {
            let pending = form_problems.get() > 0;
            parsed.with(|p| match &p.draft {
                Some(scenario) if p.errors.is_empty() && !pending => Some(Shown {
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
            stored_rows,
            attribute_rows,
            invalid_fields,
            form_problems,
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
        // A name half-typed over the replaced scenario's attributes is not carried over.
        self.stored_rows.set(Vec::new());
        self.text.set(text);
    }

    /// Swaps the text and the one it replaced.
    pub fn switch_back(&self) {
        let Some(replaced) = self.replaced.get_untracked() else {
            return;
        };
        let current = self.text.get_untracked();
        self.stored_rows.set(Vec::new());
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
                <div class="panel outcome-panel" id="outcome" tabindex="-1" aria-labelledby="outcome-title">
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
