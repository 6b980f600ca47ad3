//! The few browser services the app uses, each failing quietly: local storage (autosave, through
//! gloo-storage), files (gloo-file), timers (gloo-timers), the URL fragment (routes and share
//! links), focus and the clipboard. No network.

use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::JsCast;

fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

/// gloo-storage throws when the browser has no local storage for the page (storage disabled, a
/// sandboxed frame): ask first, so that the app runs on without autosave instead.
fn storage_available() -> bool {
    window()
        .and_then(|w| w.local_storage().ok().flatten())
        .is_some()
}

/// Set in embed mode: an embedded workbench neither reads nor overwrites the admin's saved work.
static EPHEMERAL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Stops autosave and restore for this page (embed mode).
pub fn make_ephemeral() {
    EPHEMERAL.store(true, std::sync::atomic::Ordering::Relaxed);
}

fn ephemeral() -> bool {
    EPHEMERAL.load(std::sync::atomic::Ordering::Relaxed)
}

/// The text saved under `key`, if storage is available and holds it. Texts saved before the app
/// used gloo-storage (plain, not JSON strings) are read as they are, so no saved work is lost.
pub fn load(key: &str) -> Option<String> {
    if ephemeral() || !storage_available() {
        return None;
    }
    LocalStorage::get::<String>(key)
        .ok()
        .or_else(|| LocalStorage::raw().get_item(key).ok().flatten())
}

/// Saves `text` under `key`; `false` when storage is unavailable or full (or in embed mode).
pub fn save(key: &str, text: &str) -> bool {
    !ephemeral() && storage_available() && LocalStorage::set(key, text).is_ok()
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

/// Reloads the page (its scenarios are in local storage, or in the address in embed mode).
pub fn reload() {
    if let Some(w) = window() {
        let _ = w.location().reload();
    }
}

/// Focuses the first of `ids` that exists and is enabled, once the view has been updated.
pub fn focus_later(ids: Vec<String>) {
    gloo_timers::callback::Timeout::new(0, move || {
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
    })
    .forget();
}

/// Once the element `id` is on the page (a page the route is about to show), scrolls to the top
/// and focuses it (a heading, made focusable by script only, `tabindex=-1`); gives up after a
/// second.
pub fn focus_heading(id: String) {
    fn attempt(id: String, left: u32) {
        gloo_timers::callback::Timeout::new(
            if left == 50 { 0 } else { 20 },
            move || match element(&id) {
                Some(heading) => {
                    if !heading.has_attribute("tabindex") {
                        let _ = heading.set_attribute("tabindex", "-1");
                    }
                    let _ = heading.focus();
                    if let Some(w) = window() {
                        w.scroll_to_with_x_and_y(0.0, 0.0);
                    }
                }
                None if left > 0 => attempt(id, left - 1),
                None => {}
            },
        )
        .forget();
    }
    attempt(id, 50);
}

/// Writes `text` to the clipboard; the browser may refuse, and the link stays visible to copy.
pub fn copy(text: &str) {
    if let Some(w) = window() {
        let _ = w.navigator().clipboard().write_text(text);
    }
}

/// The value of `name` in the page's query string (`?embed=saml`), if any.
pub fn query_param(name: &str) -> Option<String> {
    let search = window()?.location().search().ok()?;
    search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
        .map(|v| String::from(js_sys::decode_uri_component(v).ok().unwrap_or_default()))
}

/// Offers `text` as a file download: a Blob and an object URL, revoked once clicked (nothing is
/// sent anywhere; large results do not sit in the page as data URLs).
pub fn download(name: &str, mime: &str, text: &str) -> bool {
    let Some(document) = window().and_then(|w| w.document()) else {
        return false;
    };
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(text, Some(mime)));
    document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .map(|a| {
            a.set_href(&url);
            a.set_download(name);
            a.click();
        })
        .is_some()
}

/// Lets the browser run (paint, handle a click on Cancel) before the next chunk of work.
pub async fn yield_now() {
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Reads a file the admin picked or dropped as text, if it is at most `max_bytes` long; `Err`
/// says why not, in words.
pub async fn read_file(file: web_sys::File, max_bytes: u64) -> Result<(String, String), String> {
    let file = gloo_file::File::from(file);
    let name = file.name();
    if file.size() > max_bytes {
        return Err(format!(
            "`{name}` is too large ({:.1} MB; the limit is {:.0} MB)",
            file.size() as f64 / 1_048_576.0,
            max_bytes as f64 / 1_048_576.0
        ));
    }
    let bytes = gloo_file::futures::read_as_bytes(&file)
        .await
        .map_err(|_| format!("`{name}` could not be read"))?;
    text_of(&name, bytes).map(|text| (name, text))
}

/// A file's bytes as text, or why they are not: a NUL byte or bytes that are not UTF-8 mean a
/// binary file (a spreadsheet, an archive), which is said rather than shown as garbage.
pub fn text_of(name: &str, bytes: Vec<u8>) -> Result<String, String> {
    if bytes.contains(&0) {
        return Err(format!(
            "`{name}` is not a text file (it holds binary data): save it as CSV, JSON or plain text (UTF-8) and open that"
        ));
    }
    let bytes = bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "`{name}` is not UTF-8 text (byte {} is not): save it again as UTF-8 (in Excel: CSV UTF-8) and open that",
            e.utf8_error().valid_up_to() + 1
        )
    })
}

/// The file an `<input type="file">` change picked, if any; the input is emptied so the same file
/// can be picked again.
pub fn picked_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    let input = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// The first file dropped, if any (the browser is kept from opening it).
pub fn dropped_file(ev: &web_sys::DragEvent) -> Option<web_sys::File> {
    ev.prevent_default();
    ev.data_transfer()
        .and_then(|d| d.files())
        .and_then(|f| f.get(0))
}
