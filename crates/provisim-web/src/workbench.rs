//! The web app's one document model and what the workbenches share: every workbench's scenario is
//! a [`Doc`], text in two parts (the scenario's JSON, and the file it acts on: an upload, a session
//! log, a directory; SAML and SCIM have none), autosaved, replaced by examples, imports and share
//! links with the previous one kept; how the two parts combine into one scenario for the engine,
//! export and share links; and the panels around them.

use leptos::prelude::*;
use provisim_core::input::InputError;
use serde_json::{Map, Value};

use crate::browser;
use crate::document;
use crate::locate;
use crate::route::Route;

/// The workbenches whose scenario is a [`Doc`] (all but the seat planner, a form of its own).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Saml,
    Scim,
    Csv,
    Concurrency,
    Batch,
}

/// Where the second part (the file) goes in the combined scenario: `object.field` (an empty object
/// name: the top level).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot {
    pub object: &'static str,
    pub field: &'static str,
}

impl Kind {
    pub fn route(self) -> Route {
        match self {
            Kind::Saml => Route::Saml,
            Kind::Scim => Route::Scim,
            Kind::Csv => Route::Csv,
            Kind::Concurrency => Route::Concurrency,
            Kind::Batch => Route::Batch,
        }
    }

    /// The file part's place in the combined document; `None`: the scenario is the whole input.
    pub fn slot(self) -> Option<Slot> {
        match self {
            Kind::Saml | Kind::Scim => None,
            Kind::Csv => Some(Slot {
                object: "csv",
                field: "text",
            }),
            Kind::Concurrency => Some(Slot {
                object: "",
                field: "sessions",
            }),
            Kind::Batch => Some(Slot {
                object: "batch",
                field: "users",
            }),
        }
    }

    /// The JSON pointer of the file part in the combined document.
    pub fn pointer(self) -> Option<String> {
        self.slot().map(|s| {
            if s.object.is_empty() {
                format!("/{}", s.field)
            } else {
                format!("/{}/{}", s.object, s.field)
            }
        })
    }

    /// Where the workbench autosaves: the scenario, and the file part.
    pub fn storage_keys(self) -> (String, String) {
        let name = self.route().path();
        (
            format!("provisim.{name}.scenario"),
            format!("provisim.{name}.input"),
        )
    }

    /// What the file part is, in the words of the panel that edits it.
    pub fn input_label(self) -> &'static str {
        match self {
            Kind::Saml | Kind::Scim => "",
            Kind::Csv => "The bulk CSV upload",
            Kind::Concurrency => "The session log (CSV: user,start,end)",
            Kind::Batch => "The directory (CSV: name_id and one column per attribute)",
        }
    }

    /// What the JSON editor holds, beyond its label.
    pub fn json_hint(self) -> &'static str {
        match self {
            Kind::Saml => "The form edits this text: either one is the scenario.",
            Kind::Scim => "Requests run in order against the directory; the buttons above add one.",
            Kind::Csv => "The upload itself is in the box below; `csv.value_separator` sets what separates values in one cell (default `;`).",
            Kind::Concurrency => "The fields above edit this text; the session log is in the box below.",
            Kind::Batch => "Build the rules in the SAML workbench's form and copy its JSON here, or edit them here; the directory is in the box below.",
        }
    }

    /// The label of the JSON editor.
    pub fn json_label(self) -> &'static str {
        match self {
            Kind::Saml => "The scenario as JSON: account, SSO mapping, settings and the sign-in",
            Kind::Scim => {
                "The scenario as JSON: account, directory, settings and the SCIM requests"
            }
            Kind::Csv => {
                "The scenario as JSON: account, settings and the current users (directory)"
            }
            Kind::Concurrency => "The pool as JSON: pool size and grace period",
            Kind::Batch => "The scenario as JSON: account, SAML rules, settings and pools (batch)",
        }
    }
}

/// The largest file a workbench reads (a batch of a few hundred thousand users).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The largest file part the configuration checks read with the scenario.
const MAX_LINTED_INPUT_BYTES: usize = 256 * 1024;

/// The largest file part autosaved (local storage holds a few megabytes in all).
pub const MAX_AUTOSAVE_BYTES: usize = 1024 * 1024;

/// How [`combine`] begins the message of a syntax error of the scenario text (located in that
/// text, unlike the engine's errors).
pub const MALFORMED: &str = "the JSON is malformed";

/// Puts the file part into the scenario: the text the engine reads, exports and share links hold.
/// The scenario must be a JSON object; an empty file part leaves a value the scenario gives there
/// (e.g. a batch whose users are a JSON list) in place. A scenario without a file part (SAML,
/// SCIM) is its own text, as written.
pub fn combine(kind: Kind, scenario: &str, input: &str) -> Result<String, InputError> {
    let mut value: Value = serde_json::from_str(scenario).map_err(|e| {
        let mut error = InputError::new("", format!("{MALFORMED}: {e}"));
        error.line = Some(e.line());
        error.column = Some(e.column());
        error
    })?;
    let Value::Object(root) = &mut value else {
        return Err(InputError::new(
            "",
            "the scenario must be a JSON object `{…}`",
        ));
    };
    let Some(slot) = kind.slot() else {
        return Ok(scenario.to_string());
    };
    let target: &mut Map<String, Value> = if slot.object.is_empty() {
        root
    } else {
        let entry = root
            .entry(slot.object)
            .or_insert_with(|| Value::Object(Map::new()));
        match entry {
            Value::Object(object) => object,
            _ => {
                return Err(InputError::new(
                    format!("/{}", slot.object),
                    format!("`{}` must be an object", slot.object),
                ))
            }
        }
    };
    if !input.is_empty() || !target.contains_key(slot.field) {
        target.insert(slot.field.to_string(), Value::String(input.to_string()));
    }
    serde_json::to_string_pretty(&value)
        .map(|mut text| {
            text.push('\n');
            text
        })
        .map_err(|e| InputError::new("", format!("the scenario cannot be written: {e}")))
}

/// Splits a file (a scenario, or a test case whose `input` is one) into its two parts: the
/// scenario without the file part, and the file part when it is text. A file that is not a JSON
/// object stays whole in the scenario part, for the JSON editor to show what is wrong; so does a
/// scenario without a file part (SAML, SCIM), as it was written.
pub fn split(kind: Kind, file: &str) -> (String, Option<String>) {
    let text = document::scenario_text(file);
    let Ok(Value::Object(mut root)) = serde_json::from_str::<Value>(&text) else {
        return (text, None);
    };
    if kind.slot().is_none() && !root.contains_key("call") {
        return (text, None);
    }
    // A test case of `tests/scenarios/` whose input is not a scenario (a capacity input).
    if root.contains_key("call") {
        if let Some(Value::Object(input)) = root.remove("input") {
            root = input;
        }
    }
    let mut input = None;
    if let Some(slot) = kind.slot() {
        let target = if slot.object.is_empty() {
            Some(&mut root)
        } else {
            match root.get_mut(slot.object) {
                Some(Value::Object(object)) => Some(object),
                _ => None,
            }
        };
        if let Some(target) = target {
            if let Some(Value::String(_)) = target.get(slot.field) {
                if let Some(Value::String(s)) = target.remove(slot.field) {
                    input = Some(s);
                }
            }
        }
    }
    let mut pretty = serde_json::to_string_pretty(&Value::Object(root)).unwrap_or(text);
    pretty.push('\n');
    (pretty, input)
}

/// Errors of the combined scenario, sorted by part: those inside the file part (its rows), and
/// the others, located at their line of the scenario text (the editor's, not the combined one).
pub fn sort_errors(
    kind: Kind,
    scenario: &str,
    errors: Vec<InputError>,
) -> (Vec<InputError>, Vec<InputError>) {
    let pointer = kind.pointer();
    let mut in_file = Vec::new();
    let mut in_scenario = Vec::new();
    for mut error in errors {
        let inside = pointer.as_deref().is_some_and(|p| {
            error.path == p
                || error
                    .path
                    .strip_prefix(p)
                    .is_some_and(|rest| rest.starts_with('/'))
        });
        if inside {
            in_file.push(error);
            continue;
        }
        // A line the engine gave is a line of the combined text (the file part put in, the keys
        // reordered), not of the editor's: the error is located again in the editor's text.
        // Only the scenario's own syntax errors (from `combine`) keep theirs.
        if error.line.is_none() || !error.message.starts_with(MALFORMED) {
            let at = locate::locate(scenario, &error.path);
            error.line = at.map(|(line, _)| line);
            error.column = at.map(|(_, column)| column);
        }
        in_scenario.push(error);
    }
    (in_file, in_scenario)
}

/// What replaced a workbench's scenario (an example, an import, a share link, a blank start), and
/// the `previous` value, one click away.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replaced<T = Parts> {
    pub what: String,
    pub previous: T,
}

impl<T> Replaced<T> {
    /// What the notice says after Switch back: `previous` is now what it swapped out.
    pub fn switched_back(previous: T, what: &str) -> Self {
        Self {
            what: what.to_string(),
            previous,
        }
    }
}

/// A document's text: the scenario, and the file part (empty for a workbench without one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parts {
    pub scenario: String,
    pub input: String,
}

/// A workbench's document, autosaved: the one model of every workbench but the seat planner.
#[derive(Clone, Copy, Debug)]
pub struct Doc {
    pub kind: Kind,
    pub scenario: RwSignal<String>,
    pub input: RwSignal<String>,
    pub replaced: RwSignal<Option<Replaced>>,
    /// Counts the times the document was replaced or switched back: state a workbench keeps
    /// beside the text (the SAML form's half-typed attribute names) belongs to one generation.
    pub generation: RwSignal<u64>,
    /// Whether the file part is too large to autosave.
    pub unsaved_input: RwSignal<bool>,
}

impl Doc {
    /// A document opened from a file's text (or a starter), not saved anywhere.
    pub fn new(kind: Kind, file: &str) -> Doc {
        let (scenario, input) = split(kind, file);
        Doc {
            kind,
            scenario: RwSignal::new(scenario),
            input: RwSignal::new(input.unwrap_or_default()),
            replaced: RwSignal::new(None),
            generation: RwSignal::new(0),
            unsaved_input: RwSignal::new(false),
        }
    }

    /// The document as saved in this browser, or the workbench's starter; autosaved from now on.
    pub fn restore(kind: Kind, starter: &str) -> Doc {
        let (scenario_key, input_key) = kind.storage_keys();
        let doc = match browser::load(&scenario_key) {
            Some(scenario) => {
                let doc = Doc::new(kind, "");
                doc.scenario.set(scenario);
                doc.input.set(browser::load(&input_key).unwrap_or_default());
                doc
            }
            None => Doc::new(kind, starter),
        };
        Effect::new(move |_| {
            doc.scenario.with(|text| browser::save(&scenario_key, text));
        });
        if kind.slot().is_some() {
            Effect::new(move |_| {
                let too_large = doc.input.with(|text| {
                    let too_large = text.len() > MAX_AUTOSAVE_BYTES;
                    // Too large: save nothing rather than an older file that does not go with the
                    // scenario.
                    browser::save(&input_key, if too_large { "" } else { text });
                    too_large
                });
                doc.unsaved_input.set(too_large);
            });
        }
        doc
    }

    /// The whole document as one scenario text (what export and share links hold).
    pub fn combined(&self) -> Result<String, InputError> {
        self.scenario
            .with(|s| self.input.with(|i| combine(self.kind, s, i)))
    }

    /// Replaces the document from a file's text, keeping what it replaces to switch back to.
    pub fn open(&self, file: &str, what: impl Into<String>) {
        let (scenario, input) = split(self.kind, file);
        self.replace(what, scenario, input);
    }

    /// Replaces the scenario, and the file part when `input` is given, keeping what they replace
    /// to switch back to: every replacement (an example, an import, a share link, a blank start,
    /// copied rules) goes through here. Nothing happens when nothing would change.
    pub fn replace(&self, what: impl Into<String>, scenario: String, input: Option<String>) {
        let previous = self.parts();
        if previous.scenario == scenario && input.as_ref().is_none_or(|i| *i == previous.input) {
            return;
        }
        self.replaced.set(Some(Replaced {
            what: what.into(),
            previous,
        }));
        self.set(Parts {
            input: input.unwrap_or_else(|| self.input.get_untracked()),
            scenario,
        });
    }

    /// Swaps the document and the one it replaced.
    pub fn switch_back(&self) {
        let Some(replaced) = self.replaced.get_untracked() else {
            return;
        };
        let current = self.parts();
        self.set(replaced.previous);
        self.replaced.set(Some(Replaced::switched_back(
            current,
            "Your previous scenario is back",
        )));
    }

    fn parts(&self) -> Parts {
        Parts {
            scenario: self.scenario.get_untracked(),
            input: self.input.get_untracked(),
        }
    }

    fn set(&self, parts: Parts) {
        self.generation.update(|g| *g += 1);
        self.scenario.set(parts.scenario);
        // A file part left as it was is not set again (a large directory would run again).
        if self.input.with_untracked(|i| *i != parts.input) {
            self.input.set(parts.input);
        }
    }
}

/// The notice after a workbench's scenario was replaced (an example, an import, a share link),
/// offering the previous one back: `what` replaced it, if anything did.
#[component]
pub fn ReplacedNotice(
    #[prop(into)] what: Signal<Option<String>>,
    on_back: Callback<()>,
    on_dismiss: Callback<()>,
    /// What the notice says is kept (default: the scenario).
    #[prop(optional)]
    kept: Option<&'static str>,
) -> impl IntoView {
    let kept = kept.unwrap_or("The scenario you had before is kept in this tab.");
    move || {
        what.get().map(|what| {
            view! {
                <div class="notice" role="status" data-testid="replaced-notice">
                    <p><strong>{crate::prose::prose(&what)}"."</strong>" "{kept}</p>
                    <div class="notice-actions">
                        <button type="button" class="secondary" data-testid="switch-back" on:click=move |_| on_back.run(())>"Switch back"</button>
                        <button type="button" class="quiet" on:click=move |_| on_dismiss.run(())>"Dismiss"</button>
                    </div>
                </div>
            }
        })
    }
}

/// "✓ Valid" or the number of problems, announced as it changes.
#[component]
pub fn ProblemCount(#[prop(into)] count: Signal<usize>) -> impl IntoView {
    view! {
        <p class="problem-count" aria-live="polite" data-testid="problem-count">
            {move || match count.get() {
                0 => view! { <span class="ok-text">"✓ Valid"</span> }.into_any(),
                1 => view! { <span class="bad-text">"✕ 1 problem"</span> }.into_any(),
                n => view! { <span class="bad-text">{format!("✕ {n} problems")}</span> }.into_any(),
            }}
        </p>
    }
}

/// Problems that have no line of the JSON editor to point at (the file part's rows).
#[component]
pub fn ProblemList(
    #[prop(into)] errors: Signal<Vec<InputError>>,
    testid: &'static str,
) -> impl IntoView {
    move || {
        errors.with(|errors| {
            (!errors.is_empty()).then(|| {
                let items = errors
                    .iter()
                    .map(|e| {
                        view! {
                            <li class="problem">
                                <code>{if e.path.is_empty() { "/".to_string() } else { e.path.clone() }}</code>
                                <p class="problem-message">{crate::prose::prose(&e.message)}</p>
                                {e.help.as_deref().map(|h| view! { <p class="help">{crate::prose::prose(h)}</p> })}
                            </li>
                        }
                    })
                    .collect_view();
                view! { <div class="problems" role="alert" data-testid=testid><ul>{items}</ul></div> }
            })
        })
    }
}

/// The file part's editor: a text area that also takes a file, picked or dropped on it.
#[component]
pub fn FilePanel(doc: Doc) -> impl IntoView {
    let kind = doc.kind;
    let prefix = kind.route().path();
    let status = RwSignal::new(None::<Result<String, String>>);
    let dragging = RwSignal::new(false);
    let take = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match browser::read_file(file, MAX_FILE_BYTES).await {
                Ok((name, text)) => {
                    let lines = text.lines().count();
                    doc.input.set(text);
                    status.set(Some(Ok(format!("Read `{name}`: {lines} lines."))));
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
    let on_drop = move |ev: web_sys::DragEvent| {
        dragging.set(false);
        if let Some(file) = browser::dropped_file(&ev) {
            take(file);
        }
    };
    let lines = Memo::new(move |_| doc.input.with(|t| t.lines().count()));
    let area_id = format!("{prefix}-input");
    let file_id = format!("{prefix}-input-file");
    view! {
        <div class="file-panel" class:dragging=move || dragging.get()
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <div class="label-row">
                <label for=area_id.clone()>{kind.input_label()}</label>
                <span class="file-button">
                    <input type="file" id=file_id.clone() class="file-input" accept=".csv,.txt,text/csv,text/plain"
                        data-testid=format!("{prefix}-input-file") on:change=on_pick/>
                    <label for=file_id class="button secondary small">"Open a file…"</label>
                </span>
            </div>
            <p class="hint" id=format!("{prefix}-input-hint")>
                "Type or paste here, open a file, or drop one on this box. "
                {move || format!("{} lines.", lines.get())}
                {move || doc.unsaved_input.get().then_some(" Too large to autosave: it stays until you leave the page; export the scenario to keep it.")}
            </p>
            <textarea id=area_id class="file-text" spellcheck="false" autocomplete="off" wrap="off"
                data-testid=format!("{prefix}-input")
                aria-describedby=format!("{prefix}-input-hint")
                prop:value=move || doc.input.get()
                on:input=move |ev| doc.input.set(event_target_value(&ev))></textarea>
            <div role="status" data-testid=format!("{prefix}-input-status")>
                {move || status.get().map(|s| match s {
                    Ok(message) => view! { <p class="ok-text">"✓ "{crate::prose::prose(&message)}</p> }.into_any(),
                    Err(message) => view! { <p class="bad-text" role="alert">"✕ "{crate::prose::prose(&message)}</p> }.into_any(),
                })}
            </div>
        </div>
    }
}

/// A button that downloads text made when clicked.
#[component]
pub fn DownloadButton(
    label: &'static str,
    testid: &'static str,
    file_name: String,
    mime: &'static str,
    make: Callback<(), String>,
) -> impl IntoView {
    view! {
        <button type="button" class="secondary small" data-testid=testid
            on:click=move |_| { browser::download(&file_name, mime, &make.run(())); }>{label}</button>
    }
}

/// The export file name of a workbench's scenario.
pub fn file_name(kind: Kind, scenario: &str) -> String {
    let title = serde_json::from_str::<Value>(scenario)
        .ok()
        .and_then(|v| v.get("title").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default();
    let name = document::file_name(&title);
    if title.is_empty() {
        format!("provisim-{}-scenario.json", kind.route().path())
    } else {
        name
    }
}

/// A CSV cell: quoted when it holds a comma, a quote or a line break.
pub fn csv_cell(value: &str) -> String {
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.to_string()
    }
}

/// The outcome on show: fresh, or the last one computed while the document has problems.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown<R> {
    pub report: R,
    pub stale: bool,
}

/// The document evaluated: the report when there is one, and the problems by part.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluated<R> {
    pub report: Option<R>,
    pub file_errors: Vec<InputError>,
    pub scenario_errors: Vec<InputError>,
}

/// Evaluates the document as it changes; the last report stays on show, marked out of date, while
/// the document has problems.
pub fn evaluate<R>(
    doc: Doc,
    run: fn(&str) -> Result<R, Vec<InputError>>,
) -> (Memo<Evaluated<R>>, Memo<Option<Shown<R>>>)
where
    R: Clone + PartialEq + Send + Sync + 'static,
{
    let evaluated = Memo::new(move |_| {
        let result = doc
            .combined()
            .map_err(|e| vec![e])
            .and_then(|text| run(&text));
        match result {
            Ok(report) => Evaluated {
                report: Some(report),
                file_errors: Vec::new(),
                scenario_errors: Vec::new(),
            },
            Err(errors) => {
                let (file_errors, scenario_errors) =
                    doc.scenario.with(|s| sort_errors(doc.kind, s, errors));
                Evaluated {
                    report: None,
                    file_errors,
                    scenario_errors,
                }
            }
        }
    });
    let shown = Memo::new(move |previous: Option<&Option<Shown<R>>>| {
        evaluated.with(|e| match &e.report {
            Some(report) => Some(Shown {
                report: report.clone(),
                stale: false,
            }),
            None => previous.cloned().flatten().map(|mut s| {
                s.stale = true;
                s
            }),
        })
    });
    (evaluated, shown)
}

/// A workbench's frame: its title, the scenario toolbar, the editors on the left (the JSON editor,
/// `form` above it if any, the file panel below it) and `children` (the outcome) on the right.
#[component]
pub fn Shell(
    doc: Doc,
    title: &'static str,
    lede: &'static str,
    #[prop(into)] scenario_errors: Signal<Vec<InputError>>,
    #[prop(into)] file_errors: Signal<Vec<InputError>>,
    #[prop(optional)] form: Option<ViewFn>,
    /// Values of `form` the simulator cannot use (each marked on its field), counted as problems.
    #[prop(optional, into)]
    form_problems: Option<Signal<usize>>,
    children: Children,
) -> impl IntoView {
    let kind = doc.kind;
    let route = kind.route();
    let export = Signal::derive(move || {
        doc.combined()
            .map_err(|e| format!("fix the JSON first: {}", e.message))
    });
    let file_name = Signal::derive(move || doc.scenario.with(|s| file_name(kind, s)));
    let on_import = Callback::new(move |text: String| {
        doc.open(&text, "Imported a scenario file");
        Ok("Imported: the outcome is the file's.".to_string())
    });
    let count = Signal::derive(move || {
        scenario_errors.with(Vec::len)
            + file_errors.with(Vec::len)
            + form_problems.map_or(0, |n| n.get())
    });
    // The configuration's traps, as it is typed. A session log has no configuration to check; a
    // large file part (a directory of thousands) is left out, since the checks read the rules.
    let findings = Memo::new(move |_| {
        if kind == Kind::Concurrency {
            return Vec::new();
        }
        let combined = doc.scenario.with(|s| {
            doc.input.with(|i| {
                combine(
                    kind,
                    s,
                    if i.len() <= MAX_LINTED_INPUT_BYTES {
                        i
                    } else {
                        ""
                    },
                )
            })
        });
        let scenario = combined
            .ok()
            .and_then(|text| provisim_core::scenario::parse(&text).ok());
        crate::findings::of(scenario.as_ref())
    });
    let title_id = format!("{}-title", route.path());
    let labelled_by = title_id.clone();
    view! {
        <section class=format!("workbench {}", route.path()) aria-labelledby=labelled_by>
            <div class="workbench-head">
                <div>
                    <h1 id=title_id>{title}</h1>
                    <p class="lede">{lede}</p>
                </div>
                <crate::toolbar::ScenarioToolbar route=route export=export file_name=file_name on_import=on_import/>
            </div>
            <ReplacedNotice what=Signal::derive(move || doc.replaced.with(|r| r.as_ref().map(|r| r.what.clone())))
                on_back=Callback::new(move |()| doc.switch_back()) on_dismiss=Callback::new(move |()| doc.replaced.set(None))/>
            <div class="split">
                <div class="panel editor-panel">
                    <div class="panel-head"><h2>"Scenario"</h2></div>
                    <ProblemCount count=count/>
                    {(kind != Kind::Concurrency).then(|| view! {
                        <crate::findings::Findings findings=findings text=doc.scenario/>
                    })}
                    {form.map(|f| f.run())}
                    <crate::json_editor::JsonEditor text=doc.scenario errors=scenario_errors label=kind.json_label().to_string() hint=kind.json_hint().to_string()/>
                    {kind.slot().map(|_| view! {
                        <FilePanel doc=doc/>
                        <ProblemList errors=file_errors testid="file-errors"/>
                    })}
                </div>
                <div class="panel outcome-panel" id="outcome" tabindex="-1" aria-labelledby=format!("{}-outcome-title", route.path())>
                    <div class="panel-head"><h2 id=format!("{}-outcome-title", route.path())>"Outcome"</h2></div>
                    {children()}
                </div>
            </div>
        </section>
    }
}

/// The outcome on show, marked out of date also while `pending` holds (a form field holds a value
/// the simulator cannot use, so the scenario simulated is not the one the form shows).
pub fn stale_while<R>(
    shown: Memo<Option<Shown<R>>>,
    pending: Signal<bool>,
) -> Memo<Option<Shown<R>>>
where
    R: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        let pending = pending.get();
        shown.get().map(|mut s| {
            s.stale |= pending;
            s
        })
    })
}

/// The outcome panel of a live workbench: the report, marked when out of date, or why there is none.
pub fn outcome_view<R, V>(
    shown: Memo<Option<Shown<R>>>,
    render: impl Fn(R) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    R: Clone + PartialEq + Send + Sync + 'static,
    V: IntoView + 'static,
{
    view! {
        {move || shown.with(|s| s.as_ref().is_some_and(|s| s.stale)).then(|| view! {
            <p class="stale" role="status" data-testid="stale">"⏸ Out of date: this is the outcome of the last valid scenario. Fix the problems to update it."</p>
        })}
        {move || match shown.get() {
            Some(Shown { report, stale }) => view! {
                <div class="outcome" class:is-stale=stale data-testid="outcome">{render(report)}</div>
            }.into_any(),
            None => view! {
                <div class="empty-state" data-testid="outcome-none">
                    <p><strong>"No outcome yet."</strong>" Fix the problems listed with the scenario to see what Zoom would do."</p>
                </div>
            }.into_any(),
        }}
    }
}

/// A list of trace steps, each with its rule.
pub fn steps_list(steps: &[provisim_core::explain::Step], testid: &'static str) -> impl IntoView {
    let items = steps
        .iter()
        .map(|s| view! { <li><crate::rule_ref::RuleRef rule=s.rule/>" "{crate::prose::prose(&s.message)}</li> })
        .collect_view();
    view! { <ol class="steps" data-testid=testid>{items}</ol> }
}
