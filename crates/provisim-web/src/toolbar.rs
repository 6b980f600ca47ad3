//! A workbench's scenario actions: share it as a link (the scenario in the URL fragment, nothing
//! sent anywhere), export it as a JSON file, import one.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::browser;
use crate::route::Route;
use crate::share;

/// The largest file the import reads.
const MAX_IMPORT_BYTES: u64 = 2 * 1024 * 1024;

/// The outcome of the last action, shown beside the buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Status {
    Link(String),
    Done(String),
    Failed(String),
}

/// `export` is the scenario text, or why there is none to export; `on_import` takes a file's text
/// and says what it did.
#[component]
pub fn ScenarioToolbar(
    route: Route,
    export: Signal<Result<String, String>>,
    file_name: Signal<String>,
    on_import: Callback<String, Result<String, String>>,
) -> impl IntoView {
    let status = RwSignal::new(None::<Status>);
    let prefix = route.path();
    let share_link = move |_| {
        let next = match export.get_untracked() {
            Err(why) => Status::Failed(why),
            Ok(text) => match share::encode(&text) {
                Ok(payload) => Status::Link(format!(
                    "{}{}",
                    browser::base_url(),
                    route.share_href(&payload)
                )),
                Err(e) => Status::Failed(e.to_string()),
            },
        };
        status.set(Some(next));
        browser::focus_later(vec![format!("{prefix}-share-link")]);
    };
    let import = move |ev: web_sys::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|files| files.get(0)) else {
            return;
        };
        input.set_value("");
        leptos::task::spawn_local(async move {
            let next = match browser::read_file(file, MAX_IMPORT_BYTES).await {
                Ok((name, text)) => match on_import.run(text) {
                    Ok(message) => Status::Done(format!("{name}: {message}")),
                    Err(message) => Status::Failed(format!("{name}: {message}")),
                },
                Err(why) => Status::Failed(why),
            };
            status.set(Some(next));
        });
    };
    // The file is made when asked for, not on every keystroke (a batch's directory can be large).
    let export_file = move |_| {
        let next = match export.get_untracked() {
            Ok(text) => {
                let name = file_name.get_untracked();
                if browser::download(&name, "application/json", &text) {
                    Status::Done(format!("Exported `{name}`."))
                } else {
                    Status::Failed("the browser did not start the download".to_string())
                }
            }
            Err(why) => Status::Failed(format!("Cannot export: {why}")),
        };
        status.set(Some(next));
    };
    view! {
        <div class="toolbar" role="group" aria-label="Scenario">
            <div class="toolbar-buttons">
                <button type="button" class="secondary" data-testid=format!("{prefix}-share") on:click=share_link>"Share link"</button>
                <button type="button" class="secondary" data-testid=format!("{prefix}-export") on:click=export_file>"Export JSON"</button>
                <span class="file-button">
                    <input type="file" id=format!("{prefix}-import") class="file-input" accept=".json,application/json"
                        data-testid=format!("{prefix}-import") on:change=import/>
                    <label for=format!("{prefix}-import") class="button secondary">"Import JSON…"</label>
                </span>
            </div>
            <div class="toolbar-status" role="status" data-testid=format!("{prefix}-status")>
                {move || status.get().map(|s| match s {
                    Status::Link(link) => view! {
                        <div class="share-panel">
                            <label for=format!("{prefix}-share-link")>"Share link"</label>
                            <div class="share-row">
                                <input id=format!("{prefix}-share-link") type="text" readonly=true prop:value=link.clone()
                                    data-testid=format!("{prefix}-share-link")
                                    on:focus=|ev| {
                                        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                            input.select();
                                        }
                                    }/>
                                <button type="button" class="secondary small" on:click=move |_| {
                                    browser::copy(&link);
                                    status.update(|_| ());
                                }>"Copy"</button>
                                <button type="button" class="quiet small" aria-label="Close the share link" on:click=move |_| status.set(None)>"✕"</button>
                            </div>
                            <p class="hint">"The whole scenario is in the link, after the #: the part of a link browsers never send to a server. Anyone with the link sees it."</p>
                        </div>
                    }.into_any(),
                    Status::Done(message) => view! { <p class="ok-text">"✓ "{crate::prose::prose(&message)}</p> }.into_any(),
                    Status::Failed(message) => view! { <p class="bad-text" role="alert">"✕ "{crate::prose::prose(&message)}</p> }.into_any(),
                })}
            </div>
        </div>
    }
}
