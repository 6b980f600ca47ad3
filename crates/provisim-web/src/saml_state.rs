//! The SAML workbench's state over its [`Doc`]: what the scenario's text (the source of truth)
//! parses to, the form's attribute rows and the outcome on show, shared by the form, the Response
//! tab and the workbench around them.

use leptos::prelude::*;
use provisim_core::input::InputError;
use provisim_core::scenario::Scenario;

use crate::document::{self, Parsed};
use crate::outcome;
use crate::workbench::Doc;
use provisim_core::saml::report::Outcome;

/// The outcome on show: fresh, or the last one computed while the text has errors.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    pub result: Result<Outcome, InputError>,
    pub stale: bool,
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

/// The workbench's state: its document, what the text parses to, and the outcome.
#[derive(Clone, Copy, Debug)]
pub struct SamlState {
    /// The document (what is autosaved, exported, shared, replaced and switched back).
    pub doc: Doc,
    /// The scenario's text: `doc.scenario`.
    pub text: RwSignal<String>,
    pub parsed: Memo<Parsed>,
    /// The last scenario whose shape was right: what the form shows (disabled while the JSON is
    /// malformed).
    pub draft: Memo<Option<Scenario>>,
    pub shown: Memo<Option<Shown>>,
    /// The attribute rows as last edited in the form, with the document's generation they were
    /// edited in (see `attribute_rows`).
    stored_rows: RwSignal<(u64, Vec<AttributeRow>)>,
    /// The form's attribute rows: the stored ones reconciled with the scenario's names. Rows
    /// stored before the document was last replaced are not carried over: a name half-typed over
    /// the replaced scenario's attributes is gone with it.
    pub attribute_rows: Memo<Vec<AttributeRow>>,
    /// The ids of the form's fields that hold a value the simulator cannot use (a half-typed
    /// number, say), besides the attribute rows.
    pub invalid_fields: RwSignal<std::collections::BTreeSet<String>>,
    /// How many values of the form the simulator cannot use: while there is one, the outcome on
    /// show is out of date.
    pub form_problems: Memo<usize>,
}

impl SamlState {
    /// The state of a SAML document (`doc.kind` is `Kind::Saml`).
    pub fn new(doc: Doc) -> Self {
        let text = doc.scenario;
        let parsed = Memo::new(move |_| text.with(|t| document::parse(t)));
        let draft = Memo::new(move |previous: Option<&Option<Scenario>>| {
            parsed
                .with(|p| p.draft.clone())
                .or_else(|| previous.cloned().flatten())
        });
        let stored_rows = RwSignal::new((0, Vec::<AttributeRow>::new()));
        let names = Memo::new(move |_| {
            draft.with(|d| {
                d.as_ref()
                    .and_then(|s| s.saml.as_ref())
                    .map(|i| i.attributes.keys().cloned().collect::<Vec<_>>())
                    .unwrap_or_default()
            })
        });
        let attribute_rows = Memo::new(move |_| {
            let generation = doc.generation.get();
            stored_rows.with(|(edited_in, rows)| {
                let rows: &[AttributeRow] = if *edited_in == generation { rows } else { &[] };
                names.with(|n| reconcile_rows(rows, n))
            })
        });
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
            doc,
            text,
            parsed,
            draft,
            shown,
            stored_rows,
            attribute_rows,
            invalid_fields,
            form_problems,
        }
    }

    /// Keeps the form's attribute rows as edited (ids, places and typed names).
    pub fn store_rows(&self, rows: Vec<AttributeRow>) {
        let generation = self.doc.generation.get_untracked();
        self.stored_rows.set((generation, rows));
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
}
