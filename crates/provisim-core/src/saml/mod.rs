//! SAML response mapping (RULES.md SAML-*): the SSO configuration, its sections in their fixed order,
//! validation, and the sign-in engine.

pub mod engine;
pub mod matching;
pub mod section;
pub mod validate;

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

/// One value or several.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
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

/// The sign-in to simulate: the assertion's attributes, and how many sign-ins in a row.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SamlInput {
    /// The assertion's NameID (usually the email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_id: Option<String>,
    /// Attribute name → one value or several.
    #[serde(default)]
    pub attributes: BTreeMap<String, Values>,
    /// Sign-ins in a row, each from the state the last one left (SAML-01, SAML-31); 1 to 20.
    #[serde(default = "one")]
    pub sign_ins: u32,
}

fn one() -> u32 {
    1
}
