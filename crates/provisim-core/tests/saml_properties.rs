//! Property tests of the sign-in engine over generated accounts, rules, users and assertions:
//! evaluation is deterministic (SAML-01 aside), and a second sign-in with the same assertion changes
//! nothing except what the prerequisites checked at the start of a sign-in delayed (SAML-02, SAML-31);
//! a SAML Response signs in exactly as the attribute map it carries, in every form it can be pasted
//! in, and a list of sign-ins as the repeated one.
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use base64::Engine as _;
use proptest::prelude::*;
use provisim_core::license::Package;
use provisim_core::model::{Account, CcTemplate, LicenseType, Plan, TemplateKind, User};
use provisim_core::saml::engine::SignInReport;
use provisim_core::saml::engine::{self, Context};
use provisim_core::saml::report::Outcome;
use provisim_core::saml::{
    validate, MappingRule, Response, SamlInput, Section, SectionConfig, SignInInput, SsoConfig,
    Values,
};
use provisim_core::settings::{AddOnRemoval, OwnerExemption, Prerequisites, Settings};
use std::collections::BTreeMap;

const ATTRIBUTES: [&str; 3] = ["memberOf", "title", "dept"];
const RULE_VALUES: [&str; 4] = ["sales", "Sales", "lead", "a"];
const ASSERTED: [&str; 5] = ["Sales-EMEA", "team lead", "support", "sales", "Data"];

/// Sections with a valid result each.
fn sections() -> Vec<(Section, Values)> {
    let one = |s: &str| Values::One(s.to_string());
    vec![
        (Section::License, one("licensed")),
        (Section::License, one("basic")),
        (Section::License, one("none")),
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
        (Section::CcPackage, one("elite")),
        (Section::CcRegion, one("EU")),
        (Section::CcNewUserTemplate, one("T")),
        (Section::Division, one("North")),
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
    fn sso()(rules in prop::collection::vec(rule_strategy(), 0..12), extension in any::<bool>()) -> SsoConfig {
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
        sso.advanced = by_section.into_iter().map(|(section, rules)| SectionConfig { section, rules }).collect();
        sso
    }
}

prop_compose! {
    fn assertion()(values in prop::collection::vec((0..ATTRIBUTES.len(), prop::collection::vec(0..ASSERTED.len(), 1..3)), 0..4),
                   ext in any::<bool>(), sign_ins in 1u32..4) -> SamlInput {
        let mut attributes: BTreeMap<String, Values> = values
            .into_iter()
            .map(|(a, vs)| (ATTRIBUTES[a].to_string(), Values::Many(vs.into_iter().map(|v| ASSERTED[v].to_string()).collect())))
            .collect();
        if ext {
            attributes.insert("ext".into(), Values::One("4021".into()));
        }
        SamlInput { name_id: Some("ana@example.com".into()), attributes, sign_ins, ..SamlInput::default() }
    }
}

prop_compose! {
    fn user()(exists in any::<bool>(), license in 0usize..3, owner in prop::bool::weighted(0.2), events in any::<bool>(),
              extension in any::<bool>(), webinar in any::<bool>(), cc in any::<bool>(), on_prem in any::<bool>()) -> Option<User> {
        exists.then(|| {
            let mut user = User::new("ana@example.com");
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
            if cc {
                user.contact_center.package = Some(Package::Premium);
            }
            user
        })
    }
}

prop_compose! {
    fn settings()(case in any::<bool>(), owner in any::<bool>(), removal in any::<bool>(), wfm in any::<bool>(), start in any::<bool>()) -> Settings {
        Settings {
            case_sensitive: case,
            owner_exemption: if owner { OwnerExemption::AllSections } else { OwnerExemption::SeedSections },
            addon_removal: if removal { AddOnRemoval::AllAddOns } else { AddOnRemoval::WebinarsLargeMeetingOnly },
            wfm_qm_through_saml: wfm,
            prerequisites: if start { Prerequisites::StartOfSignIn } else { Prerequisites::AsApplied },
            ..Settings::default()
        }
    }
}

prop_compose! {
    fn account()(plans in prop::collection::btree_set(prop::sample::select(vec![
        Plan::Whiteboard, Plan::RevenueAccelerator, Plan::PhoneCallingPlans, Plan::ContactCenter]), 0..4)) -> Account {
        Account {
            plans,
            sub_accounts: vec!["emea".into()],
            basic_users: 0,
            cc_main_region: None,
            cc_templates: vec![CcTemplate {
                name: "T".into(), kind: TemplateKind::Add, package: Some(Package::Essentials), role: Some("Agent".into()),
                region: None, addons: None, agent_queues: Some(vec!["Q".into()]), supervisor_queues: None, skills: None,
            }],
        }
    }
}

/// Fields a second sign-in may still change when prerequisites are checked at the start of a sign-in.
const DELAYED: [&str; 3] = [
    "/licenses/revenue_accelerator",
    "/phone/calling_plan",
    "/phone/site",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn evaluation_is_deterministic(account in account(), sso in sso(), settings in settings(), user in user(), input in assertion()) {
        prop_assume!(validate::validate(&account, &sso, Some(&input), user.as_ref()).is_empty());
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &input };
        let a = serde_json::to_string(&Outcome::from(&engine::simulate(ctx, user.as_ref()))).unwrap();
        let b = serde_json::to_string(&Outcome::from(&engine::simulate(ctx, user.as_ref()))).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn a_second_sign_in_changes_only_what_prerequisites_delayed(account in account(), sso in sso(), settings in settings(),
                                                                user in user(), mut input in assertion()) {
        // SAML-01 re-applies mapping at every sign-in; with the same assertion nothing new happens,
        // except SAML-31's second sign-in (and the other start-of-sign-in prerequisites, SAML-02).
        input.sign_ins = 2;
        prop_assume!(validate::validate(&account, &sso, Some(&input), user.as_ref()).is_empty());
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &input };
        let report = engine::simulate(ctx, user.as_ref());
        let second = &report.sign_ins[1];
        for change in &second.changes {
            prop_assert!(settings.prerequisites == Prerequisites::StartOfSignIn && DELAYED.contains(&change.field.as_str()),
                "second sign-in changed {} ({} → {})", change.field, change.before, change.after);
        }
        // A third sign-in changes nothing at all.
        input.sign_ins = 3;
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &input };
        let report = engine::simulate(ctx, user.as_ref());
        prop_assert!(report.sign_ins[2].changes.is_empty(), "{:?}", report.sign_ins[2].changes);
    }

    #[test]
    fn every_trace_step_and_warning_cites_a_catalogue_rule(account in account(), sso in sso(), settings in settings(), user in user(), input in assertion()) {
        prop_assume!(validate::validate(&account, &sso, Some(&input), user.as_ref()).is_empty());
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &input };
        let report = engine::simulate(ctx, user.as_ref());
        let known = provisim_core::rules::ALL;
        for s in &report.sign_ins {
            prop_assert!(known.contains(&s.decision.rule));
            prop_assert!(s.steps.iter().all(|x| known.contains(&x.rule)));
            prop_assert!(s.warnings.iter().all(|x| known.contains(&x.rule)));
            for section in &s.sections {
                prop_assert!(known.contains(&section.rule));
                prop_assert!(section.rules.iter().all(|r| known.contains(&r.rule)));
            }
        }
    }

    #[test]
    fn a_response_signs_in_as_the_attribute_map_it_carries(account in account(), sso in sso(), settings in settings(),
                                                           user in user(), input in assertion(), split in any::<bool>(), form in 0usize..3) {
        // SAML-03: attributes match by Name, every value; an IdP that repeats an <Attribute>
        // element has its values merged in document order.
        prop_assume!(validate::validate(&account, &sso, Some(&input), user.as_ref()).is_empty());
        let pasted = SamlInput {
            response: Some(Response::new(response_for(&input, split, form), None)),
            sign_ins: input.sign_ins,
            ..SamlInput::default()
        };
        let errors = validate::validate(&account, &sso, Some(&pasted), user.as_ref());
        prop_assert!(errors.is_empty(), "{:?}", errors);
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &input };
        let from_map = comparable(&engine::simulate(ctx, user.as_ref()));
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &pasted };
        let report = engine::simulate(ctx, user.as_ref());
        prop_assert!(report.sign_ins.iter().all(|s| s.received.is_some()));
        prop_assert_eq!(comparable(&report), from_map);
    }

    #[test]
    fn a_list_of_the_same_sign_in_is_the_sign_in_repeated(account in account(), sso in sso(), settings in settings(),
                                                          user in user(), input in assertion()) {
        // SAML-01: each listed sign-in starts from the state the last one left, as repeated ones do.
        prop_assume!(validate::validate(&account, &sso, Some(&input), user.as_ref()).is_empty());
        let one = SignInInput { name_id: input.name_id.clone(), attributes: input.attributes.clone(), response: None };
        let listed = SamlInput {
            sign_ins: input.sign_ins,
            sequence: vec![one; input.sign_ins as usize],
            ..SamlInput::default()
        };
        prop_assert!(validate::validate(&account, &sso, Some(&listed), user.as_ref()).is_empty());
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &input };
        let repeated = serde_json::to_string(&Outcome::from(&engine::simulate(ctx, user.as_ref()))).unwrap();
        let ctx = Context { account: &account, sso: &sso, settings: &settings, input: &listed };
        prop_assert_eq!(serde_json::to_string(&Outcome::from(&engine::simulate(ctx, user.as_ref()))).unwrap(), repeated);
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The Response an IdP would send for the input's NameID and attributes: each value an
/// AttributeValue, a multi-valued attribute split over two `<Attribute>` elements when `split`;
/// as XML (`form` 0), base64 with CRLF line breaks (1) or a form body (2).
fn response_for(input: &SamlInput, split: bool, form: usize) -> String {
    let mut attributes = String::new();
    for (name, values) in &input.attributes {
        let values = values.as_slice();
        let parts: Vec<&[String]> = if split && values.len() > 1 {
            let (a, b) = values.split_at(1);
            vec![a, b]
        } else {
            vec![values]
        };
        for part in parts {
            let values: String = part
                .iter()
                .map(|v| format!("<saml:AttributeValue>{}</saml:AttributeValue>", escape(v)))
                .collect();
            attributes.push_str(&format!(
                "<saml:Attribute Name=\"{}\">{values}</saml:Attribute>",
                escape(name)
            ));
        }
    }
    let name_id = escape(input.name_id.as_deref().unwrap_or_default());
    let xml = format!(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_r\" Version=\"2.0\">\
         <saml:Issuer>https://idp.example.com</saml:Issuer><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>\
         <saml:Assertion ID=\"_a\" Version=\"2.0\"><saml:Issuer>https://idp.example.com</saml:Issuer>\
         <saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">{name_id}</saml:NameID></saml:Subject>\
         <saml:AttributeStatement>{attributes}</saml:AttributeStatement></saml:Assertion></samlp:Response>"
    );
    let encoded = base64::engine::general_purpose::STANDARD.encode(&xml);
    match form {
        0 => xml,
        1 => encoded
            .as_bytes()
            .chunks(76)
            .map(|line| String::from_utf8_lossy(line).into_owned())
            .collect::<Vec<_>>()
            .join("\r\n"),
        _ => format!(
            "SAMLResponse={}&RelayState=x",
            encoded
                .replace('+', "%2B")
                .replace('/', "%2F")
                .replace('=', "%3D")
        ),
    }
}

/// A report without what only a pasted Response adds: what was received, the note that
/// signatures are not verified, and the help for attributes it does not carry.
fn comparable(report: &SignInReport) -> serde_json::Value {
    let mut value = serde_json::to_value(Outcome::from(report)).unwrap();
    let pasted_only = |item: &serde_json::Value| {
        let message = item["message"].as_str().unwrap_or("");
        message.contains("is read as pasted")
            || message.contains("which the Response does not carry")
    };
    for sign_in in value["sign_ins"].as_array_mut().unwrap() {
        sign_in.as_object_mut().unwrap().remove("received");
        for key in ["steps", "warnings"] {
            sign_in[key]
                .as_array_mut()
                .unwrap()
                .retain(|s| !pasted_only(s));
        }
    }
    value["warnings"]
        .as_array_mut()
        .unwrap()
        .retain(|w| !pasted_only(w));
    value
}
