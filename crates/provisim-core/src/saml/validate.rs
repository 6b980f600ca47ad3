//! Validation of an SSO configuration and a sign-in before evaluation: every problem, located by JSON
//! pointer, with the values that would have been valid.

use super::{Response, SamlInput, Section, SectionKind, SsoConfig, Values};
use crate::input::{nearest, InputError};
use crate::model::{Account, User};
use std::collections::BTreeMap;

/// The most sign-ins one simulation runs in a row.
pub const MAX_SIGN_INS: u32 = 20;

/// Every problem of the configuration (under `/sso`) and the sign-in (under `/saml`).
pub fn validate(
    account: &Account,
    sso: &SsoConfig,
    input: Option<&SamlInput>,
    user: Option<&User>,
) -> Vec<InputError> {
    let mut errors = Vec::new();
    let mut seen: BTreeMap<Section, usize> = BTreeMap::new();
    for (i, config) in sso.advanced.iter().enumerate() {
        let at = format!("/sso/advanced/{i}");
        if let Some(first) = seen.insert(config.section, i) {
            errors.push(
                InputError::new(format!("{at}/section"), format!("section `{}` is configured twice", config.section.key()))
                    .with_help(format!("merge its rules into the first one, at /sso/advanced/{first}: within a section the first match wins (SAML-04)")),
            );
        }
        for (j, rule) in config.rules.iter().enumerate() {
            let at = format!("{at}/rules/{j}");
            if rule.attribute.trim().is_empty() {
                errors.push(
                    InputError::new(format!("{at}/attribute"), "the attribute name is empty")
                        .with_help("name the SAML attribute the rule reads, e.g. `memberOf`"),
                );
            }
            if rule.value.is_empty() {
                errors.push(
                    InputError::new(format!("{at}/value"), "the value is empty: it would match every value of the attribute")
                        .with_help("give the text the attribute's value must contain (SAML-03: contains, not exact)"),
                );
            }
            check_result(
                account,
                config.section,
                &rule.result,
                &format!("{at}/result"),
                &mut errors,
            );
        }
    }
    if let Some(input) = input {
        if input.sequence.is_empty() {
            if input.sign_ins == 0 || input.sign_ins > MAX_SIGN_INS {
                errors.push(
                    InputError::new(
                        "/saml/sign_ins",
                        format!("{} sign-ins cannot be simulated", input.sign_ins),
                    )
                    .with_help(format!("give 1 to {MAX_SIGN_INS}")),
                );
            }
            let top = Given {
                at: "/saml".to_string(),
                name_id: input.name_id.as_deref(),
                attributes: &input.attributes,
                response: input.response.as_ref(),
            };
            check_sign_in(sso, &top, user.is_none(), &mut errors);
        } else {
            if input.sequence.len() > MAX_SIGN_INS as usize {
                errors.push(
                    InputError::new(
                        "/saml/sign_ins",
                        format!("{} sign-ins cannot be simulated", input.sequence.len()),
                    )
                    .with_help(format!("list 1 to {MAX_SIGN_INS} sign-ins")),
                );
            }
            let given_above = [
                ("name_id", input.name_id.is_some()),
                ("attributes", !input.attributes.is_empty()),
                ("response", input.response.is_some()),
            ];
            for (field, given) in given_above {
                if given {
                    errors.push(
                        InputError::new(
                            format!("/saml/{field}"),
                            format!("`{field}` is given beside a list of sign-ins"),
                        )
                        .with_help("with `sign_ins` as a list, each sign-in carries its own `name_id` and `attributes` or `response`: move this into the list"),
                    );
                }
            }
            for (i, sign_in) in input.sequence.iter().enumerate() {
                let given = Given {
                    at: format!("/saml/sign_ins/{i}"),
                    name_id: sign_in.name_id.as_deref(),
                    attributes: &sign_in.attributes,
                    response: sign_in.response.as_ref(),
                };
                check_sign_in(sso, &given, user.is_none() && i == 0, &mut errors);
            }
        }
    }
    errors
}

/// One sign-in as given, and where.
struct Given<'a> {
    at: String,
    name_id: Option<&'a str>,
    attributes: &'a BTreeMap<String, Values>,
    response: Option<&'a Response>,
}

/// The problems of one sign-in's input; `new_user`: it must carry the email of a new user.
fn check_sign_in(sso: &SsoConfig, given: &Given, new_user: bool, errors: &mut Vec<InputError>) {
    let at = &given.at;
    for (name, values) in given.attributes {
        if name.trim().is_empty() {
            errors.push(InputError::new(
                format!("{at}/attributes"),
                "an attribute name is empty",
            ));
        }
        if values.as_slice().is_empty() {
            errors.push(
                InputError::new(
                    format!(
                        "{at}/attributes/{}",
                        name.replace('~', "~0").replace('/', "~1")
                    ),
                    format!("attribute `{name}` has no value"),
                )
                .with_help("give one value, or a list of values"),
            );
        }
    }
    if let Some(response) = given.response {
        if given.name_id.is_some() || !given.attributes.is_empty() {
            errors.push(
                InputError::new(
                    format!("{at}/response"),
                    "a sign-in is given both as a Response and as `name_id` and `attributes`",
                )
                .with_help("remove `name_id` and `attributes`: the Response carries the NameID and the attributes Zoom receives"),
            );
        }
        if let Some(error) = response.error() {
            let mut error = error.clone();
            error.path = format!("{at}/response");
            errors.push(error);
            return;
        }
        let Some(received) = response.received() else {
            return;
        };
        if !new_user || !received.status.success {
            return;
        }
        match &sso.basic.email {
            Some(attribute) if received.attribute(attribute).is_none() => {
                let help = match received.nearest_attribute(attribute) {
                    Some(nearest) => format!("did you mean `{nearest}`? attribute names match exactly (SAML-03): set /sso/basic/email to the name the Response uses"),
                    None => format!(
                        "Basic mapping reads the email from `{attribute}` (/sso/basic/email); the Response carries {}",
                        names_of(received)
                    ),
                };
                errors.push(
                    InputError::new(
                        format!("{at}/response"),
                        format!("a new user needs an email, and the Response carries no attribute `{attribute}`"),
                    )
                    .with_help(help)
                    .with_rule(crate::rules::SAML_09),
                );
            }
            None if received
                .name_id
                .as_ref()
                .is_none_or(|n| n.value.trim().is_empty()) =>
            {
                let help = match received.email_attribute() {
                    Some(a) => format!(
                        "set /sso/basic/email to `{}`, the attribute that carries the email",
                        a.name
                    ),
                    None => "map the email to an attribute of the Response in /sso/basic/email"
                        .to_string(),
                };
                errors.push(
                    InputError::new(
                        format!("{at}/response"),
                        "a new user needs an email, and the Response's assertion has no NameID",
                    )
                    .with_help(help)
                    .with_rule(crate::rules::SAML_09),
                );
            }
            _ => {}
        }
        return;
    }
    let email_missing = match &sso.basic.email {
        Some(attribute) => !given.attributes.contains_key(attribute),
        None => given.name_id.is_none_or(|n| n.trim().is_empty()),
    };
    if new_user && email_missing {
        let (path, help) = match &sso.basic.email {
            Some(attribute) => (format!("{at}/attributes"), format!("add the attribute `{attribute}` that Basic mapping reads the email from")),
            None => (format!("{at}/name_id"), "give the assertion's NameID (the email), or map the email to an attribute in /sso/basic/email".to_string()),
        };
        errors.push(
            InputError::new(
                path,
                "a new user needs an email, and the assertion carries none",
            )
            .with_help(help)
            .with_rule(crate::rules::SAML_09),
        );
    }
}

/// The attribute names a Response carries, for help texts.
fn names_of(received: &super::Received) -> String {
    if received.attributes.is_empty() {
        return "no attributes".to_string();
    }
    received
        .attributes
        .iter()
        .map(|a| format!("`{}`", a.name))
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_result(
    account: &Account,
    section: Section,
    result: &Values,
    at: &str,
    errors: &mut Vec<InputError>,
) {
    let values = result.as_slice();
    if values.is_empty() || values.iter().any(|v| v.trim().is_empty()) {
        errors.push(
            InputError::new(
                at,
                format!("section `{}` needs a resulting value", section.key()),
            )
            .with_help(help_for(account, section)),
        );
        return;
    }
    let max = section.max_values();
    if values.len() > max {
        let message = if section == Section::UserGroup {
            format!(
                "{} groups in one rule: a rule maps at most 20 groups",
                values.len()
            )
        } else {
            format!(
                "section `{}` takes one resulting value, not {}",
                section.key(),
                values.len()
            )
        };
        let mut error = InputError::new(at, message);
        if section == Section::UserGroup {
            error = error.with_rule(crate::rules::SAML_22).with_help(format!(
                "split the groups over several rules (a rule maps at most {max}): remove {}",
                crate::explain::count((values.len() - max) as u64, "group", "groups")
            ));
        }
        errors.push(error);
    }
    let allowed: Vec<&str> = match section {
        Section::SubAccount => account.sub_accounts.iter().map(String::as_str).collect(),
        Section::CcNewUserTemplate => account
            .cc_templates
            .iter()
            .map(|t| t.name.as_str())
            .collect(),
        _ => section
            .allowed_values()
            .map(<[&str]>::to_vec)
            .unwrap_or_default(),
    };
    let fixed = section.allowed_values().is_some()
        || matches!(section, Section::SubAccount | Section::CcNewUserTemplate);
    if !fixed {
        return;
    }
    for (k, value) in values.iter().enumerate() {
        if allowed.contains(&value.as_str()) {
            continue;
        }
        let place = if values.len() > 1 {
            format!("{at}/{k}")
        } else {
            at.to_string()
        };
        let mut error = InputError::new(
            place,
            format!("`{value}` is not a value of section `{}`", section.key()),
        );
        let list = allowed
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let help = if allowed.is_empty() {
            help_for(account, section)
        } else {
            match nearest(value, allowed.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? valid values: {list}"),
                None => format!("valid values: {list}"),
            }
        };
        // The section's own rule says which values it takes.
        error = error.with_help(help).with_rule(section.rule());
        errors.push(error);
    }
}

/// A user as Zoom holds it (the scenario's `user`, a directory user): an email, and add-on and
/// license maps keyed as the sections that write them, with the values those sections assign, so a
/// typo (`webinars`) or a value Zoom has no such add-on for (`5000 seats`) is an error, not a user
/// the engines then read past (SAML-14 compares the add-on's type).
pub fn check_user(user: &User, at: &str, errors: &mut Vec<InputError>) {
    if user.email.trim().is_empty() {
        errors.push(
            InputError::new(format!("{at}/email"), "the user has no email")
                .with_help("give the email Zoom holds the user by, e.g. `\"email\": \"ana@example.com\"` (a user who does not exist yet is left out: the sign-in creates it)"),
        );
    }
    let mut seen = vec![user.email.to_lowercase()];
    for (j, other) in user.secondary_emails.iter().enumerate() {
        let place = format!("{at}/secondary_emails/{j}");
        if !crate::scim::engine::is_address(other) {
            errors.push(
                InputError::new(place, format!("`{other}` is not an email address"))
                    .with_help("a secondary email is an address, `name@domain`, e.g. `\"ana.lopez@example.com\"`")
                    .with_rule(crate::rules::SCIM_02),
            );
        } else if seen.contains(&other.to_lowercase()) {
            let what = if other.eq_ignore_ascii_case(&user.email) {
                "the user's email"
            } else {
                "listed twice"
            };
            errors.push(
                InputError::new(place, format!("`{other}` is {what}"))
                    .with_help(
                        "list each other address of the user once, and not the user's own `email`",
                    )
                    .with_rule(crate::rules::SCIM_02),
            );
        } else {
            seen.push(other.to_lowercase());
        }
    }
    let maps = [
        ("addons", "add-ons", &user.addons, &[SectionKind::AddOn][..]),
        (
            "licenses",
            "licenses",
            &user.licenses,
            &[
                SectionKind::ListedLicense,
                SectionKind::Whiteboard,
                SectionKind::RevenueAccelerator,
            ][..],
        ),
    ];
    for (field, words, map, kinds) in maps {
        // WFM and QM are Contact Center add-ons, held in `contact_center.addons` (their old
        // place here is moved there when the scenario is read: scenario::InputNote).
        let keys: Vec<&str> = Section::ALL
            .iter()
            .filter(|s| kinds.contains(&s.kind()) && !crate::model::is_cc_addon(s.key()))
            .map(|s| s.key())
            .collect();
        for (key, value) in map {
            let place = format!("{at}/{field}/{}", crate::input::escape_pointer(key));
            let Some(section) = Section::ALL
                .iter()
                .copied()
                .find(|s| s.key() == key && keys.contains(&s.key()))
            else {
                let list = keys
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let cc = if field == "addons" {
                    " (Contact Center's add-ons, WFM and QM among them, are a list in `contact_center.addons`)"
                } else {
                    ""
                };
                let help = match nearest(key, keys.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? {words} are keyed by section: {list}{cc}")
                    }
                    None => format!("{words} are keyed by section: {list}{cc}"),
                };
                errors.push(
                    InputError::new(place, format!("`{key}` is not one of Zoom's {words}"))
                        .with_help(help),
                );
                continue;
            };
            let Some(allowed) = section.allowed_values() else {
                continue;
            };
            if !allowed.contains(&value.as_str()) {
                let list = allowed
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let help = match nearest(value, allowed.iter().copied()) {
                    Some(best) => {
                        format!("did you mean `{best}`? {} comes as {list}", section.label())
                    }
                    None => format!(
                        "{} comes as {list}, e.g. `\"{key}\": \"{}\"`",
                        section.label(),
                        allowed.first().copied().unwrap_or_default()
                    ),
                };
                errors.push(
                    InputError::new(
                        place,
                        format!("`{value}` is not a type of {}", section.label()),
                    )
                    .with_rule(crate::rules::SAML_14)
                    .with_help(help),
                );
            }
        }
    }
    check_cc_addons(
        &user.contact_center.addons,
        &format!("{at}/contact_center/addons"),
        errors,
    );
}

/// Each of a Contact Center add-on list's values (a user's `contact_center.addons`, a template's
/// `addons`) is one of Contact Center's add-on keys (LIC-08, SCIM-04), else an error at the value
/// with the nearest key.
pub fn check_cc_addons(addons: &[String], at: &str, errors: &mut Vec<InputError>) {
    let keys = crate::model::CC_ADDONS;
    for (k, addon) in addons.iter().enumerate() {
        if crate::model::is_cc_addon(addon) {
            continue;
        }
        let list = keys
            .iter()
            .map(|k| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        // The short names people write for WFM and QM.
        let best = match addon.trim().to_lowercase().as_str() {
            "wfm" => Some("workforce_management"),
            "qm" => Some("quality_management"),
            "aea" | "ai expert assist" => Some("ai_expert_assist"),
            _ => nearest(addon, keys.iter().copied()),
        };
        let help = match best {
            Some(best) => {
                format!("did you mean `{best}`? Contact Center's add-ons are {list}")
            }
            None => format!("Contact Center's add-ons are {list}"),
        };
        errors.push(
            InputError::new(
                format!("{at}/{k}"),
                format!("`{addon}` is not one of Contact Center's add-ons"),
            )
            .with_rule(crate::rules::LIC_08)
            .with_help(help),
        );
    }
}

fn help_for(account: &Account, section: Section) -> String {
    match section {
        Section::SubAccount if account.sub_accounts.is_empty() => {
            "the account has no sub-accounts: add them in /account/sub_accounts".into()
        }
        Section::CcNewUserTemplate if account.cc_templates.is_empty() => {
            "the account has no Contact Center templates: add them in /account/cc_templates".into()
        }
        _ => match section.allowed_values() {
            Some(values) => format!(
                "valid values: {}",
                values
                    .iter()
                    .map(|v| format!("`{v}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            None => "give the value the section assigns".into(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::saml::{MappingRule, SectionConfig};

    fn sso(section: Section, result: Values) -> SsoConfig {
        SsoConfig {
            basic: Default::default(),
            advanced: vec![SectionConfig {
                section,
                rules: vec![MappingRule {
                    attribute: "a".into(),
                    value: "b".into(),
                    result,
                }],
            }],
        }
    }

    #[test]
    fn misspelt_package_is_located_with_the_nearest_value() {
        let errors = validate(
            &Account::default(),
            &sso(Section::CcPackage, Values::One("Elit".into())),
            None,
            None,
        );
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "/sso/advanced/0/rules/0/result");
        assert_eq!(
            errors[0].help.as_deref(),
            Some("did you mean `elite`? valid values: `essentials`, `premium`, `elite`")
        );
    }

    #[test]
    fn more_than_20_groups_is_invalid() {
        // SAML-22: at most 20 groups per rule.
        let groups: Vec<String> = (0..21).map(|i| format!("g{i}")).collect();
        let errors = validate(
            &Account::default(),
            &sso(Section::UserGroup, Values::Many(groups.clone())),
            None,
            None,
        );
        assert_eq!(errors.len(), 1);
        assert!(errors[0].message.contains("at most 20 groups"));
        let ok = validate(
            &Account::default(),
            &sso(Section::UserGroup, Values::Many(groups[..20].to_vec())),
            None,
            None,
        );
        assert!(ok.is_empty());
    }

    #[test]
    fn duplicate_sections_and_empty_values_are_reported_together() {
        let mut config = sso(Section::UserRole, Values::One("Admin".into()));
        config.advanced.push(SectionConfig {
            section: Section::UserRole,
            rules: vec![MappingRule {
                attribute: " ".into(),
                value: String::new(),
                result: Values::One("Admin".into()),
            }],
        });
        let paths: Vec<String> = validate(&Account::default(), &config, None, None)
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(
            paths,
            vec![
                "/sso/advanced/1/section",
                "/sso/advanced/1/rules/0/attribute",
                "/sso/advanced/1/rules/0/value"
            ]
        );
    }

    #[test]
    fn sub_account_must_exist() {
        let account = Account {
            sub_accounts: vec!["emea".into()],
            ..Account::default()
        };
        let errors = validate(
            &account,
            &sso(Section::SubAccount, Values::One("emae".into())),
            None,
            None,
        );
        assert_eq!(
            errors[0].help.as_deref(),
            Some("did you mean `emea`? valid values: `emea`")
        );
    }
}
