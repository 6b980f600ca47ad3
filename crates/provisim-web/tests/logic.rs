//! The app's plain logic, run in the browser like the app: share links, JSON locations, routes,
//! the scenario document's edits, the settings table and the examples.
#![cfg(target_arch = "wasm32")]
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use provisim_core::saml::{Section, Values};
use provisim_core::settings::Settings;
use provisim_web::document::{self, Control, SETTINGS};
use provisim_web::examples::{Opens, EXAMPLES, SAML_STARTER};
use provisim_web::locate::locate;
use provisim_web::route::{self, Route};
use provisim_web::share::{self, ShareError};
use provisim_web::workbench::{self, Kind};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn share_links_round_trip_and_are_bounded() {
    let text = SAML_STARTER;
    let payload = share::encode(text).unwrap();
    assert!(payload.starts_with("1."));
    assert!(payload.len() < text.len(), "compressed: {}", payload.len());
    assert!(payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.'));
    assert_eq!(share::decode(&payload).unwrap(), text);

    // Too large: a clear error, not a broken link.
    // Text that does not compress: letters from a xorshift generator.
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let noise: String = (0..40_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            char::from(b'a' + (state % 26) as u8)
        })
        .collect();
    match share::encode(&noise) {
        Err(ShareError::TooLarge { chars }) => assert!(chars > share::MAX_PAYLOAD),
        other => panic!("{other:?}"),
    }
    assert!(share::encode(&noise)
        .unwrap_err()
        .to_string()
        .contains("export it as a file"));

    assert!(matches!(share::decode("2.abc"), Err(ShareError::UnknownFormat(f)) if f == "2"));
    assert_eq!(share::decode("1.%%%"), Err(ShareError::Corrupt));
    assert_eq!(share::decode("nodot"), Err(ShareError::Corrupt));
    let cut = &payload[..payload.len() / 2];
    assert!(share::decode(cut).is_err());
}

#[wasm_bindgen_test]
fn routes_parse_with_and_without_a_shared_scenario() {
    assert_eq!(route::parse("").route, Route::Start);
    assert_eq!(route::parse("#/").route, Route::Start);
    assert_eq!(route::parse("#/seats").route, Route::Seats);
    assert_eq!(Route::Start.href(), "#/");
    assert!(!Route::Start.is_workbench());
    assert_eq!(route::parse("#/saml").route, Route::Saml);
    assert_eq!(route::parse("#/examples/").route, Route::Examples);
    let place = route::parse("#/saml?s=1.abc");
    assert_eq!(
        (place.route, place.shared.as_deref(), place.known),
        (Route::Saml, Some("1.abc"), true)
    );
    assert_eq!(route::parse("#/scim").route, Route::Scim);
    assert_eq!(
        route::parse("#/concurrency?s=1.x").route,
        Route::Concurrency
    );
    let unknown = route::parse("#/nowhere");
    assert_eq!((unknown.route, unknown.known), (Route::Start, false));
    assert_eq!(Route::Saml.share_href("1.x"), "#/saml?s=1.x");
    for r in Route::NAV {
        assert_eq!(route::parse(&r.href()).route, r);
    }
}

#[wasm_bindgen_test]
fn pointers_are_located_at_their_line() {
    let text = "{\n  \"a\": [\n    {\"b\": 1},\n    {\"b\": \"x/y\", \"c~d\": 2}\n  ]\n}\n";
    assert_eq!(locate(text, ""), Some((1, 1)));
    assert_eq!(locate(text, "/a"), Some((2, 3)));
    assert_eq!(locate(text, "/a/1"), Some((4, 5)));
    assert_eq!(locate(text, "/a/1/b"), Some((4, 6)));
    assert_eq!(locate(text, "/a/1/c~0d"), Some((4, 18)));
    // A missing member: its nearest ancestor.
    assert_eq!(locate(text, "/a/1/missing"), Some((4, 5)));
    assert_eq!(locate("{", "/a"), None);
}

#[wasm_bindgen_test]
fn validation_errors_get_a_line() {
    let text = SAML_STARTER.replace("\"1000\"", "\"999\"");
    let parsed = document::parse(&text);
    assert!(parsed.draft.is_some(), "the form can still show it");
    let error = parsed.error_at("/sso/advanced/1/rules/0/result").unwrap();
    let line = text.lines().position(|l| l.contains("\"999\"")).unwrap() + 1;
    assert_eq!(error.line, Some(line));
}

#[wasm_bindgen_test]
fn every_setting_is_in_the_form_and_every_choice_is_valid() {
    let defaults = serde_json::to_value(Settings::default()).unwrap();
    let keys: Vec<&String> = defaults.as_object().unwrap().keys().collect();
    for key in &keys {
        assert!(
            SETTINGS.iter().any(|f| f.key == key.as_str()),
            "setting `{key}` has no field in the form (document::SETTINGS)"
        );
    }
    assert_eq!(SETTINGS.len(), keys.len());
    for field in SETTINGS {
        assert!(provisim_core::rules::text(field.rule).is_some());
        if let Control::Choice(choices) = field.control {
            for (value, _) in choices {
                let mut settings = Settings::default();
                assert!(
                    document::set_setting(
                        &mut settings,
                        field.key,
                        serde_json::Value::String((*value).into())
                    ),
                    "{}: `{value}`",
                    field.key
                );
                assert_eq!(
                    document::setting(&settings, field.key),
                    Some(serde_json::Value::String((*value).into()))
                );
            }
        }
    }
    for plan in document::PLANS {
        assert!(document::plan(plan).is_some(), "{plan}");
    }
}

#[wasm_bindgen_test]
fn lines_round_trip_exactly() {
    for text in ["", "a", "a\n", "a\nb", "CN=Sales,OU=Groups\nx"] {
        assert_eq!(
            document::lines_from_values(&document::values_from_lines(text)),
            text
        );
    }
    assert_eq!(document::values_from_lines("a"), Values::One("a".into()));
    let mut items = vec![1, 2, 3];
    assert_eq!(document::move_item(&mut items, 0, true), None);
    assert_eq!(document::move_item(&mut items, 2, false), None);
    assert_eq!(document::move_item(&mut items, 1, true), Some(0));
    assert_eq!(items, vec![2, 1, 3]);
}

#[wasm_bindgen_test]
fn rules_get_results_from_valid_lists() {
    let mut scenario = document::parse(SAML_STARTER).draft.unwrap();
    scenario.account.sub_accounts = vec!["emea".into()];
    let i = document::add_section(&mut scenario, Section::SubAccount);
    let j = document::add_rule(&mut scenario, i).unwrap();
    assert_eq!(scenario.sso.advanced[i].rules[j].result.first(), "emea");
    assert!(!document::sections_to_add(&scenario).contains(&Section::SubAccount));
    assert_eq!(
        document::result_choices(&scenario.account, Section::License).unwrap(),
        vec!["basic", "licensed", "on_prem", "none"]
    );
    assert_eq!(
        document::result_choices(&scenario.account, Section::UserRole),
        None
    );
}

#[wasm_bindgen_test]
fn every_example_opens_a_valid_scenario_with_an_outcome() {
    assert!(document::parse(SAML_STARTER).is_valid());
    for example in EXAMPLES {
        match example.opens {
            Opens::Doc(Kind::Saml, file) => {
                let (text, input) = workbench::split(Kind::Saml, file);
                assert_eq!(input, None, "{}", example.id);
                let parsed = document::parse(&text);
                assert!(parsed.is_valid(), "{}: {:?}", example.id, parsed.errors);
                let outcome = provisim_web::outcome::simulate(parsed.draft.as_ref().unwrap());
                assert!(outcome.is_ok(), "{}", example.id);
            }
            Opens::Doc(kind, file) => {
                let (scenario, input) = workbench::split(kind, file);
                let combined =
                    workbench::combine(kind, &scenario, &input.unwrap_or_default()).unwrap();
                assert!(run(kind, &combined).is_ok(), "{}", example.id);
            }
            Opens::Seats { .. } => {
                let form = example.seat_form().unwrap();
                let text = form.scenario_text().unwrap();
                assert_eq!(
                    provisim_web::seats::SeatForm::from_scenario_text(&text).unwrap(),
                    form
                );
            }
        }
    }
    assert_eq!(
        provisim_web::document::file_name("A salesperson's first sign-in"),
        "provisim-a-salesperson-s-first-sign-in.json"
    );
}

/// Runs a two-part workbench's engine on a combined scenario; the errors when it has any.
fn run(kind: Kind, text: &str) -> Result<(), Vec<provisim_core::input::InputError>> {
    match kind {
        Kind::Saml => provisim_core::api::simulate_sign_in(text).map(drop),
        Kind::Scim => provisim_core::api::simulate_scim(text).map(drop),
        Kind::Csv => provisim_core::api::diff_csv(text).map(drop),
        Kind::Concurrency => provisim_core::api::simulate_capacity(text).map(drop),
        Kind::Batch => provisim_core::api::simulate_batch(text).map(drop),
    }
}

#[wasm_bindgen_test]
fn every_starter_splits_and_combines_into_a_scenario_with_an_outcome() {
    for (kind, starter) in [
        (Kind::Saml, provisim_web::examples::SAML_STARTER),
        (Kind::Scim, provisim_web::scim_wb::STARTER),
        (Kind::Csv, provisim_web::csv_wb::STARTER),
        (Kind::Concurrency, provisim_web::concurrency_wb::STARTER),
        (Kind::Batch, provisim_web::batch_wb::STARTER),
    ] {
        let (scenario, input) = workbench::split(kind, starter);
        // The file part is out of the JSON editor's text, and goes back in the same place.
        assert_eq!(input.is_some(), kind.slot().is_some(), "{kind:?}");
        let input = input.unwrap_or_default();
        let combined = workbench::combine(kind, &scenario, &input).unwrap();
        let expected = (scenario.clone(), kind.slot().map(|_| input.clone()));
        assert_eq!(workbench::split(kind, &combined), expected, "{kind:?}");
        assert!(
            run(kind, &combined).is_ok(),
            "{kind:?}: {:?}",
            run(kind, &combined)
        );
    }
}

#[wasm_bindgen_test]
fn combine_puts_the_file_in_its_slot_and_reports_malformed_json_at_its_line() {
    let combined = workbench::combine(Kind::Csv, "{\"provisim\": 1}", "Email\na@x.com\n").unwrap();
    let value: serde_json::Value = serde_json::from_str(&combined).unwrap();
    assert_eq!(value["csv"]["text"], "Email\na@x.com\n");
    let combined =
        workbench::combine(Kind::Concurrency, "{\"pool\": 2}", "user,start,end\n").unwrap();
    let value: serde_json::Value = serde_json::from_str(&combined).unwrap();
    assert_eq!(value["sessions"], "user,start,end\n");
    // A batch whose users are a JSON list keeps them while the directory box is empty.
    let list = "{\"provisim\": 1, \"batch\": {\"users\": [{\"name_id\": \"a@x.com\"}]}}";
    let value: serde_json::Value =
        serde_json::from_str(&workbench::combine(Kind::Batch, list, "").unwrap()).unwrap();
    assert!(value["batch"]["users"].is_array());
    // Malformed JSON: the error is at its line and column.
    let error = workbench::combine(Kind::Csv, "{\n  \"provisim\": 1,\n  oops\n}", "").unwrap_err();
    assert_eq!(error.line, Some(3));
    let error = workbench::combine(Kind::Csv, "{\"csv\": 3}", "x").unwrap_err();
    assert_eq!(error.path, "/csv");
    // Errors inside the file go to the file panel; the rest are located in the scenario text.
    let scenario = "{\n  \"provisim\": 1,\n  \"settings\": {\"x\": 1}\n}\n";
    let (file, rest) = workbench::sort_errors(
        Kind::Csv,
        scenario,
        vec![
            provisim_core::input::InputError::new("/csv/text", "row 2 is bad"),
            provisim_core::input::InputError::new("/settings/x", "unknown setting"),
        ],
    );
    assert_eq!(file.len(), 1);
    assert_eq!(rest[0].line, Some(3));
    // A line the engine found in the combined text (keys reordered, the file part put in) is
    // replaced by the line of the editor's text.
    let mut late = provisim_core::input::InputError::new("/settings/x", "invalid type");
    late.line = Some(9);
    late.column = Some(4);
    // So is one about the whole document; only the scenario's own syntax errors keep theirs.
    let mut root = provisim_core::input::InputError::new("", "missing field `x`");
    root.line = Some(9);
    let malformed = workbench::combine(Kind::Csv, "{\n  oops\n}", "").unwrap_err();
    let (_, rest) = workbench::sort_errors(Kind::Csv, scenario, vec![late, root, malformed]);
    assert_eq!((rest[0].line, rest[0].column), (Some(3), Some(16)));
    assert_eq!(rest[1].line, Some(1));
    assert_eq!(rest[2].line, Some(2));
}

#[wasm_bindgen_test]
fn the_embed_docs_page_carries_valid_shared_scenarios() {
    let page = include_str!("../../../web/embed/workbench.html");
    let mut found = 0;
    for (kind, name) in [(Kind::Concurrency, "concurrency"), (Kind::Csv, "csv")] {
        let marker = format!("?embed={name}#/{name}?s=");
        let start = page.find(&marker).unwrap() + marker.len();
        let payload: String = page[start..].chars().take_while(|c| *c != '"').collect();
        let text = share::decode(&payload).unwrap();
        let (scenario, input) = workbench::split(kind, &text);
        let combined = workbench::combine(kind, &scenario, &input.unwrap_or_default()).unwrap();
        assert!(run(kind, &combined).is_ok(), "{name}");
        found += 1;
    }
    assert_eq!(found, 2);
}

#[wasm_bindgen_test]
fn a_binary_file_is_said_to_be_one() {
    use provisim_web::browser::text_of;
    // An .xlsx is a zip: it starts "PK\x03\x04" and holds NUL bytes.
    let why = text_of("users.xlsx", b"PK\x03\x04\x14\x00\x06\x00".to_vec()).unwrap_err();
    assert!(why.contains("is not a text file"), "{why}");
    // Latin-1 "é" (0xE9) is not UTF-8: the byte is named and the fix said.
    let why = text_of("users.csv", b"email,name\na@x.com,Ren\xe9".to_vec()).unwrap_err();
    assert!(why.contains("byte 23") && why.contains("UTF-8"), "{why}");
    // Excel's "CSV UTF-8" begins with a byte-order mark, which is not part of the first header.
    assert_eq!(
        text_of("users.csv", b"\xef\xbb\xbfemail\n".to_vec()).unwrap(),
        "email\n"
    );
}

#[wasm_bindgen_test]
fn attribute_rows_keep_their_order_and_ids_when_names_change() {
    use provisim_web::saml_state::{reconcile_rows, row_problem, AttributeRow};
    let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    // First shown: the scenario's order, ids 0…
    let rows = reconcile_rows(&[], &names(&["department", "title"]));
    assert_eq!(
        rows.iter()
            .map(|r| (r.id, r.key.as_str()))
            .collect::<Vec<_>>(),
        [(0, "department"), (1, "title")]
    );
    // `title` renamed `Aardvark` (sorted first in the scenario): the row stays second, same id.
    let renamed = vec![
        rows[0].clone(),
        AttributeRow {
            id: 1,
            key: "Aardvark".into(),
            typed: "Aardvark".into(),
        },
    ];
    let again = reconcile_rows(&renamed, &names(&["Aardvark", "department"]));
    assert_eq!(again, renamed);
    // A name the JSON adds gets a new row at the end; one it drops loses its row.
    let added = reconcile_rows(&renamed, &names(&["Aardvark", "zeta"]));
    assert_eq!(
        added
            .iter()
            .map(|r| (r.id, r.key.as_str()))
            .collect::<Vec<_>>(),
        [(1, "Aardvark"), (2, "zeta")]
    );
    // A name typed that another row has is a problem of that row only, said in words.
    let clash = vec![
        rows[0].clone(),
        AttributeRow {
            id: 1,
            key: "title".into(),
            typed: "department".into(),
        },
    ];
    assert_eq!(row_problem(&clash, &clash[0]), None);
    let why = row_problem(&clash, &clash[1]).unwrap();
    assert!(why.contains("already named “department”"), "{why}");
}

#[wasm_bindgen_test]
fn the_pool_fields_take_whole_numbers_only_and_the_grace_period_may_be_empty() {
    // LIC-02, LIC-03: the form's reading of the pool and the grace period.
    use provisim_web::concurrency_wb::FIELDS;
    let [pool, grace] = FIELDS;
    assert_eq!(pool.read(" 25 "), Ok(Some(25)));
    assert!(pool.read("").unwrap_err().contains("empty"));
    for bad in ["-1", "1.5", "two", "99999999999"] {
        let why = pool.read(bad).unwrap_err();
        assert!(why.contains(&format!("“{bad}”")), "{why}");
    }
    assert_eq!(grace.read(""), Ok(None));
    assert!(grace.read("-3").unwrap_err().contains("minutes"));
}

#[wasm_bindgen_test]
fn the_patch_starter_patches_a_user_that_exists() {
    // SCIM-02: the PATCH starter names a user the requests before it leave in the directory.
    use provisim_web::scim_wb::add_request;
    let text = add_request(provisim_web::scim_wb::STARTER, "patch").unwrap();
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let requests = value["scim"]["requests"].as_array().unwrap();
    assert_eq!(requests.last().unwrap()["path"], "/scim2/Users/zoom-1");
    let report = provisim_core::api::simulate_scim(&text).unwrap();
    let status = report.results.last().unwrap().status;
    assert!(status == 200 || status == 204, "{status}");
    // No user at all: one is created first, then patched.
    let text = add_request("{\"provisim\": 1}", "patch").unwrap();
    let report = provisim_core::api::simulate_scim(&text).unwrap();
    let statuses: Vec<u16> = report.results.iter().map(|r| r.status).collect();
    assert_eq!(statuses[0], 201);
    assert!(matches!(statuses[1], 200 | 204), "{statuses:?}");
}
