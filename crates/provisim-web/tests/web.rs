//! Component tests in headless Chromium: the seat planner renders and recomputes as the admin types.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn text_of(test_id: &str) -> String {
    document()
        .query_selector(&format!("[data-testid='{test_id}']"))
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// Lets Leptos run its scheduled effects.
async fn tick() {
    let promise = js_sys::Promise::resolve(&wasm_bindgen::JsValue::NULL);
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn type_into(id: &str, value: &str) {
    let input: web_sys::HtmlInputElement =
        document().get_element_by_id(id).unwrap().unchecked_into();
    input.set_value(value);
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn seat_planner_shows_lic07_and_recomputes_on_input() {
    let host: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = leptos::mount::mount_to(host, || {
        use leptos::prelude::*;
        let form = RwSignal::new(provisim_web::seats::SeatForm::default());
        view! { <provisim_web::seats::SeatPlanner form=form/> }
    });
    tick().await;
    // LIC-07: the documented example is the default form.
    assert_eq!(text_of("seats-needed-workforcemanagement"), "75");
    assert_eq!(text_of("seats-needed-qualitymanagement"), "75");

    type_into("seats-pool", "40");
    tick().await;
    assert_eq!(text_of("seats-needed-workforcemanagement"), "60");

    type_into("seats-pool", "4x");
    tick().await;
    assert!(text_of("seats-error").contains("Licenses in the pool"));
}
