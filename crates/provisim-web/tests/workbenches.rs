//! Component tests of the SCIM, CSV, concurrency and batch workbenches in headless Chromium: each
//! renders its starter's outcome and follows edits; the batch runs in chunks, reports progress and
//! stops on Cancel with a partial summary.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use leptos::prelude::*;
use provisim_web::batch_wb::{self, BatchWorkbench, Runner};
use provisim_web::workbench::{Doc, Kind};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

mod support;
use support::*;

/// Mounts a workbench of `kind` on `file` (a test case or scenario); its document.
fn mount(
    kind: Kind,
    file: &'static str,
) -> (
    Doc,
    Runner,
    leptos::mount::UnmountHandle<impl leptos::tachys::view::Mountable>,
) {
    let cell: Rc<RefCell<Option<(Doc, Runner)>>> = Rc::new(RefCell::new(None));
    let inner = cell.clone();
    let handle = leptos::mount::mount_to(host(), move || {
        let doc = Doc::restore(kind, file);
        // The starter, whatever an earlier test autosaved.
        doc.open(file, "test");
        doc.replaced.set(None);
        let runner = Runner::new(doc);
        *inner.borrow_mut() = Some((doc, runner));
        match kind {
            Kind::Saml => view! {
                <provisim_web::saml::SamlWorkbench doc=provisim_web::saml_state::SamlState::new(doc)/>
            }
            .into_any(),
            Kind::Scim => view! { <provisim_web::scim_wb::ScimWorkbench doc=doc/> }.into_any(),
            Kind::Csv => view! { <provisim_web::csv_wb::CsvWorkbench doc=doc/> }.into_any(),
            Kind::Concurrency => {
                view! { <provisim_web::concurrency_wb::ConcurrencyWorkbench doc=doc/> }.into_any()
            }
            Kind::Batch => {
                let saml = Doc::new(Kind::Saml, provisim_web::examples::SAML_STARTER);
                view! { <BatchWorkbench doc=doc runner=runner saml=saml/> }.into_any()
            }
        }
    });
    let (doc, runner) = cell.borrow().unwrap();
    (doc, runner, handle)
}

#[wasm_bindgen_test]
async fn csv_workbench_marks_cleared_settings_and_offers_the_safe_csv() {
    let (doc, _, handle) = mount(
        Kind::Csv,
        include_str!(
            "../../../tests/scenarios/csv/csv-02-skills-only-wipes-license-and-queues.json"
        ),
    );
    tick().await;
    // CSV-02: the columns the upload leaves out are cleared, and said so in words, in the
    // headline, as a warning.
    assert_eq!(
        query("[data-testid='csv-decision'] .decision-title")
            .unwrap()
            .text_content()
            .unwrap(),
        "This upload clears 5 settings for 1 user"
    );
    assert!(by_test_id("csv-decision").class_list().contains("warn"));
    assert!(by_test_id("csv-cleared")
        .text_content()
        .unwrap()
        .contains("cleared, not kept"));
    assert!(query("[data-testid='csv-users'] tr[data-cleared='true']").is_some());
    // CSV-03: the safe CSV, put in the upload box, clears nothing.
    by_test_id("csv-use-safe")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert!(query("[data-testid='csv-cleared']").is_none());
    assert!(query("[data-testid='csv-users'] tr[data-cleared='true']").is_none());
    // CSV-04: one invalid cell rejects the whole upload.
    doc.input.update(|text| {
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        lines.push("not-an-email,,,,".to_string());
        *text = lines.join("\n");
    });
    tick().await;
    assert_eq!(
        by_test_id("csv-decision")
            .get_attribute("data-accepted")
            .unwrap(),
        "false"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn concurrency_workbench_follows_the_grace_field() {
    let (doc, _, handle) = mount(Kind::Concurrency, provisim_web::concurrency_wb::STARTER);
    tick().await;
    // LIC-03: an overage 1 s past the 30-minute grace period is billable.
    assert_eq!(
        by_test_id("capacity-decision")
            .get_attribute("data-billable")
            .unwrap(),
        "1"
    );
    let grace: web_sys::HtmlInputElement = by_test_id("capacity-grace_minutes").unchecked_into();
    grace.set_value("31");
    grace
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert!(doc
        .scenario
        .get_untracked()
        .contains("\"grace_minutes\": 31"));
    assert_eq!(
        by_test_id("capacity-decision")
            .get_attribute("data-billable")
            .unwrap(),
        "0"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn scim_workbench_answers_each_request_and_adds_one() {
    let (doc, _, handle) = mount(Kind::Scim, provisim_web::scim_wb::STARTER);
    tick().await;
    assert_eq!(
        by_test_id("request-1")
            .get_attribute("data-status")
            .unwrap(),
        "201"
    );
    // SCIM-06: the same userName again is a conflict.
    assert_eq!(
        by_test_id("request-3")
            .get_attribute("data-status")
            .unwrap(),
        "409"
    );
    by_test_id("add-get")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    tick().await;
    assert!(doc.scenario.get_untracked().contains("\"GET\""));
    assert_eq!(
        by_test_id("request-4")
            .get_attribute("data-status")
            .unwrap(),
        "200"
    );
    drop(handle);
}

/// A directory of `n` users the starter's rules sign in, with a long note each so that it is
/// larger than what runs as you type.
fn directory(n: usize) -> String {
    let mut text = String::from("name_id,title,note\n");
    for i in 0..n {
        text.push_str(&format!(
            "user{i}@example.com,Agent,a note long enough to make the directory large\n"
        ));
    }
    text
}

#[wasm_bindgen_test]
async fn batch_runs_in_chunks_and_cancel_keeps_a_partial_summary() {
    let (doc, runner, handle) = mount(Kind::Batch, batch_wb::STARTER);
    // The starter (100 agents) runs by itself.
    until(|| runner.result.with_untracked(Option::is_some)).await;
    assert!(by_test_id("batch-users")
        .text_content()
        .unwrap()
        .contains("100"));

    // A large directory waits for Run.
    let n = 10 * batch_wb::CHUNK;
    doc.input.set(directory(n));
    tick().await;
    assert!(doc.input.with_untracked(String::len) > batch_wb::AUTO_RUN_BYTES);
    // The 100 agents' outcome is not this directory's: it is marked out of date until Run.
    assert!(
        query("[data-testid='stale']").is_some(),
        "the old outcome is not marked"
    );
    runner.start(doc);
    // The progress bar shows while it runs (seen between two chunks).
    let mut seen = false;
    until(|| {
        seen |= query("[data-testid='batch-progress']").is_some();
        runner
            .result
            .with_untracked(|r| matches!(r, Some(Ok(f)) if f.total == n))
    })
    .await;
    assert!(seen, "no progress bar while the batch ran");
    tick().await;
    assert!(
        query("[data-testid='stale']").is_none(),
        "the new outcome is marked out of date"
    );
    let finished = runner.result.get_untracked().unwrap().unwrap();
    assert_eq!((finished.done, finished.cancelled), (n, false));
    assert_eq!(finished.report.users, n as u64);

    // Cancel: the run stops at a chunk boundary and keeps the summary of the users it ran.
    runner.start(doc);
    runner.cancel();
    until(|| runner.progress.with_untracked(Option::is_none)).await;
    let finished = runner.result.get_untracked().unwrap().unwrap();
    assert!(finished.cancelled);
    assert!(finished.done < n, "{} of {n}", finished.done);
    assert_eq!(finished.report.users, finished.done as u64);
    tick().await;
    assert!(by_test_id("batch-cancelled")
        .text_content()
        .unwrap()
        .contains("Cancelled"));
    drop(handle);
}

/// The corpus's Entra ID export (SCIM-08, SCIM-15).
const ENTRA_CASE: &str =
    include_str!("../../../tests/scenarios/scim/scim-08-entra-schema-import.json");

#[wasm_bindgen_test]
async fn scim_workbench_shows_what_an_idp_import_brought_in() {
    // SCIM-08: every imported row with where it came from, what was not simulated; SCIM-15: the
    // user the scoping filter leaves out says why in the timeline.
    let (_, _, handle) = mount(Kind::Scim, ENTRA_CASE);
    until(|| query("[data-testid=import-rows] tbody").is_some()).await;
    let import = by_test_id("idp-import-report");
    let rows = query("[data-testid=import-rows] tbody")
        .unwrap()
        .child_element_count();
    let text = import.text_content().unwrap();
    assert_eq!(rows, 11, "{text}");
    assert!(text.contains("Entra ID's provisioning schema"), "{text}");
    assert!(text.contains("only when the user is created"), "{text}");
    assert_eq!(by_test_id("import-warnings").child_element_count(), 4);
    assert!(by_test_id("import-scope")
        .text_content()
        .unwrap()
        .contains("department is \"Sales\""));
    let timeline = by_test_id("scim-timeline").text_content().unwrap();
    assert!(
        timeline.contains("not provisioned: sam@contoso.com does not pass the scoping filter"),
        "{timeline}"
    );
    drop(handle);
}

#[wasm_bindgen_test]
fn an_idp_import_replaces_the_mapping_table_or_says_why_not() {
    let case: serde_json::Value = serde_json::from_str(ENTRA_CASE).unwrap();
    let export = serde_json::to_string(&case["input"]["scim"]["idp"]["import"]).unwrap();
    let scenario = r#"{"provisim": 1, "scim": {"idp": {"mappings": [{"type": "direct", "source": "mail", "target": "userName", "matching": true}], "users": [{"attributes": {"mail": "a@contoso.com"}}]}}}"#;
    let made = provisim_web::scim_wb::with_import(scenario, "schema.json", &export).unwrap();
    let made: serde_json::Value = serde_json::from_str(&made).unwrap();
    let idp = &made["scim"]["idp"];
    assert!(idp.get("mappings").is_none(), "{idp}");
    assert_eq!(
        idp["import"]["synchronizationRules"][0]["name"],
        "USER_OUTBOUND_USER"
    );
    assert_eq!(
        idp["users"][0]["attributes"]["mail"], "a@contoso.com",
        "the IdP's users are kept"
    );
    // Not JSON: where, and what to do.
    let why =
        provisim_web::scim_wb::with_import(scenario, "schema.json", "{\n  \"a\": ,").unwrap_err();
    assert!(why.contains("is not JSON (line 2"), "{why}");
    // JSON, but neither Entra's nor Okta's shape: nothing changes, the core's reason is given.
    let why = provisim_web::scim_wb::with_import(scenario, "users.json", r#"{"Resources": []}"#)
        .unwrap_err();
    assert!(
        why.starts_with("`users.json` cannot be imported: "),
        "{why}"
    );
    // A scenario the JSON editor has problems with is not overwritten.
    let why = provisim_web::scim_wb::with_import("{", "schema.json", &export).unwrap_err();
    assert!(why.contains("JSON editor"), "{why}");
}

/// The rule swap of issue 17: `department contains "Sales"` → Licensed, then `"Sales Contractor"`
/// → None (SAML-04: the first match wins, so the second never decides).
const SALES_RULES: &str = r#"[{"attribute": "department", "value": "Sales", "result": "licensed"},
    {"attribute": "department", "value": "Sales Contractor", "result": "none"}]"#;

fn sales_scenario(rules: &str) -> String {
    format!(
        r#"{{"provisim": 1, "sso": {{"advanced": [{{"section": "license", "rules": {rules}}}]}},
            "batch": {{"users": "name_id,department\na@example.com,Sales\nb@example.com,Sales Contractor\nc@example.com,Support\nd@example.com,EMEA Sales Contractors\n"}}}}"#
    )
}

#[wasm_bindgen_test]
async fn compare_names_exactly_the_users_a_rule_swap_changes_and_cancel_stops_it() {
    let before = sales_scenario(SALES_RULES);
    let before: &'static str = Box::leak(before.into_boxed_str());
    let (doc, runner, handle) = mount(Kind::Batch, before);
    tick().await;
    // Nothing to compare against yet: Compare is disabled and says why.
    runner.compare.baseline.set(None);
    tick().await;
    assert!(by_test_id("compare-run").has_attribute("disabled"));
    click_test_id("compare-keep");
    tick().await;
    assert!(!by_test_id("compare-run").has_attribute("disabled"));
    // The swap: the None rule first.
    let mut swapped: Vec<serde_json::Value> = serde_json::from_str(SALES_RULES).unwrap();
    swapped.reverse();
    let after = sales_scenario(&serde_json::to_string(&swapped).unwrap());
    doc.open(&after, "the swap");
    tick().await;
    click_test_id("compare-run");
    until(|| runner.compare.result.with_untracked(Option::is_some)).await;
    tick().await;
    let compared = runner.compare.result.get_untracked().unwrap().unwrap();
    // SAML-04/SAML-11: exactly the users whose department contains "Sales Contractor".
    let changed: Vec<&str> = compared
        .report
        .changed_users
        .iter()
        .map(|u| u.email.as_str())
        .collect();
    assert_eq!(changed, ["b@example.com", "d@example.com"]);
    assert_eq!(
        by_test_id("compare-decision")
            .get_attribute("data-changed")
            .unwrap(),
        "2"
    );
    let users = by_test_id("compare-users").text_content().unwrap();
    assert!(
        users.contains("b@example.com") && !users.contains("a@example.com"),
        "{users}"
    );
    let csv = provisim_web::compare::changed_csv(&compared.report.changed_users, 0);
    assert_eq!(
        csv.lines().filter(|l| l.contains("b@example.com")).count(),
        compared.report.changed_users[0].fields.len()
    );
    assert!(
        csv.starts_with("row,email,field,before,before_rule"),
        "{csv}"
    );

    // A large directory: Cancel stops at a chunk boundary with what was compared.
    let n = 10 * batch_wb::CHUNK;
    doc.input.set(directory(n));
    tick().await;
    runner.compare.start(doc);
    runner.compare.cancel();
    until(|| runner.compare.progress.with_untracked(Option::is_none)).await;
    let compared = runner.compare.result.get_untracked().unwrap().unwrap();
    assert!(compared.cancelled);
    assert!(compared.done < n, "{} of {n}", compared.done);
    assert_eq!(compared.report.users, compared.done as u64);
    tick().await;
    assert!(by_test_id("compare-cancelled")
        .text_content()
        .unwrap()
        .contains("Cancelled"));
    drop(handle);
}

#[wasm_bindgen_test]
fn a_baseline_that_is_no_scenario_is_located_under_baseline() {
    let text = sales_scenario(SALES_RULES);
    let errors = provisim_web::compare::prepare(
        &text,
        r#"{"provisim": 1, "sso": {"advanced": [{"section": "licence"}]}}"#,
    )
    .unwrap_err();
    assert!(errors[0].path.starts_with("/baseline/sso"), "{errors:?}");
    let errors = provisim_web::compare::prepare(&text, "[1]").unwrap_err();
    assert_eq!(errors[0].path, "/baseline");
}
