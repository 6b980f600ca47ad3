//! Rule IDs as links to their text: every rule ID the app shows opens the catalogue's rule
//! (`provisim_core::rules::text`, RULES.md built in) in one shared dialog.

use leptos::html;
use leptos::prelude::*;
use provisim_core::rules::{self, RuleId};

/// The shared dialog: which rule it shows. Provided by the app shell; without it (a component
/// mounted alone), rule IDs show their text as a tooltip.
#[derive(Clone, Copy, Debug)]
pub struct RuleDialog {
    pub shown: RwSignal<Option<RuleId>>,
    node: NodeRef<html::Dialog>,
}

impl RuleDialog {
    pub fn new() -> Self {
        Self {
            shown: RwSignal::new(None),
            node: NodeRef::new(),
        }
    }

    pub fn show(&self, rule: RuleId) {
        self.shown.set(Some(rule));
        if let Some(dialog) = self.node.get_untracked() {
            if !dialog.open() {
                let _ = dialog.show_modal();
            }
        }
    }

    pub fn close(&self) {
        if let Some(dialog) = self.node.get_untracked() {
            dialog.close();
        }
    }
}

impl Default for RuleDialog {
    fn default() -> Self {
        Self::new()
    }
}

/// A rule ID; activating it opens the rule's text.
#[component]
pub fn RuleRef(rule: RuleId) -> impl IntoView {
    let text = rules::text(rule).unwrap_or("").replace("**", "");
    match use_context::<RuleDialog>() {
        Some(dialog) => view! {
            <button type="button" class="rule-id" data-rule=rule aria-haspopup="dialog" title=text
                on:click=move |_| dialog.show(rule)>{rule}</button>
        }
        .into_any(),
        None => view! { <span class="rule-id" data-rule=rule title=text>{rule}</span> }.into_any(),
    }
}

/// The dialog that shows a rule of the catalogue. Escape or the button closes it, and the browser
/// gives focus back to the rule ID that opened it.
#[component]
pub fn RuleDialogView(dialog: RuleDialog) -> impl IntoView {
    view! {
        <dialog node_ref=dialog.node class="rule-dialog" aria-labelledby="rule-dialog-title" data-testid="rule-dialog">
            {move || dialog.shown.get().map(|rule| view! {
                <p class="eyebrow">"A rule of the simulator's catalogue"</p>
                <h2 id="rule-dialog-title">{rule}</h2>
                <p class="rule-text" data-testid="rule-text">{rich(rules::text(rule).unwrap_or("This build's catalogue has no text for this rule."))}</p>
            })}
            <div class="dialog-actions">
                <button type="button" class="primary" on:click=move |_| dialog.close()>"Close"</button>
            </div>
        </dialog>
    }
}

/// The catalogue's light Markdown: `**bold**` and `` `code` ``.
pub fn rich(text: &str) -> impl IntoView {
    let mut parts = Vec::new();
    for (i, piece) in text.split('`').enumerate() {
        if i % 2 == 1 {
            parts.push(view! { <code>{piece.to_string()}</code> }.into_any());
            continue;
        }
        for (j, run) in piece.split("**").enumerate() {
            if j % 2 == 1 {
                parts.push(view! { <strong>{run.to_string()}</strong> }.into_any());
            } else if !run.is_empty() {
                parts.push(run.to_string().into_any());
            }
        }
    }
    parts
}
