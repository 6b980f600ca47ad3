//! The configuration lint and the impact of a change (issue 17): every finding kind has a case that
//! raises it and one that does not; the gallery's documented traps each raise theirs; the impact of
//! the SAML rule swap names exactly the users it hits.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use provisim_core::batch::{BatchUser, BatchUsers};
use provisim_core::impact::{self, Field, Impact};
use provisim_core::lint::{lint, Finding, Severity};
use provisim_core::saml::Values;
use provisim_core::scenario::{self, Scenario};
use provisim_core::{api, rules};

fn parse(text: &str) -> Scenario {
    scenario::parse(text).unwrap_or_else(|e| panic!("invalid scenario: {e:?}"))
}

fn findings(text: &str) -> Vec<Finding> {
    lint(&parse(text))
}

/// The findings of `rule`.
fn of(text: &str, rule: &str) -> Vec<Finding> {
    findings(text)
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn sso(sections: &str) -> String {
    format!(r#"{{"provisim": 1, "sso": {{"advanced": [{sections}]}}}}"#)
}

const SALES: &str = r#"{"section": "license", "rules": [
    {"attribute": "department", "value": "Sales", "result": "licensed"},
    {"attribute": "department", "value": "Sales Contractor", "result": "none"}]}"#;
const SALES_SWAPPED: &str = r#"{"section": "license", "rules": [
    {"attribute": "department", "value": "Sales Contractor", "result": "none"},
    {"attribute": "department", "value": "Sales", "result": "licensed"}]}"#;

#[test]
fn saml_04_a_rule_whose_value_contains_an_earlier_one_is_unreachable() {
    let shadowed = sso(r#"{"section": "user_role", "rules": [
        {"attribute": "dept", "value": "Support", "result": "Member"},
        {"attribute": "dept", "value": "support tier 2", "result": "Admin"}]}"#);
    let f = of(&shadowed, rules::SAML_04);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
    assert!(f[0].message.contains("case is ignored"), "{}", f[0].message);
    // Case-sensitively, `support tier 2` does not contain `Support`: reachable.
    let sensitive = shadowed.replacen(
        r#""provisim": 1,"#,
        r#""provisim": 1, "settings": {"case_sensitive": true},"#,
        1,
    );
    assert!(of(&sensitive, rules::SAML_04).is_empty());
    // The specific rule first: both reachable.
    let ordered = sso(r#"{"section": "user_role", "rules": [
        {"attribute": "dept", "value": "Support Tier 2", "result": "Admin"},
        {"attribute": "dept", "value": "Support", "result": "Member"}]}"#);
    assert!(of(&ordered, rules::SAML_04).is_empty());
    // Another attribute is another condition.
    let other = sso(r#"{"section": "user_role", "rules": [
        {"attribute": "dept", "value": "Support", "result": "Member"},
        {"attribute": "title", "value": "Support Lead", "result": "Admin"}]}"#);
    assert!(of(&other, rules::SAML_04).is_empty());
}

#[test]
fn saml_04_exact_duplicates_are_redundant() {
    let duplicate = sso(r#"{"section": "user_group", "rules": [
        {"attribute": "dept", "value": "Sales", "result": ["Sales"]},
        {"attribute": "dept", "value": "Sales", "result": ["Sales"]}]}"#);
    let f = of(&duplicate, rules::SAML_04);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].message.contains("repeats rule #1"), "{}", f[0].message);
    let distinct = sso(r#"{"section": "user_group", "rules": [
        {"attribute": "dept", "value": "Sales", "result": ["Sales"]},
        {"attribute": "dept", "value": "Support", "result": ["Support"]}]}"#);
    assert!(of(&distinct, rules::SAML_04).is_empty());
}

#[test]
fn saml_05_webinar_rules_stop_at_their_own_first_match_only() {
    let repeated = sso(r#"{"section": "webinar", "rules": [
        {"attribute": "g", "value": "events", "result": "500"},
        {"attribute": "g", "value": "events", "result": "1000"}]}"#);
    let f = of(&repeated, rules::SAML_05);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
    // The same pair in Webinars and in Large Meeting is matched independently: no finding.
    let both = sso(
        r#"{"section": "webinar", "rules": [{"attribute": "g", "value": "events", "result": "500"}]},
           {"section": "large_meeting", "rules": [{"attribute": "g", "value": "events", "result": "500"}]}"#,
    );
    assert!(findings(&both)
        .iter()
        .all(|f| f.rule != rules::SAML_05 && f.rule != rules::SAML_04));
}

#[test]
fn saml_11_a_none_rule_after_a_broader_rule_never_blocks() {
    let f = of(&sso(SALES), rules::SAML_11);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
    assert!(f[0].message.contains("never blocks anyone"));
    // Swapped, the None rule is first: it is reachable, and only a note says it wins over the rest.
    let swapped = of(&sso(SALES_SWAPPED), rules::SAML_11);
    assert_eq!(swapped.len(), 1);
    assert_eq!(swapped[0].severity, Severity::Info);
    assert_eq!(swapped[0].pointer, "/sso/advanced/0/rules/0");
}

#[test]
fn saml_11_a_none_rule_first_blocks_the_rules_it_shadows() {
    let blocking = sso(r#"{"section": "license", "rules": [
        {"attribute": "d", "value": "Sales", "result": "none"},
        {"attribute": "d", "value": "Sales EMEA", "result": "licensed"}]}"#);
    let f = of(&blocking, rules::SAML_11);
    assert!(
        f.iter().any(|f| f.severity == Severity::Error
            && f.pointer == "/sso/advanced/0/rules/1"
            && f.message.contains("refused instead")),
        "{f:?}"
    );
    // No None rule: nothing of SAML-11.
    let none = sso(
        r#"{"section": "license", "rules": [{"attribute": "d", "value": "Sales", "result": "licensed"}]}"#,
    );
    assert!(of(&none, rules::SAML_11).is_empty());
}

#[test]
fn saml_09_a_none_default_refuses_every_unmatched_new_user() {
    let with_rules = r#"{"provisim": 1, "sso": {"basic": {"default_license": "none"},
        "advanced": [{"section": "license", "rules": [{"attribute": "g", "value": "zoom", "result": "licensed"}]}]}}"#;
    let f = of(with_rules, rules::SAML_09);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].pointer, "/sso/basic/default_license");
    let no_rules = r#"{"provisim": 1, "sso": {"basic": {"default_license": "none"}}}"#;
    assert_eq!(of(no_rules, rules::SAML_09)[0].severity, Severity::Error);
    let basic = r#"{"provisim": 1, "sso": {"basic": {"default_license": "basic"}}}"#;
    assert!(of(basic, rules::SAML_09).is_empty());
}

#[test]
fn saml_07_a_section_without_its_plan_is_inert() {
    let section = r#"{"section": "whiteboard", "rules": [{"attribute": "g", "value": "x", "result": "Whiteboard"}]}"#;
    let f = of(&sso(section), rules::SAML_07);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].pointer, "/sso/advanced/0/section");
    let with_plan = sso(section).replacen(
        r#""provisim": 1,"#,
        r#""provisim": 1, "account": {"plans": ["whiteboard"]},"#,
        1,
    );
    assert!(of(&with_plan, rules::SAML_07).is_empty());
}

#[test]
fn saml_42_wfm_and_qm_sections_are_inert_by_default() {
    let text = r#"{"provisim": 1, "account": {"plans": ["contact_center"]}, "sso": {"advanced": [
        {"section": "workforce_management", "rules": [{"attribute": "g", "value": "x", "result": "WFM"}]}]}}"#;
    let f = of(text, rules::SAML_42);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("Conflict"));
    let on = text.replacen(
        r#""provisim": 1,"#,
        r#""provisim": 1, "settings": {"wfm_qm_through_saml": true},"#,
        1,
    );
    assert!(of(&on, rules::SAML_42).is_empty());
}

#[test]
fn saml_08_rules_do_not_apply_to_the_owner() {
    let text = r#"{"provisim": 1, "user": {"email": "o@x.com", "owner": true},
        "sso": {"advanced": [{"section": "user_role", "rules": [{"attribute": "g", "value": "x", "result": "Admin"}]}]}}"#;
    let f = of(text, rules::SAML_08);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].pointer, "/user/owner");
    // Only the seeds' sections: User Role is one of them (SAML-21).
    let seed = text.replacen(
        r#""provisim": 1,"#,
        r#""provisim": 1, "settings": {"owner_exemption": "seed_sections"},"#,
        1,
    );
    assert_eq!(of(&seed, rules::SAML_21).len(), 1);
    let member = text.replace(r#""owner": true"#, r#""owner": false"#);
    assert!(of(&member, rules::SAML_08).is_empty());
}

#[test]
fn saml_20_sections_below_the_sub_account_are_lost_to_its_users() {
    let text = r#"{"provisim": 1, "account": {"sub_accounts": ["emea"]}, "sso": {"advanced": [
        {"section": "sub_account", "rules": [{"attribute": "r", "value": "EMEA", "result": "emea"}]},
        {"section": "user_group", "rules": [{"attribute": "r", "value": "EMEA", "result": ["EMEA"]}]}]}}"#;
    let f = of(text, rules::SAML_20);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("User Group"));
    // License Assignment comes before the sub-account section: it still applies.
    let above = r#"{"provisim": 1, "account": {"sub_accounts": ["emea"]}, "sso": {"advanced": [
        {"section": "sub_account", "rules": [{"attribute": "r", "value": "EMEA", "result": "emea"}]},
        {"section": "license", "rules": [{"attribute": "r", "value": "EMEA", "result": "licensed"}]}]}}"#;
    assert!(of(above, rules::SAML_20).is_empty());
}

#[test]
fn saml_31_a_calling_plan_with_a_basic_mapped_extension_needs_two_sign_ins() {
    let text = r#"{"provisim": 1, "account": {"plans": ["phone_calling_plans"]},
        "sso": {"basic": {"phone_extension": "ext"}, "advanced": [
        {"section": "phone_calling_plan", "rules": [{"attribute": "g", "value": "phone", "result": "US"}]}]}}"#;
    assert_eq!(of(text, rules::SAML_31).len(), 1);
    let no_extension = text.replace(r#""phone_extension": "ext""#, "");
    assert!(of(&no_extension, rules::SAML_31).is_empty());
    let as_applied = text.replacen(
        r#""provisim": 1,"#,
        r#""provisim": 1, "settings": {"prerequisites": "as_applied"},"#,
        1,
    );
    assert!(of(&as_applied, rules::SAML_31).is_empty());
}

#[test]
fn saml_14_an_add_on_of_another_type_than_users_hold() {
    let text = |held: &str| {
        format!(
            r#"{{"provisim": 1, "directory": [{{"email": "a@x.com", "addons": {{"webinar": "{held}"}}}}],
            "sso": {{"advanced": [{{"section": "webinar", "rules": [{{"attribute": "g", "value": "x", "result": "1000"}}]}}]}}}}"#
        )
    };
    let f = of(&text("500"), rules::SAML_14);
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("`500`") && f[0].message.contains("a@x.com"));
    assert!(of(&text("1000"), rules::SAML_14).is_empty());
}

#[test]
fn saml_16_zra_rules_cannot_assign_basic_users() {
    let text = |license: &str| {
        format!(
            r#"{{"provisim": 1, "account": {{"plans": ["revenue_accelerator"]}},
            "directory": [{{"email": "a@x.com", "license": "{license}"}}],
            "sso": {{"advanced": [
              {{"section": "license", "rules": [{{"attribute": "g", "value": "sales", "result": "licensed"}}]}},
              {{"section": "revenue_accelerator", "rules": [{{"attribute": "g", "value": "sales", "result": "ZRA"}}]}}]}}}}"#
        )
    };
    let basic = of(&text("basic"), rules::SAML_16);
    assert!(
        basic
            .iter()
            .any(|f| f.severity == Severity::Warning && f.message.contains("a@x.com")),
        "{basic:?}"
    );
    let licensed = of(&text("licensed"), rules::SAML_16);
    assert!(
        licensed.iter().all(|f| f.severity == Severity::Info),
        "{licensed:?}"
    );
}

#[test]
fn lic_07_a_concurrent_elite_pool_smaller_than_its_agents() {
    let seats = |wfm: u32| {
        format!(
            r#"{{"provisim": 1, "seats": {{"agents": 100, "package": "elite", "licensing": "concurrent", "pool": 25,
                "addons": {{"wfm": {wfm}, "qm": {wfm}}}}}}}"#
        )
    };
    let f = of(&seats(0), rules::LIC_07);
    assert!(!f.is_empty());
    assert!(f.iter().all(|f| f.pointer == "/seats/pool"));
    assert!(f[0].message.contains("75"), "{}", f[0].message);
    assert!(of(&seats(75), rules::LIC_07).is_empty());
}

#[test]
fn scim_05_an_update_type_template_sent_on_create() {
    let text = |template: &str| {
        format!(
            r#"{{"provisim": 1, "account": {{"cc_templates": [{{"name": "Add", "kind": "add"}}, {{"name": "Move", "kind": "update"}}]}},
            "scim": {{"requests": [{{"method": "POST", "path": "/scim2/Users", "body": {{"userName": "a@x.com",
              "urn:ietf:params:scim:schemas:extension:zoom:1.0:User": {{"zoomContactCenterUserTemplate": "{template}"}}}}}}]}}}}"#
        )
    };
    let f = of(&text("Move"), rules::SCIM_05);
    assert_eq!(f.len(), 1);
    assert_eq!(
        f[0].pointer,
        "/scim/requests/0/body/urn:ietf:params:scim:schemas:extension:zoom:1.0:User/zoomContactCenterUserTemplate"
    );
    assert!(of(&text("Add"), rules::SCIM_05).is_empty());
}

#[test]
fn saml_41_a_new_user_template_for_existing_agents() {
    let text = |package: &str| {
        format!(
            r#"{{"provisim": 1, "account": {{"plans": ["contact_center"], "cc_templates": [{{"name": "T", "kind": "add"}}]}},
            "directory": [{{"email": "a@x.com"{package}}}],
            "sso": {{"advanced": [{{"section": "cc_new_user_template", "rules": [{{"attribute": "g", "value": "cc", "result": "T"}}]}}]}}}}"#
        )
    };
    let f = of(
        &text(r#", "contact_center": {"package": "premium"}"#),
        rules::SAML_41,
    );
    assert_eq!(f.len(), 1);
    assert!(f[0].message.contains("a@x.com"));
    assert!(of(&text(""), rules::SAML_41).is_empty());
}

fn idp(mappings: &str, users: &str, extra: &str) -> String {
    format!(
        r#"{{"provisim": 1{extra}, "scim": {{"requests": [], "idp": {{"mappings": [{mappings}], "users": [{users}]}}}}}}"#
    )
}

const MATCHING: &str =
    r#"{"type": "direct", "source": "userPrincipalName", "target": "userName", "matching": true}"#;

#[test]
fn scim_08_only_during_creation_on_an_attribute_saml_keeps_changing() {
    let mapping = format!(
        r#"{MATCHING}, {{"type": "direct", "source": "department", "target": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "apply": "only_during_creation"}}"#
    );
    let saml = r#", "sso": {"basic": {"department": "dept"}}"#;
    let f: Vec<Finding> = of(&idp(&mapping, "", saml), rules::SCIM_08)
        .into_iter()
        .filter(|f| f.pointer.ends_with("/apply"))
        .collect();
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].pointer, "/scim/idp/mappings/1/apply");
    assert!(of(&idp(&mapping, "", ""), rules::SCIM_08).is_empty());
}

#[test]
fn scim_08_a_default_if_null_on_an_always_applied_mapping() {
    let mapping = |apply: &str| {
        format!(
            r#"{MATCHING}, {{"type": "direct", "source": "title", "default_if_null": "Staff", "target": "title", "apply": "{apply}"}}"#
        )
    };
    let f = of(&idp(&mapping("always"), "", ""), rules::SCIM_08);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].pointer, "/scim/idp/mappings/1/default_if_null");
    assert!(of(
        &idp(&mapping("only_during_creation"), "", ""),
        rules::SCIM_08
    )
    .is_empty());
}

#[test]
fn scim_08_a_mapping_table_without_a_matching_attribute() {
    let none = r#"{"type": "direct", "source": "userPrincipalName", "target": "userName"}"#;
    let f = of(&idp(none, "", ""), rules::SCIM_08);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(f[0].message.contains("matching attribute"));
    assert!(of(&idp(MATCHING, "", ""), rules::SCIM_08).is_empty());
}

#[test]
fn lic_09_a_scope_that_provisions_beyond_9999_basic_users() {
    let users = r#"{"attributes": {"userPrincipalName": "a@x.com"}}, {"attributes": {"userPrincipalName": "b@x.com"}}"#;
    let over = idp(MATCHING, users, r#", "account": {"basic_users": 9998}"#);
    let f = of(&over, rules::LIC_09);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].pointer, "/scim/idp/users");
    assert!(f[0].message.contains("10000"), "{}", f[0].message);
    let under = idp(MATCHING, users, r#", "account": {"basic_users": 9997}"#);
    assert!(of(&under, rules::LIC_09).is_empty());
    // Out of scope, they are not provisioned.
    let out_of_scope = idp(
        MATCHING,
        &users.replace("}}", "}, \"in_scope\": false}"),
        r#", "account": {"basic_users": 9998}"#,
    );
    assert!(of(&out_of_scope, rules::LIC_09).is_empty());
}

#[test]
fn findings_are_sorted_by_severity_then_document_order() {
    let mut rules_json = Vec::new();
    for i in 0..12 {
        rules_json.push(format!(
            r#"{{"attribute": "d", "value": "v{i}", "result": "Member"}}, {{"attribute": "d", "value": "v{i}x", "result": "Admin"}}"#
        ));
    }
    let text = sso(&format!(
        r#"{{"section": "user_role", "rules": [{}]}}"#,
        rules_json.join(",")
    ));
    let f = findings(&text);
    let pointers: Vec<&str> = f.iter().map(|f| f.pointer.as_str()).collect();
    // v1x is shadowed by v1, and v10x, v11x by v1 too; in document order, 23 after 3.
    assert_eq!(pointers.first(), Some(&"/sso/advanced/0/rules/1"));
    let three = pointers.iter().position(|p| p.ends_with("/rules/3"));
    let twenty_three = pointers.iter().position(|p| p.ends_with("/rules/23"));
    assert!(three < twenty_three, "{pointers:?}");
    assert_eq!(findings(&text), f, "deterministic");
}

#[test]
fn the_gallery_traps_each_raise_their_finding() {
    // crates/provisim-web/src/examples.rs: every documented trap that is a scenario. The
    // concurrency example (capacity-lic-03) is a session log, not a configuration: nothing to lint.
    let cases: [(&str, &str); 11] = [
        (
            include_str!("../../../tests/scenarios/saml/saml-04-first-match.json"),
            rules::SAML_04,
        ),
        (
            include_str!("../../../tests/scenarios/saml/saml-13-addon-removed.json"),
            rules::SAML_13,
        ),
        (
            include_str!("../../../tests/scenarios/saml/saml-08-owner-exempt.json"),
            rules::SAML_08,
        ),
        (
            include_str!("../../../tests/scenarios/saml/saml-11-none-blocks.json"),
            rules::SAML_11,
        ),
        (
            include_str!("../../../tests/scenarios/saml/saml-09-default-license-none.json"),
            rules::SAML_09,
        ),
        (
            include_str!("../../../tests/scenarios/saml/saml-22-groups-overwritten.json"),
            rules::SAML_22,
        ),
        (
            include_str!("../../../tests/scenarios/saml/saml-20-sub-account.json"),
            rules::SAML_20,
        ),
        (
            include_str!("../../../tests/scenarios/saml/saml-31-two-sign-ins.json"),
            rules::SAML_31,
        ),
        (
            include_str!("../../../tests/scenarios/scim/scim-05-update-template-ignored.json"),
            rules::SCIM_05,
        ),
        (
            include_str!(
                "../../../tests/scenarios/batch/lic-07-100-agents-25-elite-concurrent.json"
            ),
            rules::LIC_07,
        ),
        (
            include_str!(
                "../../../tests/scenarios/csv/csv-02-skills-only-wipes-license-and-queues.json"
            ),
            rules::CSV_02,
        ),
    ];
    for (case, rule) in cases {
        let case: serde_json::Value = serde_json::from_str(case).unwrap();
        let f = of(&case["input"].to_string(), rule);
        assert!(!f.is_empty(), "{}: no {rule} finding", case["title"]);
    }
    // The seat planner's example, as a scenario's `seats`.
    let seats = r#"{"provisim": 1, "seats": {"agents": 100, "package": "elite", "licensing": "concurrent", "pool": 25}}"#;
    assert!(!of(seats, rules::LIC_07).is_empty());
}

#[test]
fn lint_scenario_answers_through_the_api() {
    let answer = api::call("lintScenario", &sso(SALES));
    assert_eq!(answer["type"], "success");
    assert_eq!(answer["counts"]["error"], 1);
    assert_eq!(answer["findings"][0]["rule"], "SAML-11");
    assert_eq!(answer["findings"][0]["severity"], "error");
    let bad = api::call(
        "lintScenario",
        r#"{"provisim": 1, "sso": {"advanced": [{"section": "licence"}]}}"#,
    );
    assert_eq!(bad["type"], "failure");
    assert_eq!(bad["errors"][0]["path"], "/sso/advanced/0/section");
}

/// The issue's directory: departments that do and do not contain "Sales Contractor".
fn departments() -> Vec<(&'static str, &'static str)> {
    vec![
        ("a@x.com", "Sales"),
        ("b@x.com", "Sales Contractor"),
        ("c@x.com", "Support"),
        ("d@x.com", "EMEA Sales Contractors"),
        ("e@x.com", "sales contractor"),
        ("f@x.com", "Sales Contract"),
        ("g@x.com", "Contractor Sales"),
        ("h@x.com", "Inside Sales"),
    ]
}

#[test]
fn impact_of_the_sales_swap_is_exactly_the_sales_contractors() {
    let before = parse(&sso(SALES));
    let after = parse(&sso(SALES_SWAPPED));
    let csv: String = std::iter::once("name_id,department\n".to_string())
        .chain(departments().iter().map(|(e, d)| format!("{e},{d}\n")))
        .collect();
    let report = impact::compare(
        &before,
        &after,
        Some(BatchUsers::Csv(csv)),
        20,
        ";",
        "/users",
    )
    .unwrap();
    let expected: Vec<&str> = departments()
        .into_iter()
        .filter(|(_, d)| d.to_lowercase().contains("sales contractor"))
        .map(|(e, _)| e)
        .collect();
    assert_eq!(expected, vec!["b@x.com", "d@x.com", "e@x.com"]);
    let changed: Vec<&str> = report
        .changed_users
        .iter()
        .map(|u| u.email.as_str())
        .collect();
    assert_eq!(changed, expected);
    assert_eq!(report.changed, 3);
    assert_eq!(report.unchanged, 5);
    let sign_in = report
        .fields
        .iter()
        .find(|f| f.field == Field::SignIn)
        .unwrap();
    assert_eq!(sign_in.changes[0].users.emails, expected);
    assert_eq!(sign_in.changes[0].before.rule, rules::SAML_01);
    assert_eq!(sign_in.changes[0].after.rule, rules::SAML_11);
    assert_eq!(sign_in.changes[0].after.rule_index, Some(0));
    let license = report
        .fields
        .iter()
        .find(|f| f.field == Field::License)
        .unwrap();
    assert_eq!(license.changes[0].before.value, "Licensed");
    assert_eq!(license.changes[0].before.rule_index, Some(0));
    // Only sign-in and license differ: no account on one side is not a change of every field.
    assert_eq!(report.fields.len(), 2, "{:?}", report.fields);
    assert_eq!(
        report.headline,
        "3 users would be refused sign-in; 3 would lose their Licensed account"
    );
}

#[test]
fn impact_streams_in_flat_memory() {
    let before = parse(&sso(SALES));
    let after = parse(&sso(SALES_SWAPPED));
    let mut run = Impact::new(&before, &after, 5);
    let mut high = 0;
    for i in 0..3000u64 {
        let dept = if i % 3 == 0 {
            "Sales Contractor"
        } else {
            "Sales"
        };
        let user = BatchUser {
            name_id: Some(format!("u{i}@x.com")),
            attributes: [("department".to_string(), Values::One(dept.to_string()))]
                .into_iter()
                .collect(),
            user: None,
        };
        run.push(i + 2, user);
        high = high.max(run.retained());
    }
    assert!(high <= 20, "retained {high}");
    let report = run.finish();
    assert_eq!(report.changed, 1000);
    assert_eq!(report.changed_users.len(), 5);
    assert_eq!(report.more_changed_users, 995);
}

#[test]
fn simulate_impact_answers_through_the_api_and_locates_errors() {
    let input = serde_json::json!({
        "before": serde_json::from_str::<serde_json::Value>(&sso(SALES)).unwrap(),
        "after": serde_json::from_str::<serde_json::Value>(&sso(SALES_SWAPPED)).unwrap(),
        "users": "name_id,department\nb@x.com,Sales Contractor\na@x.com,Sales\n",
    });
    let answer = api::call("simulateImpact", &input.to_string());
    assert_eq!(answer["type"], "success", "{answer}");
    assert_eq!(answer["changed"], 1);
    let mut bad = input.clone();
    bad["after"]["sso"]["advanced"][0]["section"] = "licence".into();
    let answer = api::call("simulateImpact", &bad.to_string());
    assert_eq!(answer["type"], "failure");
    assert_eq!(answer["errors"][0]["path"], "/after/sso/advanced/0/section");
}
