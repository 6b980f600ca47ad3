//! The raw JSON editor of the whole scenario: line numbers, every problem located at its line (a
//! click puts the caret there), and a page that keeps working whatever is typed.

use leptos::html;
use leptos::prelude::*;
use std::collections::BTreeSet;

use provisim_core::input::InputError;

/// The UTF-16 offsets (what a textarea's selection counts) of the start and end of `line`.
fn line_span(text: &str, line: usize) -> (u32, u32) {
    let mut offset = 0u32;
    for (n, content) in text.split('\n').enumerate() {
        let length: u32 = content.chars().map(|c| c.len_utf16() as u32).sum();
        if n + 1 == line {
            return (offset, offset + length);
        }
        offset += length + 1;
    }
    (offset, offset)
}

/// Puts the caret on `line` of the editor's text area (selected) and scrolls it into view.
fn select_line(area: &web_sys::HtmlTextAreaElement, line: usize) {
    let (start, end) = line_span(&area.value(), line);
    let _ = area.focus();
    let _ = area.set_selection_range(start, end);
    // Bring the line into view: lines are a fixed height (see .code-frame in style.css).
    let line_height = 20;
    let top = i32::try_from(line).unwrap_or(0).saturating_sub(3) * line_height;
    area.set_scroll_top(top.max(0));
}

/// [`select_line`] in the page's JSON editor once the view has been updated (it may have just
/// been switched to); its scroll event brings the line numbers along.
pub fn select_line_later(line: usize) {
    gloo_timers::callback::Timeout::new(0, move || {
        use wasm_bindgen::JsCast;
        if let Some(area) = crate::browser::element("scenario-json")
            .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
        {
            select_line(&area, line);
        }
    })
    .forget();
}

/// `text` is the document; `errors` what is wrong with it, located at lines where possible (every
/// workbench reads its own kind of document and locates its own errors).
#[component]
pub fn JsonEditor(
    text: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<InputError>>,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let area = NodeRef::<html::Textarea>::new();
    let gutter = NodeRef::<html::Div>::new();
    let line_count = Memo::new(move |_| text.with(|t| t.split('\n').count()));
    let error_lines = Memo::new(move |_| {
        errors.with(|errors| {
            errors
                .iter()
                .filter_map(|e| e.line)
                .collect::<BTreeSet<_>>()
        })
    });
    let invalid = move || errors.with(|e| !e.is_empty());
    let sync_scroll = move || {
        if let (Some(area), Some(gutter)) = (area.get_untracked(), gutter.get_untracked()) {
            gutter.set_scroll_top(area.scroll_top());
        }
    };
    let jump = move |line: usize| {
        let Some(area) = area.get_untracked() else {
            return;
        };
        select_line(&area, line);
        sync_scroll();
    };
    let problems = move || {
        errors.with(|errors| {
            errors
                .iter()
                .map(|e| {
                    let line = e.line;
                    let place = match (e.line, e.column) {
                        (Some(l), Some(c)) => format!("Line {l}, column {c}"),
                        (Some(l), None) => format!("Line {l}"),
                        _ => "Whole document".to_string(),
                    };
                    let path = if e.path.is_empty() { "/".to_string() } else { e.path.clone() };
                    view! {
                        <li class="problem" data-line=line.map(|l| l.to_string()).unwrap_or_default()>
                            {match line {
                                Some(l) => view! {
                                    <button type="button" class="link" data-testid="problem-location"
                                        on:click=move |_| jump(l)>{place}</button>
                                }.into_any(),
                                None => view! { <span class="location">{place}</span> }.into_any(),
                            }}
                            " "<code>{path}</code>
                            <p class="problem-message">{crate::prose::prose(&plain_message(&e.message))}</p>
                            {e.help.as_deref().map(|h| view! { <p class="help">{crate::prose::prose(h)}</p> })}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div class="json-editor">
            <div class="label-row">
                <label for="scenario-json">{label.unwrap_or_else(|| "The whole scenario as JSON".to_string())}</label>
            </div>
            <p class="hint" id="scenario-json-hint">{crate::prose::prose(hint.as_deref().unwrap_or("The form and this text are the same scenario: edit either."))}" A field the simulator does not know is marked with the nearest one it does."</p>
            <div class="code-frame" class:invalid=invalid>
                <div class="gutter" aria-hidden="true" node_ref=gutter>
                    {move || {
                        let bad = error_lines.get();
                        (1..=line_count.get()).map(|n| {
                            let is_bad = bad.contains(&n);
                            view! { <span class:bad=is_bad>{if is_bad { format!("▸{n}") } else { n.to_string() }}</span> }
                        }).collect_view()
                    }}
                </div>
                <textarea id="scenario-json" node_ref=area spellcheck="false" autocomplete="off"
                    autocapitalize="off" wrap="off" data-testid="scenario-json"
                    aria-describedby="scenario-json-hint json-problems"
                    aria-invalid=move || invalid().then_some("true")
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))
                    on:scroll=move |_| sync_scroll()></textarea>
            </div>
            <div id="json-problems" class="problems" data-testid="json-errors">
                <ul>{problems}</ul>
            </div>
        </div>
    }
}

/// A JSON reader's message in plain words: serde_json's phrases ("EOF while parsing an object",
/// "unknown variant `x`, expected one of …") as a person reads them; any other message as it is.
pub fn plain_message(message: &str) -> String {
    const EOF: [(&str, &str); 5] = [
        (
            "EOF while parsing a value",
            "the text ends where a value should be",
        ),
        (
            "EOF while parsing an object",
            "the text ends inside an object: a `}` is missing",
        ),
        (
            "EOF while parsing a list",
            "the text ends inside a list: a `]` is missing",
        ),
        (
            "EOF while parsing a string",
            "the text ends inside a string: a closing `\"` is missing",
        ),
        ("EOF while parsing", "the text ends too early"),
    ];
    if let Some((_, plain)) = EOF.iter().find(|(raw, _)| message.starts_with(raw)) {
        return (*plain).to_string();
    }
    const PHRASES: [(&str, &str); 8] = [
        ("unknown variant ", "not an allowed value: "),
        ("unknown field ", "not a name this place takes: "),
        ("invalid type: ", "the wrong kind of value: "),
        ("invalid value: ", "a value that cannot be used: "),
        ("missing field ", "a required name is missing: "),
        (
            "trailing characters",
            "there is more text after the end of the document",
        ),
        ("key must be a string", "a name must be in double quotes"),
        ("expected value", "a value is expected here"),
    ];
    let mut out = message.to_string();
    for (raw, plain) in PHRASES {
        if let Some(rest) = message.strip_prefix(raw) {
            out = format!("{plain}{rest}");
            break;
        }
    }
    // Rust's names of number types, as a person says them.
    for (raw, plain) in [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u16", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected usize", "expected a whole number, 0 or more"),
        ("expected i32", "expected a whole number"),
        ("expected i64", "expected a whole number"),
        ("expected f64", "expected a number"),
    ] {
        if let Some(head) = out.strip_suffix(raw) {
            out = format!("{head}{plain}");
            break;
        }
    }
    out
}
