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
    let text = |license: &str, license_rule: &str| {
        format!(
            r#"{{"provisim": 1, "account": {{"plans": ["revenue_accelerator"]}},
            "directory": [{{"email": "a@x.com", "license": "{license}"}}],
            "sso": {{"advanced": [
              {{"section": "license", "rules": [{{"attribute": "g", "value": "sales", "result": "{license_rule}"}}]}},
              {{"section": "revenue_accelerator", "rules": [{{"attribute": "g", "value": "sales", "result": "ZRA"}}]}}]}}}}"#
        )
    };
    // SAML-16: a Basic user no License Assignment rule can license never gets ZRA through SAML.
    let never = of(&text("basic", "basic"), rules::SAML_16);
    assert!(
        never.iter().any(|f| f.severity == Severity::Warning
            && f.pointer == "/sso/advanced/1/section"
            && f.message.contains("a@x.com")),
        "{never:?}"
    );
    // A License Assignment rule licenses them first: a note of when ZRA comes, not a warning.
    let later = of(&text("basic", "licensed"), rules::SAML_16);
    assert!(
        later.iter().all(|f| f.severity == Severity::Info),
        "{later:?}"
    );
    assert!(
        later
            .iter()
            .any(|f| f.message.contains("a@x.com") && f.message.contains("next sign-in")),
        "{later:?}"
    );
    // Licensed already, prerequisites as applied: nothing to say.
    let as_applied = text("licensed", "licensed").replacen(
        r#""provisim": 1,"#,
        r#""provisim": 1, "settings": {"prerequisites": "as_applied"},"#,
        1,
    );
    assert!(of(&as_applied, rules::SAML_16).is_empty());
    // Licensed, but On-Prem meeting data residency: the engine refuses ZRA, and so does the lint.
    let on_prem = as_applied.replacen(
        r#""license": "licensed"}"#,
        r#""license": "licensed", "on_prem_data_residency": true}"#,
        1,
    );
    let findings = of(&on_prem, rules::SAML_16);
    assert!(
        findings.iter().any(|f| f.severity == Severity::Warning
            && f.message.contains("On-Prem meeting data residency")
            && f.message.contains("a@x.com")),
        "{findings:?}"
    );
}

#[test]
fn saml_16_new_users_are_never_licensed_for_zra() {
    let text = |default: &str| {
        format!(
            r#"{{"provisim": 1, "account": {{"plans": ["revenue_accelerator"]}},
            "sso": {{"basic": {{"default_license": "{default}"}}, "advanced": [
              {{"section": "revenue_accelerator", "rules": [{{"attribute": "g", "value": "sales", "result": "ZRA"}}]}}]}}}}"#
        )
    };
    let f = of(&text("basic"), rules::SAML_16);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(f[0].message.contains("new users are not licensed"));
    // A Licensed default licenses new users: only the note on the first sign-in remains.
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
    // Entra ID's SAML Response (saml-response-entra-id) shows what Zoom receives and has no trap:
    // its rules read the claims it sends (see saml_03_… and saml_09_… for it raising nothing).
    let cases: [(&str, &str); 13] = [
        (
            include_str!("../../../tests/scenarios/saml/saml-response-adfs-transient-name-id.json"),
            rules::SAML_09,
        ),
        // Entra ID's provisioning schema: the imported department mapping's default, always sent.
        (ENTRA_IMPORT, rules::SCIM_08),
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

fn with_settings(text: &str, settings: &str) -> String {
    text.replacen(
        r#""provisim": 1"#,
        &format!(r#""provisim": 1, "settings": {settings}"#),
        1,
    )
}

#[test]
fn saml_03_04_values_that_differ_only_in_case_are_one_condition_unless_case_sensitive() {
    let text = sso(r#"{"section": "user_role", "rules": [
        {"attribute": "dept", "value": "Sales", "result": "Member"},
        {"attribute": "dept", "value": "SALES", "result": "Admin"}]}"#);
    let f = of(&text, rules::SAML_04);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
    assert!(f[0].message.contains("same condition"), "{}", f[0].message);
    // SAML-03: case-sensitively `SALES` does not contain `Sales`.
    let sensitive = with_settings(&text, r#"{"case_sensitive": true}"#);
    assert!(of(&sensitive, rules::SAML_04).is_empty());
}

#[test]
fn saml_04_a_shadow_needs_the_same_attribute_name_exactly() {
    // SAML-03: attribute names match exactly, so `Dept` and `dept` are different conditions.
    let text = sso(r#"{"section": "user_role", "rules": [
        {"attribute": "dept", "value": "Sales", "result": "Member"},
        {"attribute": "Dept", "value": "Sales EMEA", "result": "Admin"}]}"#);
    assert!(findings(&text).is_empty(), "{:?}", findings(&text));
}

#[test]
fn saml_05_large_meeting_rules_stop_at_their_own_first_match() {
    let text = sso(r#"{"section": "large_meeting", "rules": [
        {"attribute": "g", "value": "town", "result": "500"},
        {"attribute": "g", "value": "town hall", "result": "1000"}]}"#);
    let f = of(&text, rules::SAML_05);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
    assert!(f[0].message.contains("Large Meeting"), "{}", f[0].message);
    let ordered = sso(r#"{"section": "large_meeting", "rules": [
        {"attribute": "g", "value": "town hall", "result": "1000"},
        {"attribute": "g", "value": "town", "result": "500"}]}"#);
    assert!(of(&ordered, rules::SAML_05).is_empty());
}

#[test]
fn saml_11_two_none_rules_refuse_the_same_users_in_either_order() {
    // The later None rule is redundant (SAML-04), not a None rule that "never blocks" (SAML-11).
    let text = sso(r#"{"section": "license", "rules": [
        {"attribute": "d", "value": "Contractor", "result": "none"},
        {"attribute": "d", "value": "Contractor EMEA", "result": "none"}]}"#);
    assert!(
        of(&text, rules::SAML_11).is_empty(),
        "{:?}",
        findings(&text)
    );
    let f = of(&text, rules::SAML_04);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
}

#[test]
fn saml_11_a_none_rule_that_is_never_reached_blocks_nobody() {
    // Rule #2 (None) is shadowed by rule #1: one error for it, and no note that it blocks rule #3.
    let text = sso(r#"{"section": "license", "rules": [
        {"attribute": "d", "value": "Sales", "result": "licensed"},
        {"attribute": "d", "value": "Sales Contractor", "result": "none"},
        {"attribute": "d", "value": "Support", "result": "basic"}]}"#);
    let f = of(&text, rules::SAML_11);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
}

#[test]
fn saml_11_the_sign_in_is_refused_only_when_the_none_rule_is_its_first_match() {
    let text = |title: &str| {
        format!(
            r#"{{"provisim": 1, "saml": {{"name_id": "a@x.com", "attributes": {{"title": "{title}", "d": "Sales Contractor"}}}},
            "sso": {{"advanced": [{{"section": "license", "rules": [
              {{"attribute": "title", "value": "Manager", "result": "licensed"}},
              {{"attribute": "d", "value": "Contractor", "result": "none"}},
              {{"attribute": "d", "value": "Sales", "result": "licensed"}}]}}]}}}}"#
        )
    };
    // SAML-11: the None rule is the first match, and rule #3 matches too: refused.
    let refused = of(&text("Engineer"), rules::SAML_11);
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!(refused[0].severity, Severity::Warning);
    assert_eq!(refused[0].pointer, "/sso/advanced/0/rules/1");
    assert!(refused[0].message.contains("refused"));
    // Rule #1 matches first: the sign-in is licensed; only the note on the None rule's place.
    let manager = of(&text("Manager"), rules::SAML_11);
    assert_eq!(manager.len(), 1, "{manager:?}");
    assert_eq!(manager[0].severity, Severity::Info);
}

#[test]
fn saml_09_every_license_rule_none_refuses_every_new_user() {
    let text = r#"{"provisim": 1, "sso": {"basic": {"default_license": "none"},
        "advanced": [{"section": "license", "rules": [{"attribute": "g", "value": "guests", "result": "none"}]}]}}"#;
    let f = of(text, rules::SAML_09);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert!(
        f[0].message.contains("every new user is refused"),
        "{}",
        f[0].message
    );
    // The warning's sentence reads plainly.
    let admitting = text.replace(r#""result": "none""#, r#""result": "licensed""#);
    let f = of(&admitting, rules::SAML_09);
    assert_eq!(f[0].severity, Severity::Warning);
    assert!(
        f[0].message
            .contains("who matches none of the License Assignment rules (1 rule) is refused"),
        "{}",
        f[0].message
    );
}

#[test]
fn saml_22_the_owner_under_the_seed_sections_keeps_their_groups() {
    let text = |section: &str, result: &str| {
        format!(
            r#"{{"provisim": 1, "settings": {{"owner_exemption": "seed_sections"}}, "user": {{"email": "o@x.com", "owner": true}},
            "sso": {{"advanced": [{{"section": "{section}", "rules": [{{"attribute": "g", "value": "x", "result": {result}}}]}}]}}}}"#
        )
    };
    // SAML-22: User Group is never applied to the owner.
    let f = of(&text("user_group", r#"["Sales"]"#), rules::SAML_22);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/user/owner");
    // SAML-08, seed sections: License Assignment is applied to the owner: nothing to say.
    assert!(findings(&text("license", r#""licensed""#)).is_empty());
}

#[test]
fn saml_14_the_owner_exempt_from_mapping_is_not_counted() {
    let text = |owner: bool| {
        format!(
            r#"{{"provisim": 1, "directory": [{{"email": "o@x.com", "owner": {owner}, "addons": {{"webinar": "500"}}}}],
            "sso": {{"advanced": [{{"section": "webinar", "rules": [{{"attribute": "g", "value": "x", "result": "1000"}}]}}]}}}}"#
        )
    };
    assert_eq!(of(&text(false), rules::SAML_14).len(), 1);
    // SAML-08: Advanced mapping is not applied to the owner, so no add-on of theirs changes.
    assert!(of(&text(true), rules::SAML_14).is_empty());
    assert!(of(&text(true), rules::SAML_13).is_empty());
}

fn scheduler(sign_in: &str, settings: &str) -> String {
    format!(
        r#"{{"provisim": 1{settings}, "user": {{"email": "ana@x.com", "addons": {{"scheduler": "Scheduler"}}}},
        "saml": {{"name_id": "ana@x.com", "attributes": {{"g": "{sign_in}"}}}},
        "sso": {{"advanced": [{{"section": "scheduler", "rules": [{{"attribute": "g", "value": "sched", "result": "Scheduler"}}]}}]}}}}"#
    )
}

#[test]
fn saml_13_a_sign_in_that_matches_no_add_on_rule_loses_the_add_on() {
    let f = of(&scheduler("other", ""), rules::SAML_13);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(f[0].pointer, "/sso/advanced/0/section");
    assert!(f[0].message.contains("ana@x.com loses"), "{}", f[0].message);
    // It matches: kept; only a note that an unmatched sign-in would remove it.
    let matched = of(&scheduler("schedulers", ""), rules::SAML_13);
    assert!(
        matched.iter().all(|f| f.severity == Severity::Info),
        "{matched:?}"
    );
    // Removal of Webinars / Large Meeting only (setting addon_removal): Scheduler is kept.
    let webinars_only = scheduler(
        "other",
        r#", "settings": {"addon_removal": "webinars_large_meeting_only"}"#,
    );
    assert!(of(&webinars_only, rules::SAML_13).is_empty());
}

#[test]
fn saml_13_a_refused_sign_in_removes_nothing() {
    // SAML-11: refused by a None rule, the sign-in applies no section.
    let text = scheduler("other", "").replacen(
        r#""advanced": ["#,
        r#""advanced": [{"section": "license", "rules": [{"attribute": "g", "value": "other", "result": "none"}]},"#,
        1,
    );
    let f = of(&text, rules::SAML_13);
    assert!(f.iter().all(|f| f.severity == Severity::Info), "{f:?}");
}

fn groups(sign_in: &str, result: &str, extra: &str) -> String {
    format!(
        r#"{{"provisim": 1, "user": {{"email": "ana@x.com", "groups": ["Sales", "All"]}},
        "saml": {{"name_id": "ana@x.com", "attributes": {{"g": "{sign_in}"}}}},
        "sso": {{"advanced": [{extra}{{"section": "user_group", "rules": [{{"attribute": "g", "value": "emea", "result": {result}}}]}}]}}}}"#
    )
}

#[test]
fn saml_22_a_user_group_match_overwrites_the_groups_held() {
    let f = of(&groups("emea", r#"["EMEA"]"#, ""), rules::SAML_22);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/0");
    assert!(f[0].message.contains("`Sales`, `All`"), "{}", f[0].message);
    // The rule lists every group held: nothing is lost.
    assert!(of(
        &groups("emea", r#"["EMEA", "Sales", "All"]"#, ""),
        rules::SAML_22
    )
    .is_empty());
    // No match: groups unchanged.
    assert!(of(&groups("apac", r#"["EMEA"]"#, ""), rules::SAML_22).is_empty());
}

#[test]
fn saml_22_groups_are_kept_when_the_sign_in_goes_to_a_sub_account() {
    // SAML-20: User Group, below Sign in to Sub Account, is not applied to sub-account users.
    let sub = r#"{"section": "sub_account", "rules": [{"attribute": "g", "value": "emea", "result": "emea"}]},"#;
    let text = groups("emea", r#"["EMEA"]"#, sub).replacen(
        r#""provisim": 1,"#,
        r#""provisim": 1, "account": {"sub_accounts": ["emea"]},"#,
        1,
    );
    assert!(
        of(&text, rules::SAML_22).is_empty(),
        "{:?}",
        findings(&text)
    );
    assert_eq!(of(&text, rules::SAML_20).len(), 1);
}

#[test]
fn saml_04_the_sign_in_matches_two_rules_and_the_first_wins() {
    let text = |second_result: &str| {
        format!(
            r#"{{"provisim": 1, "saml": {{"name_id": "a@x.com", "attributes": {{"d": "Sales", "t": "Lead"}}}},
            "sso": {{"advanced": [{{"section": "user_role", "rules": [
              {{"attribute": "d", "value": "Sales", "result": "Member"}},
              {{"attribute": "t", "value": "Lead", "result": "{second_result}"}}]}}]}}}}"#
        )
    };
    let f = of(&text("Admin"), rules::SAML_04);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Info);
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/1");
    // Both give the same result: the order does not matter.
    assert!(of(&text("Member"), rules::SAML_04).is_empty());
}

#[test]
fn lic_07_the_batch_pool_against_the_users_it_must_cover() {
    let text = |size: u32| {
        let users: Vec<String> = (1..=4)
            .map(|i| {
                format!(
                    r#"{{"name_id": "agent{i}@x.com", "user": {{"email": "agent{i}@x.com", "license": "licensed", "contact_center": {{"package": "elite"}}}}}}"#
                )
            })
            .collect();
        format!(
            r#"{{"provisim": 1, "account": {{"plans": ["contact_center"]}}, "batch": {{"users": [{}],
              "pools": [{{"package": "elite", "licensing": "concurrent", "size": {size}}}]}}}}"#,
            users.join(",")
        )
    };
    let f = of(&text(2), rules::LIC_07);
    assert_eq!(f.len(), 2, "{f:?}"); // WFM and QM
    assert!(f.iter().all(|f| f.pointer == "/batch/pools/0/size"));
    assert!(f.iter().all(|f| f.message.contains("agent3@x.com")));
    // The pool covers every agent.
    assert!(of(&text(4), rules::LIC_07).is_empty());
    // Named licenses cover every holder: LIC-07 is about concurrent bundled pools only.
    let named = text(2).replace(r#""licensing": "concurrent""#, r#""licensing": "named""#);
    assert!(of(&named, rules::LIC_07).is_empty());
}

#[test]
fn lic_09_a_basic_default_on_an_account_at_the_limit() {
    let text = |users: u32, default: &str| {
        format!(
            r#"{{"provisim": 1, "account": {{"basic_users": {users}}}, "sso": {{"basic": {{"default_license": "{default}"}}}}}}"#
        )
    };
    let f = of(&text(9999, "basic"), rules::LIC_09);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/sso/basic/default_license");
    assert!(of(&text(9998, "basic"), rules::LIC_09).is_empty());
    assert!(of(&text(9999, "licensed"), rules::LIC_09).is_empty());
}

#[test]
fn lic_09_a_scope_whose_users_are_licensed_adds_no_basic_users() {
    let users = r#"{"attributes": {"userPrincipalName": "a@x.com"}}, {"attributes": {"userPrincipalName": "b@x.com"}}"#;
    let licensed = format!(
        r#"{MATCHING}, {{"type": "constant", "source": "Licensed", "target": "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:userType"}}"#
    );
    let text = idp(&licensed, users, r#", "account": {"basic_users": 9998}"#);
    assert!(of(&text, rules::LIC_09).is_empty(), "{:?}", findings(&text));
}

#[test]
fn scim_05_an_idp_mapping_that_sends_an_update_type_template() {
    let text = |template: &str| {
        let mappings = format!(
            r#"{MATCHING}, {{"type": "constant", "source": "{template}", "target": "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomContactCenterUserTemplate"}}"#
        );
        idp(
            &mappings,
            "",
            r#", "account": {"cc_templates": [{"name": "Add", "kind": "add"}, {"name": "Move", "kind": "update"}]}"#,
        )
    };
    let f = of(&text("Move"), rules::SCIM_05);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/scim/idp/mappings/1/source");
    assert!(of(&text("Add"), rules::SCIM_05).is_empty());
}

#[test]
fn saml_41_a_new_user_template_rule_naming_an_update_type_template() {
    let text = |template: &str| {
        format!(
            r#"{{"provisim": 1, "account": {{"plans": ["contact_center"], "cc_templates": [{{"name": "Add", "kind": "add"}}, {{"name": "Move", "kind": "update"}}]}},
            "sso": {{"advanced": [{{"section": "cc_new_user_template", "rules": [{{"attribute": "g", "value": "cc", "result": "{template}"}}]}}]}}}}"#
        )
    };
    let f = of(&text("Move"), rules::SAML_41);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/0/result");
    assert!(of(&text("Add"), rules::SAML_41).is_empty());
}

#[test]
fn scim_08_only_during_creation_on_names_saml_sets_only_at_the_first_sign_in() {
    let mapping = format!(
        r#"{MATCHING}, {{"type": "direct", "source": "givenName", "target": "name.givenName", "apply": "only_during_creation"}}"#
    );
    let saml = r#", "sso": {"basic": {"first_name": "fn"}}"#;
    // SAML-09: names map at the first sign-in only by default: SAML does not keep changing them.
    assert!(of(&idp(&mapping, "", saml), rules::SCIM_08).is_empty());
    // With names updated at every sign-in, it does.
    let every = format!(r#"{saml}, "settings": {{"update_names_every_sign_in": true}}"#);
    let f = of(&idp(&mapping, "", &every), rules::SCIM_08);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/scim/idp/mappings/1/apply");
}

#[test]
fn scim_08_a_constant_never_uses_its_default_if_null() {
    let constant = format!(
        r#"{MATCHING}, {{"type": "constant", "source": "Staff", "default_if_null": "Other", "target": "title"}}"#
    );
    assert!(of(&idp(&constant, "", ""), rules::SCIM_08).is_empty());
}

const ENTRA_IMPORT: &str =
    include_str!("../../../tests/scenarios/scim/scim-08-entra-schema-import.json");

#[test]
fn scim_08_an_imported_table_is_checked_as_the_engine_runs_it() {
    let case: serde_json::Value = serde_json::from_str(ENTRA_IMPORT).unwrap();
    let text = case["input"].to_string();
    let f = of(&text, rules::SCIM_08);
    // No "no matching attribute" for an empty `mappings`: the import gives the table, and its
    // `department` mapping has a default and applies Always (SCIM-08).
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Warning);
    assert_eq!(
        f[0].pointer,
        "/scim/idp/import/synchronizationRules/0/objectMappings/1/attributeMappings/7"
    );
    assert!(
        f[0].message.contains("the imported mapping to"),
        "{}",
        f[0].message
    );
    // Without the default, nothing.
    let mut clean = case["input"].clone();
    clean["scim"]["idp"]["import"]["synchronizationRules"][0]["objectMappings"][1]
        ["attributeMappings"][7]["defaultValue"] = "".into();
    assert!(of(&clean.to_string(), rules::SCIM_08).is_empty());
    // A document that is neither shape is an error located in it.
    let bad = idp("", "", "").replace(r#""mappings": []"#, r#""import": {"foo": 1}"#);
    let f = of(&bad, rules::SCIM_08);
    assert!(
        f.iter()
            .any(|f| f.severity == Severity::Error && f.pointer.starts_with("/scim/idp/import")),
        "{f:?}"
    );
}

const ADFS_TRANSIENT: &str =
    include_str!("../../../tests/scenarios/saml/saml-response-adfs-transient-name-id.json");
const ENTRA_RESPONSE: &str =
    include_str!("../../../tests/scenarios/saml/saml-response-entra-id.json");

#[test]
fn saml_09_a_transient_name_id_becomes_a_new_users_email() {
    let case: serde_json::Value = serde_json::from_str(ADFS_TRANSIENT).unwrap();
    let f = of(&case["input"].to_string(), rules::SAML_09);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/sso/basic/email");
    assert!(f[0].message.contains("transient"), "{}", f[0].message);
    assert!(f[0].fix.contains("emailaddress"), "{}", f[0].fix);
    // The same sign-in by an existing user: the email is not mapped again (SAML-09).
    let mut existing = case["input"].clone();
    existing["user"] = serde_json::json!({"email": "ana@example.com"});
    assert!(of(&existing.to_string(), rules::SAML_09).is_empty());
    // Entra ID's Response, whose email Basic mapping reads from a claim: nothing.
    let entra: serde_json::Value = serde_json::from_str(ENTRA_RESPONSE).unwrap();
    assert!(of(&entra["input"].to_string(), rules::SAML_09).is_empty());
}

#[test]
fn saml_03_a_rule_reading_an_attribute_the_response_names_otherwise() {
    let case: serde_json::Value = serde_json::from_str(ADFS_TRANSIENT).unwrap();
    let f = of(&case["input"].to_string(), rules::SAML_03);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/sso/advanced/0/rules/0/attribute");
    assert!(
        f[0].fix
            .contains("http://schemas.microsoft.com/ws/2008/06/identity/claims/role"),
        "{}",
        f[0].fix
    );
    // Entra ID's rules read the claim URIs its Response carries: nothing.
    let entra: serde_json::Value = serde_json::from_str(ENTRA_RESPONSE).unwrap();
    assert!(of(&entra["input"].to_string(), rules::SAML_03).is_empty());
}

#[test]
fn csv_02_an_upload_that_clears_settings() {
    let wipes: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/scenarios/csv/csv-02-skills-only-wipes-license-and-queues.json"
    ))
    .unwrap();
    let f = of(&wipes["input"].to_string(), rules::CSV_02);
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].pointer, "/csv/text");
    assert!(
        f[0].message.contains("clears 5 settings"),
        "{}",
        f[0].message
    );
    // The safe CSV (CSV-03) clears nothing.
    let safe: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/scenarios/csv/csv-03-safe-csv-applied.json"
    ))
    .unwrap();
    assert!(of(&safe["input"].to_string(), rules::CSV_02).is_empty());
}

/// SAML-03 (attribute names match exactly): with a pasted Response, the lint finds the Basic field
/// mapped to a name the Response does not carry, with the near name it does carry: the same
/// mapping, the same name and the same rule as the engine's sign-in warning, from the one list
/// both read (`SsoConfig::misnamed`).
#[test]
fn saml_03_a_mapping_the_response_does_not_carry_is_found_as_the_engine_warns() {
    let case: serde_json::Value = serde_json::from_str(include_str!(
        "../../../tests/scenarios/saml/saml-response-friendly-names.json"
    ))
    .unwrap();
    let text = case["input"].to_string();
    let found: Vec<Finding> = findings(&text)
        .into_iter()
        .filter(|f| f.pointer == "/sso/basic/first_name")
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule, rules::SAML_09);
    assert!(
        found[0].message.contains("from `givenName`"),
        "{}",
        found[0].message
    );
    assert!(
        found[0].fix.contains("did you mean `urn:oid:2.5.4.42`?"),
        "{}",
        found[0].fix
    );
    // The engine warns about the same field, name and rule at the sign-in.
    let outcome = api::simulate_sign_in(&text).unwrap();
    let warned: Vec<_> = outcome
        .sign_ins
        .iter()
        .flat_map(|s| s.warnings.iter())
        .filter(|w| w.message.contains("reads first_name from `givenName`"))
        .collect();
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert_eq!(warned[0].rule, found[0].rule);
    assert!(warned[0].help.contains("did you mean `urn:oid:2.5.4.42`?"));
    // A name the Response carries is not found.
    let fixed = text.replace("\"givenName\"", "\"urn:oid:2.5.4.42\"");
    assert!(findings(&fixed)
        .iter()
        .all(|f| f.pointer != "/sso/basic/first_name"));
}
