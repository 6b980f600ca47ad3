//! SAML response mapping (RULES.md SAML-*): the SSO configuration, its sections in their fixed order,
//! validation, and the sign-in engine.

pub mod engine;
pub mod matching;
pub mod report;
pub mod response;
pub mod section;
pub mod validate;

pub use response::{Received, Response};
pub use section::{Section, SectionKind};

use crate::model::LicenseType;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The account's SSO configuration: Basic mapping and Advanced Information Mapping.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SsoConfig {
    #[serde(default)]
    pub basic: BasicMapping,
    /// Advanced Information Mapping: sections with their ordered rules. The order of sections here
    /// does not matter; they are processed in the fixed order of SAML-02.
    #[serde(default)]
    pub advanced: Vec<SectionConfig>,
}

impl SsoConfig {
    /// SAML-03, attribute names match exactly: every Basic field and Advanced rule (in the
    /// configured order) that reads an attribute the sign-in's `attributes` do not carry, while
    /// the pasted Response carries one of a near name. The engine's help and the lint both list
    /// these, in their own words.
    pub fn misnamed<'a>(
        &'a self,
        attributes: &BTreeMap<String, Values>,
        received: &'a Received,
    ) -> Vec<Misnamed<'a>> {
        let mut out = Vec::new();
        for (field, mapped, rule) in self.basic.fields() {
            let Some(attribute) = mapped else { continue };
            if attributes.contains_key(attribute) {
                continue;
            }
            if let Some(nearest) = received.nearest_attribute(attribute) {
                out.push(Misnamed {
                    place: MappingPlace::Basic { field, rule },
                    attribute,
                    nearest,
                });
            }
        }
        for (config_index, config) in self.advanced.iter().enumerate() {
            for (rule_index, rule) in config.rules.iter().enumerate() {
                if attributes.contains_key(&rule.attribute) {
                    continue;
                }
                if let Some(nearest) = received.nearest_attribute(&rule.attribute) {
                    out.push(Misnamed {
                        place: MappingPlace::Advanced {
                            config_index,
                            section: config.section,
                            rule_index,
                        },
                        attribute: &rule.attribute,
                        nearest,
                    });
                }
            }
        }
        out
    }
}

/// A mapping that reads an attribute the sign-in does not carry, and the near name the Response
/// does carry ([`SsoConfig::misnamed`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Misnamed<'a> {
    pub place: MappingPlace,
    pub attribute: &'a str,
    pub nearest: &'a str,
}

/// Where a mapping is: a Basic field (with the rule of what it does), or an Advanced rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MappingPlace {
    Basic {
        field: &'static str,
        rule: crate::rules::RuleId,
    },
    Advanced {
        /// The section's place in `sso.advanced`.
        config_index: usize,
        section: Section,
        /// The rule's place in its section, from 0.
        rule_index: usize,
    },
}

/// Basic SAML mapping (SAML-06, SAML-09): which assertion attribute carries each basic field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct BasicMapping {
    /// Attribute holding the email; absent: the assertion's NameID.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_name: Option<String>,
    /// Mapping an employee unique ID lets the email update after the first sign-in (SAML-09).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employee_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Attribute holding the Zoom Phone extension (SAML-31).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone_extension: Option<String>,
    /// License of a new user whom no License Assignment rule matches; `none` creates no account (SAML-09).
    pub default_license: DefaultLicense,
}

impl BasicMapping {
    /// SAML-09: whether this sign-in maps the email: at the first sign-in (a new user), and at
    /// every sign-in only when an employee unique ID is mapped.
    pub fn email_maps(&self, new_user: bool) -> bool {
        new_user || self.employee_id.is_some()
    }

    /// SAML-09: whether this sign-in takes the user's email from the NameID: the email maps and
    /// no attribute is mapped to it. The engine and the lint both ask this.
    pub fn email_from_name_id(&self, new_user: bool) -> bool {
        self.email.is_none() && self.email_maps(new_user)
    }

    /// Each basic field, the attribute mapped to it, and the rule that says what it does (the
    /// extension's is SAML-06; the others SAML-09).
    pub fn fields(&self) -> [(&'static str, &Option<String>, crate::rules::RuleId); 7] {
        use crate::rules;
        [
            ("email", &self.email, rules::SAML_09),
            ("first_name", &self.first_name, rules::SAML_09),
            ("last_name", &self.last_name, rules::SAML_09),
            ("employee_id", &self.employee_id, rules::SAML_09),
            ("department", &self.department, rules::SAML_09),
            ("job_title", &self.job_title, rules::SAML_09),
            ("phone_extension", &self.phone_extension, rules::SAML_06),
        ]
    }
}

impl Default for BasicMapping {
    fn default() -> Self {
        BasicMapping {
            email: None,
            first_name: None,
            last_name: None,
            employee_id: None,
            department: None,
            job_title: None,
            phone_extension: None,
            default_license: DefaultLicense::Basic,
        }
    }
}

/// The default license of Basic mapping.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DefaultLicense {
    Basic,
    Licensed,
    OnPrem,
    None,
}

impl DefaultLicense {
    pub fn license(self) -> Option<LicenseType> {
        match self {
            DefaultLicense::Basic => Some(LicenseType::Basic),
            DefaultLicense::Licensed => Some(LicenseType::Licensed),
            DefaultLicense::OnPrem => Some(LicenseType::OnPrem),
            DefaultLicense::None => None,
        }
    }
}

/// One section of Advanced Information Mapping with its rules in their configured order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionConfig {
    pub section: Section,
    #[serde(default)]
    pub rules: Vec<MappingRule>,
}

/// A rule: when the assertion's `attribute` has a value containing `value`, the section takes `result`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MappingRule {
    pub attribute: String,
    pub value: String,
    /// The resulting value: one value, or a list for sections that take several (groups).
    pub result: Values,
}

impl MappingRule {
    /// SAML-11: whether this License Assignment rule results in None, which refuses the sign-in
    /// (no account is created and nothing later applies). The engine and the lint both ask this.
    pub fn refuses_sign_in(&self) -> bool {
        self.result.first() == "none"
    }
}

/// One value or several.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "this takes a text (`\"licensed\"`) or a list of texts (`[\"Sales\", \"Support\"]`)"
)]
pub enum Values {
    One(String),
    Many(Vec<String>),
}

impl Values {
    pub fn as_slice(&self) -> &[String] {
        match self {
            Values::One(v) => std::slice::from_ref(v),
            Values::Many(v) => v,
        }
    }

    /// The first value (sections that take one value have exactly one after validation).
    pub fn first(&self) -> &str {
        self.as_slice().first().map(String::as_str).unwrap_or("")
    }

    pub fn display(&self) -> String {
        self.as_slice().join(", ")
    }
}

/// The sign-in to simulate: the assertion (its NameID and attributes, or a pasted SAML Response),
/// and how many sign-ins in a row; or a list of different sign-ins, one after another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(from = "SamlInputDoc", into = "SamlInputDoc")]
pub struct SamlInput {
    /// The assertion's NameID (usually the email).
    pub name_id: Option<String>,
    /// Attribute name → one value or several.
    pub attributes: BTreeMap<String, Values>,
    /// Sign-ins in a row, each from the state the last one left (SAML-01, SAML-31); 1 to 20. With
    /// a [`SamlInput::sequence`], its length.
    pub sign_ins: u32,
    /// A SAML Response as pasted, instead of `name_id` and `attributes`.
    pub response: Option<Response>,
    /// Different sign-ins one after another (`sign_ins` given as a list); empty: the sign-in
    /// above, `sign_ins` times.
    pub sequence: Vec<SignInInput>,
}

impl Default for SamlInput {
    fn default() -> Self {
        SamlInput {
            name_id: None,
            attributes: BTreeMap::new(),
            sign_ins: 1,
            response: None,
            sequence: Vec::new(),
        }
    }
}

/// One sign-in of a list: the assertion's NameID and attributes, or a SAML Response.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(from = "SignInDoc", into = "SignInDoc")]
pub struct SignInInput {
    pub name_id: Option<String>,
    pub attributes: BTreeMap<String, Values>,
    pub response: Option<Response>,
}

/// What one sign-in's assertion carries, as the engine reads it (borrowed from the scenario).
#[derive(Clone, Copy, Debug)]
pub struct Assertion<'a> {
    pub name_id: Option<&'a str>,
    pub attributes: &'a BTreeMap<String, Values>,
    /// The Response it was read from, when one was pasted (and could be read).
    pub received: Option<&'a Received>,
}

/// The attributes of a Response that could not be read (validation reports why).
static NO_ATTRIBUTES: BTreeMap<String, Values> = BTreeMap::new();

impl<'a> Assertion<'a> {
    fn of(
        name_id: &'a Option<String>,
        attributes: &'a BTreeMap<String, Values>,
        response: &'a Option<Response>,
    ) -> Assertion<'a> {
        match response {
            Some(response) => {
                let received = response.received();
                Assertion {
                    name_id: received
                        .and_then(|r| r.name_id.as_ref())
                        .map(|n| n.value.as_str()),
                    attributes: received.map_or(&NO_ATTRIBUTES, Received::attribute_map),
                    received,
                }
            }
            None => Assertion {
                name_id: name_id.as_deref(),
                attributes,
                received: None,
            },
        }
    }
}

impl SamlInput {
    /// The sign-in given at the top (not the list's).
    pub fn assertion(&self) -> Assertion<'_> {
        Assertion::of(&self.name_id, &self.attributes, &self.response)
    }

    /// Every sign-in in order: the list, or the top sign-in `sign_ins` times (at least once).
    pub fn assertions(&self) -> Vec<Assertion<'_>> {
        if self.sequence.is_empty() {
            vec![self.assertion(); self.sign_ins.max(1) as usize]
        } else {
            self.sequence.iter().map(SignInInput::assertion).collect()
        }
    }
}

impl SignInInput {
    pub fn assertion(&self) -> Assertion<'_> {
        Assertion::of(&self.name_id, &self.attributes, &self.response)
    }
}

/// The `saml` object as written.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SamlInputDoc {
    /// The assertion's NameID (usually the email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name_id: Option<String>,
    /// Attribute name → one value or several.
    #[serde(default)]
    attributes: BTreeMap<String, Values>,
    /// A SAML 2.0 Response instead of `name_id` and `attributes`: its XML, its base64 (the
    /// `SAMLResponse` form field, line breaks allowed), the form body `SAMLResponse=…`, or a
    /// SAML-tracer export (JSON). Signatures are not verified; encrypted assertions cannot be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<String>,
    /// For a SAML-tracer export: which of its Responses to read, from 0 (default: the last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response_index: Option<usize>,
    /// Sign-ins in a row, each from the state the last one left (SAML-01, SAML-31): a number, 1 to
    /// 20; or a list of different sign-ins (each `name_id` + `attributes`, or a `response`), signed
    /// in one after another, and then `name_id`, `attributes` and `response` go in the list.
    #[serde(default)]
    sign_ins: SignIns,
}

/// One sign-in of a list, as written.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct SignInDoc {
    /// The assertion's NameID (usually the email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name_id: Option<String>,
    /// Attribute name → one value or several.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    attributes: BTreeMap<String, Values>,
    /// A SAML 2.0 Response instead of `name_id` and `attributes` (as in `saml.response`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<String>,
    /// For a SAML-tracer export: which of its Responses to read, from 0 (default: the last).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response_index: Option<usize>,
}

/// `sign_ins`: a count, or the sign-ins themselves.
#[derive(Clone, Serialize, JsonSchema)]
#[serde(untagged)]
enum SignIns {
    Count(u32),
    List(Vec<SignInInput>),
}

impl Default for SignIns {
    fn default() -> Self {
        SignIns::Count(1)
    }
}

/// Read by hand rather than untagged, so that an error inside a listed sign-in is that sign-in's.
impl<'de> Deserialize<'de> for SignIns {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = SignIns;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number of sign-ins (1 to 20) or a list of sign-ins")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<SignIns, E> {
                u32::try_from(n)
                    .map(SignIns::Count)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(n), &self))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<SignIns, A::Error> {
                let mut list = Vec::new();
                while let Some(sign_in) = seq.next_element::<SignInInput>()? {
                    list.push(sign_in);
                }
                Ok(SignIns::List(list))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

fn response_of(text: Option<String>, index: Option<usize>) -> Option<Response> {
    match (text, index) {
        (Some(text), index) => Some(Response::new(text, index)),
        (None, Some(index)) => Some(Response::missing(index)),
        (None, None) => None,
    }
}

impl From<SamlInputDoc> for SamlInput {
    fn from(doc: SamlInputDoc) -> Self {
        let (sign_ins, sequence) = match doc.sign_ins {
            SignIns::Count(n) => (n, Vec::new()),
            SignIns::List(list) => (u32::try_from(list.len()).unwrap_or(u32::MAX), list),
        };
        SamlInput {
            name_id: doc.name_id,
            attributes: doc.attributes,
            sign_ins,
            response: response_of(doc.response, doc.response_index),
            sequence,
        }
    }
}

impl From<SamlInput> for SamlInputDoc {
    fn from(input: SamlInput) -> Self {
        SamlInputDoc {
            name_id: input.name_id,
            attributes: input.attributes,
            response_index: input.response.as_ref().and_then(Response::index),
            response: input.response.map(|r| r.text().to_string()),
            sign_ins: if input.sequence.is_empty() {
                SignIns::Count(input.sign_ins)
            } else {
                SignIns::List(input.sequence)
            },
        }
    }
}

impl From<SignInDoc> for SignInInput {
    fn from(doc: SignInDoc) -> Self {
        SignInInput {
            name_id: doc.name_id,
            attributes: doc.attributes,
            response: response_of(doc.response, doc.response_index),
        }
    }
}

impl From<SignInInput> for SignInDoc {
    fn from(input: SignInInput) -> Self {
        SignInDoc {
            name_id: input.name_id,
            attributes: input.attributes,
            response_index: input.response.as_ref().and_then(Response::index),
            response: input.response.map(|r| r.text().to_string()),
        }
    }
}
