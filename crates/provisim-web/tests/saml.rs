//! Component tests of the SAML workbench in headless Chromium: the rule editor changes the
//! scenario (add, move, remove), the trace view renders every status, the JSON editor survives
//! malformed text and locates its errors.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use leptos::prelude::*;
use provisim_web::document;
use provisim_web::saml::SamlWorkbench;
use provisim_web::saml_state::SamlState;
use provisim_web::workbench::{Doc, Kind};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::{by_test_id, click, click_test_id, host, query, tick, type_into};

const FIRST_MATCH: &str = include_str!("../../../tests/scenarios/saml/saml-04-first-match.json");
const NONE_BLOCKS: &str = include_str!("../../../tests/scenarios/saml/saml-11-none-blocks.json");

/// Mounts the workbench on a test case's scenario; the workbench's state, to look into.
fn mount_workbench(
    case: &str,
) -> (
    SamlState,
    leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable>,
) {
    let text = document::scenario_text(case);
    let cell: Rc<RefCell<Option<SamlState>>> = Rc::new(RefCell::new(None));
    let inner = cell.clone();
    let handle = leptos::mount::mount_to(host(), move || {
        let doc = SamlState::new(Doc::new(Kind::Saml, &text));
        *inner.borrow_mut() = Some(doc);
        view! { <SamlWorkbench doc=doc/> }
    });
    let doc = cell.borrow().unwrap();
    (doc, handle)
}

fn rules_of(doc: &SamlState, section: usize) -> Vec<(String, String)> {
    doc.parsed.with_untracked(|p| {
        p.draft.as_ref().unwrap().sso.advanced[section]
            .rules
            .iter()
            .map(|r| (r.attribute.clone(), r.value.clone()))
            .collect()
    })
}

fn license_after(doc: &SamlState) -> String {
    doc.shown.with_untracked(|s| {
        let outcome = s.as_ref().unwrap().result.as_ref().unwrap();
        document::word(&outcome.user.as_ref().unwrap().license)
    })
}

#[wasm_bindgen_test]
async fn rule_editor_adds_moves_and_removes_rules() {
    let (doc, _handle) = mount_workbench(FIRST_MATCH);
    tick().await;
    // SAML-04: the Basic rule listed first wins.
    assert_eq!(license_after(&doc), "basic");
    assert!(query("[data-testid='rule-license-1']").is_some());

    // Move the Licensed rule up: it is now tried first, and wins.
    click("rule-0-1-up");
    tick().await;
    assert_eq!(
        rules_of(&doc, 0),
        vec![
            ("memberOf".into(), "managers".into()),
            ("memberOf".into(), "staff".into())
        ]
    );
    assert_eq!(license_after(&doc), "licensed");
    assert!(doc.text.get_untracked().find("managers") < doc.text.get_untracked().find("staff"));
    // Keyboard users keep their place: focus follows the moved rule.
    let focused = support::document().active_element().unwrap().id();
    assert_eq!(focused, "rule-0-0-down");

    // Add a rule: it reads the section's attribute, its value is to be filled in.
    click("section-0-add-rule");
    tick().await;
    assert_eq!(rules_of(&doc, 0).len(), 3);
    assert_eq!(rules_of(&doc, 0)[2], ("memberOf".into(), String::new()));
    assert!(doc
        .parsed
        .with_untracked(|p| p.error_at("/sso/advanced/0/rules/2/value").is_some()));
    assert!(doc.shown.with_untracked(|s| s.as_ref().unwrap().stale));
    assert_eq!(
        support::document().active_element().unwrap().id(),
        "rule-0-2-value"
    );
    type_into("rule-0-2-value", "contractors");
    tick().await;
    assert!(doc.parsed.with_untracked(|p| p.is_valid()));
    assert_eq!(rules_of(&doc, 0)[2].1, "contractors");

    // Remove the first rule: the Basic rule is first again.
    click("rule-0-0-remove");
    tick().await;
    assert_eq!(
        rules_of(&doc, 0),
        vec![
            ("memberOf".into(), "staff".into()),
            ("memberOf".into(), "contractors".into())
        ]
    );
    assert_eq!(license_after(&doc), "basic");
    assert!(query("[data-testid='rule-license-2']").is_none());

    // Add a section picked from the list; its result is picked from the section's values.
    type_into("add-section", "webinar");
    click("add-section-button");
    tick().await;
    click("section-1-add-rule");
    tick().await;
    let webinar = doc
        .parsed
        .with_untracked(|p| p.draft.as_ref().unwrap().sso.advanced[1].clone());
    assert_eq!(webinar.section.key(), "webinar");
    assert_eq!(webinar.rules[0].result.first(), "500");
    let options: Vec<String> = {
        let select: web_sys::HtmlSelectElement = support::document()
            .get_element_by_id("rule-1-0-result")
            .unwrap()
            .unchecked_into();
        (0..select.length())
            .filter_map(|i| select.item(i))
            .map(|o| o.get_attribute("value").unwrap_or_default())
            .collect()
    };
    assert_eq!(options, vec!["500", "1000", "3000", "5000", "10000"]);
    type_into("rule-1-0-result", "3000");
    tick().await;
    assert!(doc.text.get_untracked().contains("\"result\": \"3000\""));
}

#[wasm_bindgen_test]
async fn trace_view_renders_matched_not_reached_and_refusal() {
    let (doc, _handle) = mount_workbench(FIRST_MATCH);
    tick().await;
    let matched = by_test_id("trace-1-license-rule-0");
    assert_eq!(matched.get_attribute("data-status").unwrap(), "matched");
    assert!(matched.text_content().unwrap().contains("matched"));
    let second = by_test_id("trace-1-license-rule-1");
    assert_eq!(second.get_attribute("data-status").unwrap(), "not_reached");
    assert!(second
        .text_content()
        .unwrap()
        .contains("processing of the section stops at the first match"));
    assert!(second.text_content().unwrap().contains("SAML-04"));
    // The decisive section is open; its rule ID opens the rule's text.
    let section = by_test_id("trace-1-license");
    assert!(section.has_attribute("open"));
    assert!(by_test_id("decision-1")
        .text_content()
        .unwrap()
        .contains("Signed in"));

    // SAML-11: None refuses the sign-in; later sections are not reached.
    doc.doc.open(NONE_BLOCKS, "test");
    tick().await;
    let decision = by_test_id("decision-1");
    assert_eq!(decision.get_attribute("data-signed-in").unwrap(), "false");
    assert!(decision
        .text_content()
        .unwrap()
        .contains("Refused by SAML-11"));
    assert_eq!(
        by_test_id("trace-1-user_role")
            .get_attribute("data-status")
            .unwrap(),
        "not_reached"
    );
    assert_eq!(
        by_test_id("trace-1-user_role-rule-0")
            .get_attribute("data-status")
            .unwrap(),
        "not_tried"
    );
    assert!(by_test_id("no-changes")
        .text_content()
        .unwrap()
        .contains("refused"));
    // The notice offers the replaced scenario back.
    by_test_id("switch-back");
}

#[wasm_bindgen_test]
async fn json_editor_locates_errors_and_keeps_working() {
    let (doc, _handle) = mount_workbench(FIRST_MATCH);
    tick().await;
    click_test_id("mode-json");
    tick().await;
    let good = doc.text.get_untracked();
    // A syntax error on line 3.
    type_into(
        "scenario-json",
        "{\n  \"provisim\": 1,\n  \"account\": {,\n}\n",
    );
    tick().await;
    let errors = by_test_id("json-errors").text_content().unwrap();
    assert!(errors.contains("Line 3"), "{errors}");
    assert!(by_test_id("problem-count")
        .text_content()
        .unwrap()
        .contains("1 problem"));
    // The last outcome stays on show, marked out of date.
    by_test_id("stale");
    assert!(query("[data-testid='decision-1']").is_some());
    // A validation error (no line from the parser) is located by its JSON pointer.
    let misspelt = good.replacen("\"licensed\"", "\"licenced\"", 1);
    let line = misspelt
        .lines()
        .position(|l| l.contains("licenced"))
        .unwrap()
        + 1;
    type_into("scenario-json", &misspelt);
    tick().await;
    let problem = query("#json-problems li").unwrap();
    assert_eq!(
        problem.get_attribute("data-line").unwrap(),
        line.to_string()
    );
    // The quoted name is shown as code, without its backticks.
    assert!(problem
        .text_content()
        .unwrap()
        .contains("did you mean licensed?"));
    assert_eq!(
        problem
            .query_selector(".help code")
            .unwrap()
            .and_then(|c| c.text_content())
            .as_deref(),
        Some("licensed")
    );
    // Fixing it brings the outcome back.
    type_into("scenario-json", &good);
    tick().await;
    assert!(query("[data-testid='stale']").is_none());
    assert!(by_test_id("problem-count")
        .text_content()
        .unwrap()
        .contains("Valid"));
}

/// One document model: a name half-typed in the form belongs to the scenario it was typed over.
/// Replacing the scenario (an example, an import, a share link) drops it even when the new
/// scenario has the same attribute, and Switch back brings the previous text back whole.
#[wasm_bindgen_test]
async fn a_replaced_scenario_drops_the_names_half_typed_over_it() {
    let (doc, _handle) = mount_workbench(FIRST_MATCH);
    tick().await;
    let mut rows = doc.attribute_rows.get_untracked();
    assert!(!rows.is_empty());
    rows[0].typed = format!("{}-renamed", rows[0].key);
    doc.store_rows(rows.clone());
    tick().await;
    assert_eq!(doc.form_problems.get_untracked(), 1);
    assert!(doc.shown.with_untracked(|s| s.as_ref().unwrap().stale));

    // The same scenario with another title: its attributes are the same ones.
    let before = doc.text.get_untracked();
    let mut value: serde_json::Value = serde_json::from_str(&before).unwrap();
    value["title"] = serde_json::Value::String("Another title".into());
    let other = serde_json::to_string_pretty(&value).unwrap();
    doc.doc.replace("test", other.clone(), None);
    tick().await;
    assert_eq!(doc.form_problems.get_untracked(), 0);
    let after = doc.attribute_rows.get_untracked();
    assert_eq!(after.len(), rows.len());
    assert!(after.iter().all(|r| !r.pending()), "{after:?}");
    assert!(!doc.shown.with_untracked(|s| s.as_ref().unwrap().stale));

    doc.doc.switch_back();
    tick().await;
    assert_eq!(doc.text.get_untracked(), before);
    assert_eq!(
        doc.doc
            .replaced
            .with_untracked(|r| r.as_ref().map(|r| r.previous.scenario.clone())),
        Some(other)
    );
}
