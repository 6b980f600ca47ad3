//! Property tests of the quiet sign-in that batches use in summary mode: over generated accounts,
//! rules, settings, directories and users, a quiet sign-in reaches the outcome of a fully explained
//! one, and a `summary_only` batch gives the per-user outcomes and the summary of a full batch.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use provisim_core::batch::{BatchInput, BatchUser, BatchUsers, Through, UserOutcome};
use provisim_core::license::directory::{Designation, PoolInput};
use provisim_core::license::{Licensing, Package};
use provisim_core::model::{Account, CcTemplate, LicenseType, Plan, TemplateKind, User};
use provisim_core::saml::engine::{self, Context, Explain, Sections};
use provisim_core::saml::{
    validate, DefaultLicense, MappingRule, SamlInput, Section, SectionConfig, SsoConfig, Values,
};
use provisim_core::scenario::Scenario;
use provisim_core::settings::{AddOnRemoval, OwnerExemption, Prerequisites, Settings};
use serde_json::{json, Value};
use std::collections::BTreeMap;

const ATTRIBUTES: [&str; 4] = ["memberOf", "title", "dept", "mail"];
/// Rule values: the same few, so that sections share conditions (each tested once per sign-in),
/// in several cases and with non-ASCII letters (SAML-03 ignores case unless told otherwise).
const RULE_VALUES: [&str; 6] = ["sales", "Sales", "lead", "a", "ÄRZTE", "straße"];
const ASSERTED: [&str; 7] = [
    "Sales-EMEA",
    "team lead",
    "support",
    "sales",
    "Data",
    "ärzte-Nord",
    "STRASSE",
];
const EMAILS: [&str; 4] = [
    "ana@example.com",
    "bo@example.com",
    "cy@example.com",
    "Di@Example.com",
];

/// Sections with a valid result each.
fn sections() -> Vec<(Section, Values)> {
    let one = |s: &str| Values::One(s.to_string());
    vec![
        (Section::License, one("licensed")),
        (Section::License, one("basic")),
        (Section::License, one("none")),
        (Section::License, one("on_prem")),
        (Section::Webinar, one("500")),
        (Section::Webinar, one("1000")),
        (Section::LargeMeeting, one("500")),
        (Section::Scheduler, one("Scheduler")),
        (Section::WorkforceManagement, one("WFM")),
        (Section::RevenueAccelerator, one("ZRA")),
        (Section::Whiteboard, one("Whiteboard")),
        (Section::SubAccount, one("emea")),
        (Section::UserRole, one("Admin")),
        (
            Section::UserGroup,
            Values::Many(vec!["Sales".into(), "All".into()]),
        ),
        (Section::ZoomRoomsAdmin, Values::Many(vec!["HQ".into()])),
        (Section::PhoneCallingPlan, one("US Metered")),
        (Section::PhoneSite, one("Berlin")),
        (Section::PhoneRole, one("Caller")),
        (Section::ZraRole, one("Coach")),
        (Section::CcPackage, one("elite")),
        (Section::CcPackage, one("premium")),
        (Section::CcRole, one("Agent")),
        (
            Section::CcAddons,
            Values::Many(vec!["ai_expert_assist".into()]),
        ),
        (Section::CcRegion, one("EU")),
        (Section::CcNewUserTemplate, one("T")),
        (Section::Division, one("North")),
        (Section::Channel, one("North")),
    ]
}

fn rule_strategy() -> impl Strategy<Value = (usize, usize, usize)> {
    (
        0..sections().len(),
        0..ATTRIBUTES.len(),
        0..RULE_VALUES.len(),
    )
}

prop_compose! {
    fn sso()(rules in prop::collection::vec(rule_strategy(), 0..24), extension in any::<bool>(),
             first_name in any::<bool>(), employee_id in any::<bool>(), mail in any::<bool>(),
             default in 0usize..3) -> SsoConfig {
        let table = sections();
        let mut by_section: BTreeMap<Section, Vec<MappingRule>> = BTreeMap::new();
        for (s, a, v) in rules {
            let (section, result) = table[s].clone();
            by_section.entry(section).or_default().push(MappingRule {
                attribute: ATTRIBUTES[a].to_string(),
                value: RULE_VALUES[v].to_string(),
                result,
            });
        }
        let mut sso = SsoConfig::default();
        if extension {
            sso.basic.phone_extension = Some("ext".into());
        }
        if first_name {
            sso.basic.first_name = Some("title".into());
        }
        if employee_id {
            sso.basic.employee_id = Some("dept".into());
        }
        if mail {
            sso.basic.email = Some("mail".into());
        }
        sso.basic.default_license = [DefaultLicense::Basic, DefaultLicense::Licensed, DefaultLicense::None][default];
        // The configured order of sections does not matter (SAML-02): give them reversed.
        sso.advanced = by_section.into_iter().rev().map(|(section, rules)| SectionConfig { section, rules }).collect();
        sso
    }
}

prop_compose! {
    fn attributes()(values in prop::collection::vec((0..3usize, prop::collection::vec(0..ASSERTED.len(), 1..3)), 0..4),
                    ext in any::<bool>()) -> BTreeMap<String, Values> {
        let mut attributes: BTreeMap<String, Values> = values
            .into_iter()
            .map(|(a, vs)| (ATTRIBUTES[a].to_string(), Values::Many(vs.into_iter().map(|v| ASSERTED[v].to_string()).collect())))
            .collect();
        if ext {
            attributes.insert("ext".into(), Values::One("4021".into()));
        }
        attributes
    }
}

prop_compose! {
    fn existing(email: &'static str)(license in 0usize..3, owner in prop::bool::weighted(0.2), events in any::<bool>(),
              extension in any::<bool>(), webinar in any::<bool>(), cc in 0usize..3, on_prem in any::<bool>(),
              role in any::<bool>(), zra in any::<bool>()) -> User {
        let mut user = User::new(email);
        user.license = [LicenseType::Basic, LicenseType::Licensed, LicenseType::OnPrem][license];
        user.owner = owner;
        user.upcoming_events = events;
        user.on_prem_data_residency = on_prem;
        if extension {
            user.phone.extension = Some("100".into());
        }
        if webinar {
            user.addons.insert("webinar".into(), "500".into());
        }
        match cc {
            1 => user.contact_center.package = Some(Package::Premium),
            2 => user.contact_center.template = Some("T".into()),
            _ => {}
        }
        if role {
            user.role = "Admin".into();
        }
        if zra {
            user.licenses.insert("revenue_accelerator".into(), "ZRA".into());
        }
        user
    }
}

prop_compose! {
    fn user()(exists in any::<bool>(), user in existing("ana@example.com")) -> Option<User> {
        exists.then_some(user)
    }
}

prop_compose! {
    fn settings()(case in any::<bool>(), owner in any::<bool>(), removal in any::<bool>(), wfm in any::<bool>(),
                  start in any::<bool>(), names in any::<bool>(), relicense in any::<bool>()) -> Settings {
        Settings {
            case_sensitive: case,
            owner_exemption: if owner { OwnerExemption::AllSections } else { OwnerExemption::SeedSections },
            addon_removal: if removal { AddOnRemoval::AllAddOns } else { AddOnRemoval::WebinarsLargeMeetingOnly },
            wfm_qm_through_saml: wfm,
            prerequisites: if start { Prerequisites::StartOfSignIn } else { Prerequisites::AsApplied },
            update_names_every_sign_in: names,
            cc_relicense_counts_as_first: relicense,
            ..Settings::default()
        }
    }
}

prop_compose! {
    fn account()(plans in prop::collection::btree_set(prop::sample::select(vec![
        Plan::Whiteboard, Plan::RevenueAccelerator, Plan::PhoneCallingPlans, Plan::ContactCenter]), 0..4),
                 basic_users in prop::sample::select(vec![0u32, 9_998, 9_999])) -> Account {
        Account {
            plans,
            sub_accounts: vec!["emea".into()],
            basic_users,
            cc_main_region: None,
            cc_templates: vec![CcTemplate {
                name: "T".into(), kind: TemplateKind::Add, package: Some(Package::Essentials), role: Some("Agent".into()),
                region: None, addons: None, agent_queues: Some(vec!["Q".into()]), supervisor_queues: None, skills: None,
            }],
        }
    }
}

prop_compose! {
    /// One user of the batch: an email of a small pool (so users repeat and meet the directory),
    /// the assertion, and sometimes the user as Zoom holds it.
    fn batch_user()(email in 0..EMAILS.len(), mut attributes in attributes(), given in any::<bool>(),
                    user in existing("given@example.com")) -> BatchUser {
        attributes.insert("mail".into(), Values::One(EMAILS[(email + 1) % EMAILS.len()].to_string()));
        BatchUser {
            name_id: Some(EMAILS[email].to_string()),
            attributes,
            user: given.then_some(user),
        }
    }
}

prop_compose! {
    fn directory()(users in prop::collection::vec((0..EMAILS.len(), existing("x@example.com")), 0..3)) -> Vec<User> {
        users.into_iter().map(|(e, mut u)| { u.email = EMAILS[e].to_string(); u }).collect()
    }
}

prop_compose! {
    fn pools()(named in any::<bool>(), concurrent in any::<bool>(), size in 0u32..3) -> Vec<PoolInput> {
        let mut pools = Vec::new();
        if named {
            pools.push(PoolInput { package: Package::Premium, licensing: Licensing::Named, bundle: None,
                                   size, designation: Designation::AssignmentOrder });
        }
        if concurrent {
            pools.push(PoolInput { package: Package::Elite, licensing: Licensing::Concurrent, bundle: None,
                                   size, designation: Designation::AssignmentOrder });
        }
        pools
    }
}

/// A user's outcome without its text: what a summary-mode batch keeps the same (the decision but
/// its message, the warnings' rule IDs, the access; `changes` are listed only by a full batch).
fn essence(outcome: &UserOutcome) -> Value {
    let mut value = serde_json::to_value(outcome).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("changes");
    object["decision"]
        .as_object_mut()
        .unwrap()
        .remove("message");
    object["warnings"] = json!(outcome.warnings.iter().map(|w| w.rule).collect::<Vec<_>>());
    value
}

/// Runs `users` through a batch; returns the outcomes `push` returned and the report without its
/// per-user outcomes.
fn run_batch(scenario: &Scenario, input: &BatchInput, users: &[BatchUser]) -> (Vec<Value>, Value) {
    let mut batch = scenario.start_batch(input).unwrap();
    let outcomes = users
        .iter()
        .enumerate()
        .map(|(i, user)| essence(&batch.push(i as u64 + 1, user.clone())))
        .collect();
    let mut report = serde_json::to_value(batch.finish()).unwrap();
    let object = report.as_object_mut().unwrap();
    object.remove("outcomes");
    object.remove("outcomes_kept");
    (outcomes, report)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A quiet sign-in (Explain::Quiet, with its conditions tested once each) reaches the outcome
    /// of a fully explained one: the same decision and rule (SAML-09 default license or refusal,
    /// SAML-10/11/12 License Assignment, SAML-20 sub-account), the same user after (SAML-02 order,
    /// SAML-03 contains, SAML-04 first match wins, SAML-05..42 sections, TPL-03), the same warnings
    /// by rule (SAML-12, 13, 14, 16, 21, 31, 41, 42, LIC-09); and it writes no trace.
    #[test]
    fn quiet_sign_in_has_the_full_outcome_saml_03_04_lic_09(account in account(), sso in sso(), settings in settings(),
                                                             user in user(), mut attributes in attributes()) {
        attributes.insert("mail".into(), Values::One("ana@example.com".into()));
        let input = SamlInput { name_id: Some("ana@example.com".into()), attributes, ..SamlInput::default() };
        prop_assume!(validate::validate(&account, &sso, Some(&input), user.as_ref()).is_empty());
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &input };
        let full = engine::sign_in_once(ctx, &Sections::new(&sso, Explain::Full), user.as_ref(), Explain::Full);
        let quiet = engine::sign_in_once(ctx, &Sections::new(&sso, Explain::Quiet), user.as_ref(), Explain::Quiet);
        // The full sign-in is the one `simulate` explains.
        let simulated = engine::simulate(ctx, user.as_ref());
        prop_assert_eq!(&simulated.sign_ins[0], &full);

        let mut decision = full.decision.clone();
        decision.message = String::new();
        prop_assert_eq!(&quiet.decision, &decision);
        prop_assert_eq!(&quiet.user, &full.user);
        let rules = |s: &engine::SignIn<'_>| s.warnings.iter().map(|w| w.rule).collect::<Vec<_>>();
        prop_assert_eq!(rules(&quiet), rules(&full));
        prop_assert!(quiet.steps.is_empty() && quiet.sections.is_empty() && quiet.changes.is_empty());
        prop_assert!(quiet.warnings.iter().all(|w| w.message.is_empty() && w.help.is_empty()));
    }

    /// A `summary_only` batch gives every user the outcome of a full batch (push's return, text
    /// aside) and the same summary: counts, licenses, packages and add-ons, refusals by rule with
    /// the first refused user's message (SAML-09, SAML-11), warnings by rule with the first
    /// message (SAML-12..42), the running Basic-user count against 9,999 (LIC-09) and the pools
    /// (LIC-01..08); over rules that repeat conditions across sections (SAML-03, SAML-04).
    #[test]
    fn summary_batch_matches_the_full_batch_saml_04_saml_11_lic_09(account in account(), sso in sso(), settings in settings(),
                                                                   directory in directory(), pools in pools(),
                                                                   list_limit in 0u32..3,
                                                                   users in prop::collection::vec(batch_user(), 1..12)) {
        prop_assume!(validate::validate(&account, &sso, None, None).is_empty());
        let scenario = Scenario {
            provisim: 1, title: None, description: None, account, sso, settings, user: None, saml: None,
            seats: None, directory, scim: None, csv: None, batch: None, notes: Vec::new(),
        };
        let input = |summary_only| BatchInput {
            users: BatchUsers::List(Vec::new()),
            pools: pools.clone(),
            summary_only,
            list_limit,
            value_separator: ";".into(),
            through: Through::Saml,
        };
        let (full_outcomes, full_report) = run_batch(&scenario, &input(false), &users);
        let (summary_outcomes, summary_report) = run_batch(&scenario, &input(true), &users);
        for (row, (full, summary)) in full_outcomes.iter().zip(&summary_outcomes).enumerate() {
            prop_assert_eq!(full, summary, "user {}", row + 1);
        }
        prop_assert_eq!(full_report, summary_report);
    }
}
