//! The few browser services the app uses, each failing quietly: local storage (autosave), the
//! URL fragment (routes and share links), focus and the clipboard. No network.

use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

fn storage() -> Option<web_sys::Storage> {
    window()?.local_storage().ok().flatten()
}

/// The text saved under `key`, if storage is available and holds it.
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Saves `text` under `key`; `false` when storage is unavailable or full.
pub fn save(key: &str, text: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, text).is_ok())
}

/// The URL fragment, with its `#`.
pub fn fragment() -> String {
    window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Replaces the fragment without a new history entry and without a `hashchange` event (used to
/// drop a share link's payload once it is open, so that a reload keeps later edits).
pub fn replace_fragment(fragment: &str) {
    if let Some(history) = window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(fragment));
    }
}

/// Navigates to a fragment (a new history entry; fires `hashchange`).
pub fn go(fragment: &str) {
    if let Some(w) = window() {
        let _ = w.location().set_hash(fragment);
    }
}

/// The page's address without its fragment, for share links.
pub fn base_url() -> String {
    window()
        .and_then(|w| {
            let location = w.location();
            let origin = location.origin().ok()?;
            let path = location.pathname().ok()?;
            let search = location.search().ok().unwrap_or_default();
            Some(format!("{origin}{path}{search}"))
        })
        .unwrap_or_default()
}

pub fn set_title(title: &str) {
    if let Some(document) = window().and_then(|w| w.document()) {
        document.set_title(title);
    }
}

pub fn element(id: &str) -> Option<web_sys::HtmlElement> {
    window()?
        .document()?
        .get_element_by_id(id)?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// Focuses the first of `ids` that exists and is enabled, once the view has been updated.
pub fn focus_later(ids: Vec<String>) {
    leptos::prelude::set_timeout(
        move || {
            for id in &ids {
                if let Some(element) = element(id) {
                    if element.has_attribute("disabled") {
                        continue;
                    }
                    if element.focus().is_ok() {
                        return;
                    }
                }
            }
        },
        std::time::Duration::ZERO,
    );
}

/// Writes `text` to the clipboard; the browser may refuse, and the link stays visible to copy.
pub fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// A `data:` URL of JSON text, for a download link (no object URL to revoke, no request made).
pub fn json_data_url(text: &str) -> String {
    format!(
        "data:application/json;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(text))
    )
}
