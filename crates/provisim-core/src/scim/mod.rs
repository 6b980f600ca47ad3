//! SCIM 2.0 provisioning (RULES.md SCIM-*, TPL-*): requests as IdPs send them, parsed per RFC 7643 /
//! RFC 7644, applied to the simulated directory with Zoom's semantics, and the IdP side (attribute
//! mappings, expressions, provisioning cycles) that produces them.

pub mod discovery;
pub mod engine;
pub mod expression;
pub mod filter;
pub mod import;
pub mod listing;
pub mod mapping;
pub mod patch;
pub mod schema;

use crate::input::InputError;
use crate::model::Setup;
use crate::rules::RuleId;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

/// An RFC 7644 error: HTTP status, `scimType` and detail, and the rule that explains it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScimError {
    pub status: u16,
    pub scim_type: Option<&'static str>,
    pub detail: String,
    pub rule: RuleId,
}

impl ScimError {
    pub fn new(status: u16, scim_type: Option<&'static str>, detail: String, rule: RuleId) -> Self {
        Self {
            status,
            scim_type,
            detail,
            rule,
        }
    }

    /// The response body Zoom would return (RFC 7644 §3.12).
    pub fn body(&self) -> Value {
        let mut body = json!({"schemas": [schema::ERROR], "status": self.status.to_string(), "detail": self.detail});
        if let (Some(t), Some(object)) = (self.scim_type, body.as_object_mut()) {
            object.insert("scimType".to_string(), Value::String(t.to_string()));
        }
        body
    }
}

/// An HTTP method of a SCIM request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub enum Method {
    #[serde(alias = "get")]
    GET,
    #[serde(alias = "post")]
    POST,
    #[serde(alias = "put")]
    PUT,
    #[serde(alias = "patch")]
    PATCH,
    #[serde(alias = "delete")]
    DELETE,
}

impl Method {
    /// The method as HTTP writes it (and as the scenario's JSON names it): `GET`, `PATCH`, …
    pub fn word(self) -> &'static str {
        match self {
            Method::GET => "GET",
            Method::POST => "POST",
            Method::PUT => "PUT",
            Method::PATCH => "PATCH",
            Method::DELETE => "DELETE",
        }
    }
}

/// One SCIM request as the IdP sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScimRequest {
    pub method: Method,
    /// `/scim2/Users`, `/scim/Users/{id}`, a full URL, or `/Users/{id}`; the id may be the user's
    /// provisim id (`zoom-1`, …) or their userName.
    pub path: String,
    /// The JSON body (POST, PUT, PATCH).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// How the IdP connects to Zoom (SCIM-16).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Connection {
    pub idp: IdpKind,
    pub auth: AuthKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum IdpKind {
    Entra,
    Okta,
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    Bearer,
    Oauth,
}

/// A Contact Center template applied in the web portal (TPL-02): on add, all its settings; on
/// update, only the settings the admin chose to override.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PortalTemplate {
    pub template: String,
    /// The user's email.
    pub user: String,
    /// On an update, the settings the template overrides (`package`, `role`, `region`, `addons`,
    /// `agent_queues`, `supervisor_queues`, `skills`); absent: all of them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overrides: Option<Vec<String>>,
}

/// The SCIM simulation's input: requests, and/or the IdP side that produces them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScimInput {
    /// Requests applied in order to the directory.
    #[serde(default)]
    pub requests: Vec<ScimRequest>,
    /// The IdP's attribute mappings and users: they produce requests applied after `requests` (SCIM-08).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp: Option<mapping::IdpSync>,
    /// Templates applied in the web portal after the requests (TPL-02).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub portal: Vec<PortalTemplate>,
    /// The connection to check (SCIM-16).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection: Option<Connection>,
    /// Requests per second Zoom allows, to estimate how long the requests take (SCIM-10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_limit_per_second: Option<f64>,
    /// The SCIM identities of directory users, as a real log knows them (`id`, `externalId`, a
    /// `userName` other than the email, `meta`), so the log's requests can be replayed (SCIM-20).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identities: Vec<Identity>,
    /// The logical clock of `meta.created` / `meta.lastModified` (SCIM-20); absent: it starts at
    /// 2024-01-01T00:00:00Z and each request takes one second.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<Clock>,
}

/// A directory user's SCIM identity (SCIM-20).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Identity {
    /// The user's email, as in `directory`.
    pub user: String,
    /// The SCIM `id` Zoom gave the user (default: `zoom-1`, `zoom-2`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(
        default,
        rename = "externalId",
        skip_serializing_if = "Option::is_none"
    )]
    pub external_id: Option<String>,
    /// The userName, when it is not the email.
    #[serde(default, rename = "userName", skip_serializing_if = "Option::is_none")]
    pub user_name: Option<String>,
    /// `created`, `lastModified` (RFC 3339) and `version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Value>,
}

/// The logical clock (SCIM-20): the directory exists at `start`; request n happens n steps later.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    /// RFC 3339, e.g. `2024-01-01T00:00:00Z`.
    pub start: String,
    #[serde(default = "one_second")]
    pub step_seconds: u32,
}

fn one_second() -> u32 {
    1
}

/// Every problem of the SCIM input outside the IdP's mappings: the clock, the identities.
fn validate(setup: &Setup, input: &ScimInput) -> Vec<InputError> {
    use crate::input::nearest;
    let mut errors = Vec::new();
    if let Some(clock) = &input.clock {
        if let Err(e) = crate::time::parse_time(&clock.start) {
            errors.push(
                InputError::new(
                    "/scim/clock/start",
                    format!("`{}` is not an RFC 3339 time: {e}", clock.start),
                )
                .with_help("write e.g. `2024-01-01T00:00:00Z`"),
            );
        }
    }
    let mut emails: Vec<&str> = setup.directory.iter().map(|u| u.email.as_str()).collect();
    if let Some(user) = setup.user {
        emails.push(user.email.as_str());
    }
    let mut ids: Vec<&str> = Vec::new();
    for (i, identity) in input.identities.iter().enumerate() {
        if !emails
            .iter()
            .any(|e| e.eq_ignore_ascii_case(&identity.user))
        {
            let help = match nearest(&identity.user, emails.iter().copied()) {
                Some(best) => format!(
                    "did you mean `{best}`? an identity names a user of `directory` by email"
                ),
                None => "an identity names a user of `directory` by email".to_string(),
            };
            errors.push(
                InputError::new(
                    format!("/scim/identities/{i}/user"),
                    format!("`{}` is not a user of the directory", identity.user),
                )
                .with_help(help),
            );
        }
        if let Some(id) = &identity.id {
            if ids.contains(&id.as_str()) {
                errors.push(InputError::new(
                    format!("/scim/identities/{i}/id"),
                    format!("the id `{id}` is given twice: SCIM ids are unique"),
                ));
            }
            ids.push(id);
        }
        for key in ["created", "lastModified"] {
            if let Some(text) = identity
                .meta
                .as_ref()
                .and_then(|m| m.get(key))
                .and_then(Value::as_str)
            {
                if crate::time::instant(text).is_none() {
                    errors.push(
                        InputError::new(
                            format!("/scim/identities/{i}/meta/{key}"),
                            format!("`{text}` is not an RFC 3339 time"),
                        )
                        .with_help("write e.g. `2011-05-13T04:42:34Z`"),
                    );
                }
            }
        }
    }
    errors
}

/// Checks a SCIM input against the account, resolves a downloaded IdP configuration
/// (`scim.idp.import`) into its table, and simulates the requests: the SCIM engine's entry.
pub fn simulate(setup: &Setup, input: &ScimInput) -> Result<engine::ScimReport, Vec<InputError>> {
    let mut errors = validate(setup, input);
    let mut imported = None;
    match &input.idp {
        Some(sync) if sync.import.is_some() => match import::resolve(sync) {
            Ok(resolved) => imported = Some(resolved),
            Err(mut e) => errors.append(&mut e),
        },
        Some(sync) => errors.extend(mapping::validate(sync)),
        None => {}
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some((sync, report)) = imported else {
        return Ok(engine::simulate(setup, input));
    };
    // The imported configuration runs as its table would (SCIM-08): the outcome says what came in.
    let input = ScimInput {
        idp: Some(sync),
        ..input.clone()
    };
    let mut outcome = engine::simulate(setup, &input);
    if let Some(report) = report {
        let mut warnings: Vec<_> = report
            .warnings
            .iter()
            .map(import::ImportNote::warning)
            .collect();
        warnings.append(&mut outcome.warnings);
        outcome.warnings = warnings;
        outcome.import = Some(report);
    }
    Ok(outcome)
}
