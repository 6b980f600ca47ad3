//! What the component tests share: finding elements by test id, typing and clicking as a user
//! does, and waiting for Leptos to render.
#![allow(dead_code)]

use wasm_bindgen::JsCast;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn query(selector: &str) -> Option<web_sys::Element> {
    document().query_selector(selector).unwrap()
}

pub fn by_test_id(id: &str) -> web_sys::Element {
    query(&format!("[data-testid='{id}']")).unwrap_or_else(|| panic!("no [data-testid='{id}']"))
}

pub fn click(id: &str) {
    let element: web_sys::HtmlElement = document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"))
        .unchecked_into();
    element.click();
}

pub fn type_into(id: &str, value: &str) {
    let element = document()
        .get_element_by_id(id)
        .unwrap_or_else(|| panic!("no #{id}"));
    if let Some(area) = element.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(value);
    } else if let Some(select) = element.dyn_ref::<web_sys::HtmlSelectElement>() {
        select.set_value(value);
    } else {
        element
            .unchecked_ref::<web_sys::HtmlInputElement>()
            .set_value(value);
    }
    let event = if element.dyn_ref::<web_sys::HtmlSelectElement>().is_some() {
        "change"
    } else {
        "input"
    };
    element
        .dispatch_event(&web_sys::Event::new(event).unwrap())
        .unwrap();
}

/// Lets Leptos run its scheduled effects, then timers (focus moves).
pub async fn tick() {
    gloo_timers::future::TimeoutFuture::new(10).await;
}

pub fn host() -> web_sys::HtmlElement {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    host
}

pub fn click_test_id(id: &str) {
    by_test_id(id)
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
}

/// Waits (up to ~60 s: the tests run unoptimised) until `done` holds.
pub async fn until(mut done: impl FnMut() -> bool) {
    for _ in 0..6000 {
        if done() {
            return;
        }
        tick().await;
    }
    panic!("timed out");
}
