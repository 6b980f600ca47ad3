//! Applies SCIM requests to the simulated directory with Zoom's semantics: create (409 on an existing
//! userName, SCIM-06), replace, modify, deactivate, delete; Contact Center attributes, defaults and
//! templates (SCIM-04, 05, 12, TPL-01..03); ZRA (SCIM-03, 11); legacy user types (SCIM-07).

use super::filter::{self, find_key};
use super::schema::{self, ZOOM};
use super::{
    mapping, patch, AuthKind, IdpKind, Method, PortalTemplate, ScimError, ScimInput, ScimRequest,
};
use crate::explain::{Step, Warning};
use crate::license::Package;
use crate::model::{self, Account, CcTemplate, Change, LicenseType, TemplateKind, User};
use crate::rules;
use crate::saml::engine::MAX_BASIC_USERS;
use crate::scenario::Scenario;
use crate::settings::{SettingEcho, Settings};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::BTreeSet;

/// The outcome of a SCIM simulation.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ScimReport {
    pub settings: Vec<SettingEcho>,
    /// Every request, in the order Zoom received them.
    pub results: Vec<RequestResult>,
    /// The directory after the last request.
    pub directory: Vec<DirectoryUser>,
    pub groups: Vec<GroupOut>,
    /// When the IdP's changes land (SCIM-09), if an IdP sync was simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeline: Option<mapping::Timeline>,
    /// How long the requests take at the given rate limit (SCIM-10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<f64>,
    /// Whether the failures would send the provisioning app into quarantine (SCIM-09).
    pub quarantine: bool,
    pub warnings: Vec<Warning>,
}

/// One request and what Zoom did with it.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RequestResult {
    pub index: usize,
    /// `request` (given), `idp` (produced by the IdP mappings) or `portal` (a template applied in the portal).
    pub source: &'static str,
    pub method: Method,
    pub path: String,
    /// The body, for requests the IdP produced.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// The HTTP status Zoom returns.
    pub status: u16,
    /// The response body (the resource, a list, or an RFC 7644 error).
    pub response: Option<Value>,
    /// The user the request concerned, by email.
    pub user: Option<String>,
    pub changes: Vec<Change>,
    pub trace: Vec<Step>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct DirectoryUser {
    pub id: String,
    pub user: User,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct GroupOut {
    pub id: String,
    pub display_name: String,
    /// Members by email.
    pub members: Vec<String>,
}

/// One user of the simulated directory: Zoom's user, and the SCIM resource the IdP sees.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    pub resource: Value,
    pub user: User,
}

#[derive(Clone, Debug)]
struct Group {
    id: String,
    name: String,
    /// Member ids.
    members: Vec<String>,
}

/// The directory the requests act on.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    pub entries: Vec<Entry>,
    groups: Vec<Group>,
    next_user: usize,
    next_group: usize,
}

impl Directory {
    /// The scenario's directory, and its `user` if the directory does not hold them already.
    pub fn from_scenario(scenario: &Scenario) -> Directory {
        let mut directory = Directory::default();
        let mut users: Vec<&User> = scenario.directory.iter().collect();
        if let Some(user) = &scenario.user {
            if !users
                .iter()
                .any(|u| u.email.eq_ignore_ascii_case(&user.email))
            {
                users.push(user);
            }
        }
        for user in users {
            let id = directory.new_user_id();
            directory.entries.push(Entry {
                resource: to_resource(user, &id),
                id,
                user: user.clone(),
            });
        }
        let names: BTreeSet<String> = directory
            .entries
            .iter()
            .flat_map(|e| e.user.groups.iter().cloned())
            .collect();
        for name in names {
            let members = directory
                .entries
                .iter()
                .filter(|e| e.user.groups.contains(&name))
                .map(|e| e.id.clone())
                .collect();
            let id = directory.new_group_id();
            directory.groups.push(Group { id, name, members });
        }
        directory
    }

    fn new_user_id(&mut self) -> String {
        self.next_user += 1;
        format!("zoom-{}", self.next_user)
    }

    fn new_group_id(&mut self) -> String {
        self.next_group += 1;
        format!("group-{}", self.next_group)
    }

    /// A user by provisim id or userName (ignoring case).
    pub fn position(&self, key: &str) -> Option<usize> {
        self.entries.iter().position(|e| {
            e.id == key
                || e.user.email.eq_ignore_ascii_case(key)
                || user_name(&e.resource).is_some_and(|n| n.eq_ignore_ascii_case(key))
        })
    }

    fn by_user_name(&self, name: &str, except: Option<&str>) -> Option<&Entry> {
        self.entries.iter().find(|e| {
            Some(e.id.as_str()) != except
                && user_name(&e.resource).is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }
}

fn user_name(resource: &Value) -> Option<&str> {
    find_key(resource, "userName").and_then(Value::as_str)
}

/// The SCIM resource of a Zoom user, as Zoom would return it.
pub fn to_resource(user: &User, id: &str) -> Value {
    let mut zoom = Map::new();
    zoom.insert("userType".into(), json!(user.license.label()));
    let cc = &user.contact_center;
    if let Some(p) = cc.package {
        zoom.insert("zoomContactCenterPackage".into(), json!(p.label()));
    }
    let mut put = |key: &str, value: &Option<String>| {
        if let Some(v) = value {
            zoom.insert(key.into(), json!(v));
        }
    };
    put("zoomContactCenterRole", &cc.role);
    put("zoomContactCenterRegion", &cc.region);
    put("zoomPhoneExtNumber", &user.phone.extension);
    put("zoomPhoneSite", &user.phone.site);
    put("zoomPhoneCallingPlan", &user.phone.calling_plan);
    put("zoomRevenueAcceleratorRole", &user.zra_role);
    if !cc.addons.is_empty() {
        zoom.insert(
            "zoomContactCenterAddonsPlan".into(),
            json!(cc.addons.iter().map(|a| addon_label(a)).collect::<Vec<_>>()),
        );
    }
    for (attribute, key) in BOOLEAN_ADDONS {
        if user.addons.contains_key(*key)
            || (*key == "whiteboard" && user.licenses.contains_key("whiteboard"))
        {
            zoom.insert((*attribute).into(), json!(true));
        }
    }
    if user.licenses.contains_key("revenue_accelerator") {
        zoom.insert("zoomRevenueAccelerator".into(), json!(true));
    }
    let mut resource = json!({
        "schemas": [schema::CORE_USER, schema::ENTERPRISE, ZOOM],
        "id": id,
        "userName": user.email,
        "active": user.active,
        "emails": [{"value": user.email, "type": "work", "primary": true}],
        "meta": {"resourceType": "User"},
    });
    if let Some(object) = resource.as_object_mut() {
        let mut name = Map::new();
        if !user.first_name.is_empty() {
            name.insert("givenName".into(), json!(user.first_name));
        }
        if !user.last_name.is_empty() {
            name.insert("familyName".into(), json!(user.last_name));
        }
        if !name.is_empty() {
            object.insert("name".into(), Value::Object(name));
        }
        if let Some(title) = &user.job_title {
            object.insert("title".into(), json!(title));
        }
        let mut enterprise = Map::new();
        if let Some(d) = &user.department {
            enterprise.insert("department".into(), json!(d));
        }
        if let Some(e) = &user.employee_id {
            enterprise.insert("employeeNumber".into(), json!(e));
        }
        object.insert(schema::ENTERPRISE.into(), Value::Object(enterprise));
        object.insert(ZOOM.into(), Value::Object(zoom));
    }
    resource
}

/// Zoom's boolean add-on attributes and the user's add-on keys.
const BOOLEAN_ADDONS: &[(&str, &str)] = &[
    ("zoomWhiteboard", "whiteboard"),
    ("zoomTranslatedCaptions", "translated_captions"),
    ("zoomWorkforceManagement", "workforce_management"),
    ("zoomQualityManagement", "quality_management"),
    ("zoomScheduler", "scheduler"),
    ("zoomClipsPlus", "clips_plus"),
    ("zoomDocs", "docs"),
];

const CC_ADDONS: &[(&str, &str)] = &[
    ("AI Expert Assist", "ai_expert_assist"),
    ("Workforce Management", "workforce_management"),
    ("Quality Management", "quality_management"),
];

fn addon_label(key: &str) -> &str {
    CC_ADDONS
        .iter()
        .find(|(_, k)| *k == key)
        .map(|(l, _)| *l)
        .unwrap_or(key)
}

/// Runs the scenario's SCIM input.
pub fn simulate(scenario: &Scenario, input: &ScimInput) -> ScimReport {
    let settings = &scenario.settings;
    let mut directory = Directory::from_scenario(scenario);
    let mut results = Vec::new();
    let mut warnings = Vec::new();
    if let Some(connection) = &input.connection {
        if connection.idp == IdpKind::Entra && connection.auth == AuthKind::Bearer {
            warnings.push(Warning::new(
                rules::SCIM_16,
                "Entra ID's Zoom connector no longer supports Bearer authentication (seed 002); other IdPs may use a secret token (seed 003)",
                "switch the Entra ID connection to OAuth 2.0",
            ));
        }
    }
    for (index, request) in input.requests.iter().enumerate() {
        results.push(handle(
            &mut directory,
            &scenario.account,
            settings,
            request,
            index,
            "request",
        ));
    }
    let mut timeline = None;
    if let Some(sync) = &input.idp {
        let produced = mapping::produce(sync, &directory, settings);
        warnings.extend(produced.warnings.iter().cloned());
        for (request, steps) in produced.requests {
            let index = results.len();
            let mut result = handle(
                &mut directory,
                &scenario.account,
                settings,
                &request,
                index,
                "idp",
            );
            result.body = request.body.clone();
            let mut trace = steps;
            trace.append(&mut result.trace);
            result.trace = trace;
            results.push(result);
        }
        timeline = Some(produced.timeline);
    }
    for portal in &input.portal {
        let index = results.len();
        results.push(apply_portal_template(
            &mut directory,
            &scenario.account,
            portal,
            index,
        ));
    }
    let failed = results.iter().filter(|r| r.status >= 400).count();
    let quarantine = failed >= 3 && failed * 2 >= results.len();
    if quarantine {
        warnings.push(Warning::new(
            rules::SCIM_09,
            format!("{failed} of {} requests fail: an IdP whose requests keep failing puts the provisioning app in quarantine and stops provisioning", results.len()),
            "fix the failing requests (see each error), then restart provisioning in the IdP",
        ));
    }
    let duration_seconds = input.rate_limit_per_second.filter(|r| *r > 0.0).map(|rate| {
        let seconds = results.len() as f64 / rate;
        warnings.push(Warning::new(
            rules::SCIM_10,
            format!("{} requests at {rate} per second take about {seconds:.1} s; requests beyond the limit are rate limited", results.len()),
            "spread large provisioning runs over time, or ask Zoom about the limit",
        ));
        seconds
    });
    for w in results.iter().flat_map(|r| r.warnings.iter()) {
        if !warnings.contains(w) {
            warnings.push(w.clone());
        }
    }
    let groups = directory
        .groups
        .iter()
        .map(|g| GroupOut {
            id: g.id.clone(),
            display_name: g.name.clone(),
            members: g
                .members
                .iter()
                .filter_map(|m| {
                    directory
                        .entries
                        .iter()
                        .find(|e| &e.id == m)
                        .map(|e| e.user.email.clone())
                })
                .collect(),
        })
        .collect();
    let directory_out = directory
        .entries
        .into_iter()
        .map(|e| DirectoryUser {
            id: e.id,
            user: e.user,
        })
        .collect();
    ScimReport {
        settings: settings.scim_echo(),
        results,
        directory: directory_out,
        groups,
        timeline,
        duration_seconds,
        quarantine,
        warnings,
    }
}

/// The resource a request addresses, after the SCIM base.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    Users(Option<String>, Option<String>),
    Groups(Option<String>),
}

/// SCIM-01: the base is `/scim2` (seed 003) or `/scim` (seed 002); both are accepted.
fn parse_target(path: &str, trace: &mut Vec<Step>) -> Result<Target, ScimError> {
    let not_found = |detail: String| ScimError::new(404, None, detail, rules::SCIM_01);
    let mut rest = path.trim();
    if let Some(after) = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
    {
        rest = after.find('/').and_then(|i| after.get(i..)).unwrap_or("/");
    }
    let (rest, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let mut segments = segments.as_slice();
    if let Some((first, tail)) = segments.split_first() {
        if first.eq_ignore_ascii_case("scim2") || first.eq_ignore_ascii_case("scim") {
            trace.push(Step::new(
                rules::SCIM_01,
                format!(
                    "base `/{first}` accepted (seed 002 says /scim, seed 003 /scim2: both are)"
                ),
            ));
            segments = tail;
            if segments
                .first()
                .is_some_and(|s| s.eq_ignore_ascii_case("v2"))
            {
                segments = segments.get(1..).unwrap_or(&[]);
            }
        }
    }
    let filter = query.and_then(|q| {
        q.split('&')
            .find_map(|pair| pair.strip_prefix("filter=").map(percent_decode))
    });
    match segments {
        [kind] if kind.eq_ignore_ascii_case("Users") => Ok(Target::Users(None, filter)),
        [kind, id] if kind.eq_ignore_ascii_case("Users") => Ok(Target::Users(Some(percent_decode(id)), None)),
        [kind] if kind.eq_ignore_ascii_case("Groups") => Ok(Target::Groups(None)),
        [kind, id] if kind.eq_ignore_ascii_case("Groups") => Ok(Target::Groups(Some(percent_decode(id)))),
        _ => Err(not_found(format!("`{path}` is not a SCIM endpoint: expected /scim2/Users[/{{id}}] or /scim2/Groups[/{{id}}]"))),
    }
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| (*c as char).to_digit(16));
        match (b, hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Handles one request against the directory.
pub fn handle(
    directory: &mut Directory,
    account: &Account,
    settings: &Settings,
    request: &ScimRequest,
    index: usize,
    source: &'static str,
) -> RequestResult {
    let mut trace = Vec::new();
    let mut warnings = Vec::new();
    let mut result = RequestResult {
        index,
        source,
        method: request.method,
        path: request.path.clone(),
        body: None,
        status: 200,
        response: None,
        user: None,
        changes: Vec::new(),
        trace: Vec::new(),
        warnings: Vec::new(),
    };
    let outcome = parse_target(&request.path, &mut trace).and_then(|target| match target {
        Target::Users(id, filter) => users(
            directory,
            account,
            settings,
            request,
            id,
            filter,
            &mut result,
            &mut trace,
            &mut warnings,
        ),
        Target::Groups(id) => groups(directory, request, id, &mut result, &mut trace),
    });
    match outcome {
        Ok((status, response)) => {
            result.status = status;
            result.response = response;
        }
        Err(error) => {
            trace.push(Step::new(
                error.rule,
                format!(
                    "{} {}: {}",
                    error.status,
                    error.scim_type.unwrap_or(""),
                    error.detail
                ),
            ));
            result.status = error.status;
            result.response = Some(error.body());
            result.changes.clear();
        }
    }
    result.trace = trace;
    result.warnings = warnings;
    result
}

type Outcome = Result<(u16, Option<Value>), ScimError>;

#[allow(clippy::too_many_arguments)]
fn users(
    directory: &mut Directory,
    account: &Account,
    settings: &Settings,
    request: &ScimRequest,
    id: Option<String>,
    filter: Option<String>,
    result: &mut RequestResult,
    trace: &mut Vec<Step>,
    warnings: &mut Vec<Warning>,
) -> Outcome {
    let missing = |id: &str| ScimError::new(404, None, format!("no user `{id}`"), rules::SCIM_01);
    let body = || {
        request.body.clone().ok_or_else(|| {
            ScimError::new(
                400,
                Some("invalidSyntax"),
                "the request has no body".to_string(),
                rules::SCIM_01,
            )
        })
    };
    match (request.method, id) {
        (Method::GET, None) => {
            let filter = match filter {
                Some(text) => Some(filter::parse(&text).map_err(|e| {
                    ScimError::new(
                        400,
                        Some("invalidFilter"),
                        format!("filter `{text}`: {e}"),
                        rules::SCIM_01,
                    )
                })?),
                None => None,
            };
            let found: Vec<Value> = directory
                .entries
                .iter()
                .filter(|e| {
                    filter
                        .as_ref()
                        .is_none_or(|f| filter::matches(f, &e.resource))
                })
                .map(|e| e.resource.clone())
                .collect();
            Ok((
                200,
                Some(
                    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": found.len(), "Resources": found}),
                ),
            ))
        }
        (Method::GET, Some(id)) => {
            let entry = directory
                .position(&id)
                .and_then(|i| directory.entries.get(i))
                .ok_or_else(|| missing(&id))?;
            result.user = Some(entry.user.email.clone());
            Ok((200, Some(entry.resource.clone())))
        }
        (Method::POST, None) => {
            let mut resource = body()?;
            let mut notes = Vec::new();
            schema::check_resource(&mut resource, schema::USER, &mut notes, false)?;
            note_all(trace, notes);
            let name = user_name(&resource).map(str::to_string).ok_or_else(|| {
                ScimError::new(
                    400,
                    Some("invalidValue"),
                    "`userName` is required (usually the email)".to_string(),
                    rules::SCIM_02,
                )
            })?;
            if let Some(existing) = directory.by_user_name(&name, None) {
                return Err(ScimError::new(
                    409,
                    Some("uniqueness"),
                    format!("a user with userName `{name}` already exists ({}): provisioning fails; an IdP that matches the user first would update it instead", existing.id),
                    rules::SCIM_06,
                ));
            }
            let id = directory.new_user_id();
            if let Some(object) = resource.as_object_mut() {
                object.insert("id".into(), json!(id));
                object.insert("meta".into(), json!({"resourceType": "User"}));
            }
            let mut user = User::new(&name);
            let empty = json!({});
            project(
                &empty, &resource, &mut user, true, account, settings, trace, warnings,
            )?;
            trace.push(Step::new(
                rules::SCIM_01,
                format!("user `{}` created as {id}", user.email),
            ));
            result.changes = model::diff(None, &user);
            result.user = Some(user.email.clone());
            let response = resource.clone();
            directory.entries.push(Entry { id, resource, user });
            Ok((201, Some(response)))
        }
        (Method::PUT | Method::PATCH, Some(id)) => {
            let at = directory.position(&id).ok_or_else(|| missing(&id))?;
            let entry = directory.entries.get(at).ok_or_else(|| missing(&id))?;
            let mut notes = Vec::new();
            let mut resource = if request.method == Method::PUT {
                let mut replacement = body()?;
                schema::check_resource(&mut replacement, schema::USER, &mut notes, false)?;
                trace.push(Step::new(
                    rules::SCIM_01,
                    "PUT replaces the whole resource: attributes it omits are cleared",
                ));
                if let Some(object) = replacement.as_object_mut() {
                    object.insert("id".into(), json!(entry.id));
                    object.insert("meta".into(), json!({"resourceType": "User"}));
                }
                replacement
            } else {
                let operations = patch::parse(&body()?, &mut notes)?;
                let mut patched = entry.resource.clone();
                patch::apply(&mut patched, &operations, schema::USER, &mut notes)?;
                schema::check_resource(&mut patched, schema::USER, &mut notes, true)?;
                trace.push(Step::new(
                    rules::SCIM_01,
                    format!("{} PATCH operation(s) applied", operations.len()),
                ));
                patched
            };
            note_all(trace, notes);
            let name = user_name(&resource).map(str::to_string).ok_or_else(|| {
                ScimError::new(
                    400,
                    Some("invalidValue"),
                    "`userName` cannot be removed".to_string(),
                    rules::SCIM_02,
                )
            })?;
            if directory.by_user_name(&name, Some(&entry.id)).is_some() {
                return Err(ScimError::new(
                    409,
                    Some("uniqueness"),
                    format!("userName `{name}` belongs to another user"),
                    rules::SCIM_06,
                ));
            }
            let mut user = entry.user.clone();
            project(
                &entry.resource,
                &resource,
                &mut user,
                false,
                account,
                settings,
                trace,
                warnings,
            )?;
            result.changes = model::diff(Some(&entry.user), &user);
            if result.changes.is_empty() {
                trace.push(Step::new(rules::SCIM_01, "no change to the Zoom user"));
            }
            result.user = Some(user.email.clone());
            if let Some(object) = resource.as_object_mut() {
                if !object.contains_key("schemas") {
                    object.insert("schemas".into(), json!([schema::CORE_USER]));
                }
            }
            let response = resource.clone();
            if let Some(slot) = directory.entries.get_mut(at) {
                slot.resource = resource;
                slot.user = user;
            }
            Ok((200, Some(response)))
        }
        (Method::DELETE, Some(id)) => {
            let at = directory.position(&id).ok_or_else(|| missing(&id))?;
            let entry = directory.entries.remove(at);
            for group in &mut directory.groups {
                group.members.retain(|m| m != &entry.id);
            }
            trace.push(Step::new(
                rules::SCIM_01,
                format!("user `{}` deleted", entry.user.email),
            ));
            result.user = Some(entry.user.email.clone());
            result.changes = vec![Change {
                field: String::new(),
                before: serde_json::to_value(&entry.user).unwrap_or_default(),
                after: Value::Null,
            }];
            Ok((204, None))
        }
        (method, id) => Err(ScimError::new(
            405,
            None,
            format!(
                "{method:?} is not supported on /Users{}",
                if id.is_some() { "/{id}" } else { "" }
            ),
            rules::SCIM_01,
        )),
    }
}

fn note_all(trace: &mut Vec<Step>, notes: Vec<String>) {
    for note in notes {
        let rule = if note.contains("SCIM-14") {
            rules::SCIM_14
        } else {
            rules::SCIM_02
        };
        trace.push(Step::new(rule, note));
    }
}

/// A value of the resource: core attribute, sub-attribute, or extension attribute.
fn get<'v>(
    resource: &'v Value,
    urn: Option<&str>,
    name: &str,
    sub: Option<&str>,
) -> Option<&'v Value> {
    let base = match urn {
        Some(urn) => find_key(resource, urn)?,
        None => resource,
    };
    let value = find_key(base, name)?;
    let value = match sub {
        Some(sub) => find_key(value, sub)?,
        None => value,
    };
    (!value.is_null()).then_some(value)
}

fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn work_email(resource: &Value) -> Option<String> {
    let emails = find_key(resource, "emails")?.as_array()?;
    let pick = |t: &str| {
        emails.iter().find(|e| {
            find_key(e, "type")
                .and_then(Value::as_str)
                .is_some_and(|x| x.eq_ignore_ascii_case(t))
        })
    };
    pick("work")
        .and_then(|e| find_key(e, "value"))
        .and_then(Value::as_str)
        .map(str::to_string)
}

/// Applies what changed between two resources to Zoom's user. On create, `old` is empty.
#[allow(clippy::too_many_arguments, clippy::too_many_lines)]
fn project(
    old: &Value,
    new: &Value,
    user: &mut User,
    creating: bool,
    account: &Account,
    settings: &Settings,
    trace: &mut Vec<Step>,
    warnings: &mut Vec<Warning>,
) -> Result<(), ScimError> {
    let changed = |urn: Option<&str>, name: &str, sub: Option<&str>| {
        get(old, urn, name, sub) != get(new, urn, name, sub)
    };
    let start = user.clone();

    // Identity (SCIM-02): userName is the login; a work email, when sent, is the email.
    let email = work_email(new).or_else(|| user_name(new).map(str::to_string));
    if let Some(email) = email {
        if email != user.email {
            trace.push(Step::new(rules::SCIM_02, format!("email `{}` → `{email}` (SCIM updates the work email; SAML maps it only at the first sign-in)", user.email)));
            user.email = email;
        }
    }
    if changed(None, "name", Some("givenName")) {
        user.first_name = text(get(new, None, "name", Some("givenName"))).unwrap_or_default();
    }
    if changed(None, "name", Some("familyName")) {
        user.last_name = text(get(new, None, "name", Some("familyName"))).unwrap_or_default();
    }
    if changed(None, "title", None) {
        user.job_title = text(get(new, None, "title", None));
    }
    if changed(Some(schema::ENTERPRISE), "department", None) {
        user.department = text(get(new, Some(schema::ENTERPRISE), "department", None));
    }
    if changed(Some(schema::ENTERPRISE), "employeeNumber", None) {
        user.employee_id = text(get(new, Some(schema::ENTERPRISE), "employeeNumber", None));
    }
    if changed(None, "active", None) {
        let active = get(new, None, "active", None)
            .and_then(Value::as_bool)
            .unwrap_or(true);
        if active != user.active {
            user.active = active;
            trace.push(Step::new(
                rules::SCIM_02,
                if active {
                    "user reactivated (`active: true`)"
                } else {
                    "user deactivated (`active: false`)"
                },
            ));
        }
    }
    if let Some(core_type) = text(get(new, None, "userType", None)) {
        if ["basic", "licensed", "on-prem", "pro", "corp"]
            .contains(&core_type.to_ascii_lowercase().as_str())
            && changed(None, "userType", None)
        {
            warnings.push(Warning::new(
                rules::SCIM_13,
                format!("core `userType` is `{core_type}`, but Zoom reads the license type from `{ZOOM}:userType`"),
                "map the IdP attribute to the Zoom extension's userType",
            ));
        }
    }

    // License type (SCIM-07, SCIM-13).
    if changed(Some(ZOOM), "userType", None) || creating {
        let sent = text(get(new, Some(ZOOM), "userType", None));
        let license = match sent.as_deref() {
            Some("Licensed") => LicenseType::Licensed,
            Some("On-Prem") => LicenseType::OnPrem,
            Some("Pro") | Some("Corp") => {
                let (new_type, label) = if sent.as_deref() == Some("Pro") {
                    (LicenseType::Licensed, "Licensed")
                } else {
                    (LicenseType::OnPrem, "On-Prem")
                };
                warnings.push(Warning::new(
                    rules::SCIM_07,
                    format!("legacy user type `{}` is read as `{label}`", sent.as_deref().unwrap_or("")),
                    format!("send `{label}`: `Pro` and `Corp` are deprecated (Pro → Licensed, Corp → On-Prem)"),
                ));
                new_type
            }
            Some(_) => LicenseType::Basic,
            None if creating => {
                trace.push(Step::new(
                    rules::SCIM_13,
                    "no userType sent: the new user is Basic",
                ));
                LicenseType::Basic
            }
            None => user.license,
        };
        if license != user.license || creating {
            if license == LicenseType::Basic
                && (creating || user.license != LicenseType::Basic)
                && account.basic_users >= MAX_BASIC_USERS
            {
                warnings.push(Warning::new(
                    rules::LIC_09,
                    format!("making {} a Basic user takes the account to {} Basic users: Zoom allows at most 9,999", user.email, account.basic_users + 1),
                    "license the user, or remove unused Basic users",
                ));
            }
            if !creating {
                trace.push(Step::new(
                    rules::SCIM_13,
                    format!("license {} → {}", user.license.label(), license.label()),
                ));
            }
            user.license = license;
        }
    }

    // Contact Center (SCIM-04) with its defaults (SCIM-12).
    let mut given: BTreeSet<&'static str> = BTreeSet::new();
    if changed(Some(ZOOM), "zoomContactCenterPackage", None) {
        let package = text(get(new, Some(ZOOM), "zoomContactCenterPackage", None))
            .and_then(|p| Package::ALL.into_iter().find(|x| x.label() == p));
        user.contact_center.package = package;
        given.insert("package");
        trace.push(Step::new(
            rules::SCIM_04,
            format!(
                "Contact Center package: {}",
                package.map(|p| p.label()).unwrap_or("removed")
            ),
        ));
    }
    let cc_text: [(&str, &'static str); 2] = [
        ("zoomContactCenterRole", "role"),
        ("zoomContactCenterRegion", "region"),
    ];
    for (attribute, field) in cc_text {
        if changed(Some(ZOOM), attribute, None) {
            let value = text(get(new, Some(ZOOM), attribute, None));
            let slot = if field == "role" {
                &mut user.contact_center.role
            } else {
                &mut user.contact_center.region
            };
            slot.clone_from(&value);
            given.insert(field);
            trace.push(Step::new(
                rules::SCIM_04,
                format!(
                    "Contact Center {field}: {}",
                    value.as_deref().unwrap_or("removed")
                ),
            ));
        }
    }
    if changed(Some(ZOOM), "zoomContactCenterAddonsPlan", None) {
        let labels: Vec<String> = get(new, Some(ZOOM), "zoomContactCenterAddonsPlan", None)
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        user.contact_center.addons = labels
            .iter()
            .filter_map(|l| {
                CC_ADDONS
                    .iter()
                    .find(|(label, _)| label == l)
                    .map(|(_, k)| (*k).to_string())
            })
            .collect();
        given.insert("addons");
        trace.push(Step::new(rules::SCIM_04, format!("Contact Center add-ons: [{}] (WFM and QM can be assigned through SCIM, unlike SAML: SAML-42)", labels.join(", "))));
    }
    let first_cc_license =
        start.contact_center.package.is_none() && user.contact_center.package.is_some();
    if first_cc_license {
        if user.contact_center.role.is_none() {
            user.contact_center.role = Some("Agent".to_string());
            trace.push(Step::new(
                rules::SCIM_12,
                "no Contact Center role sent: the default agent role `Agent`",
            ));
        }
        if user.contact_center.region.is_none() {
            match &account.cc_main_region {
                Some(region) => {
                    user.contact_center.region = Some(region.clone());
                    trace.push(Step::new(rules::SCIM_12, format!("no region sent: the account's main region `{region}`")));
                }
                None => trace.push(Step::new(rules::SCIM_12, "no region sent: the account's main region (not set in this scenario's account)")),
            }
        }
    } else if creating && user.contact_center.package.is_none() {
        trace.push(Step::new(
            rules::SCIM_12,
            "no Contact Center package sent: none is assigned",
        ));
    }

    // Templates (SCIM-05, SCIM-12, TPL-03).
    if let Some(name) = text(get(new, Some(ZOOM), "zoomContactCenterUserTemplate", None))
        .filter(|_| changed(Some(ZOOM), "zoomContactCenterUserTemplate", None) || creating)
    {
        let template = find_template(account, &name)?;
        match (creating, template.kind) {
            (true, TemplateKind::Add) => {
                let applied = template.apply(&mut user.contact_center, &given);
                let kept: Vec<&str> = given.iter().copied().collect();
                trace.push(Step::new(
                    rules::SCIM_05,
                    format!(
                        "add-type template `{name}` applied on create: {}{}",
                        if applied.is_empty() { "no settings".to_string() } else { applied.join(", ") },
                        if kept.is_empty() { String::new() } else { format!("; individual values win for {} (TPL-03)", kept.join(", ")) }
                    ),
                ));
            }
            (true, TemplateKind::Update) => warnings.push(Warning::new(
                rules::SCIM_05,
                format!("template `{name}` is an update-type template: SCIM ignores it (only add-type templates apply, on create)"),
                "send an add-type template, or apply the update template in the portal (TPL-02)",
            )),
            (false, _) => warnings.push(Warning::new(
                rules::SCIM_12,
                format!("template `{name}` is ignored for the existing user {}: SCIM applies templates only when creating users", user.email),
                "set the individual attributes instead, or apply the template in the portal (TPL-02)",
            )),
        }
    }

    // Phone (SCIM-13).
    if changed(Some(ZOOM), "zoomPhoneExtNumber", None) {
        let ext = text(get(new, Some(ZOOM), "zoomPhoneExtNumber", None));
        user.phone.extension = match ext.as_deref() {
            Some("0") => {
                trace.push(Step::new(
                    rules::SCIM_13,
                    "zoomPhoneExtNumber 0: Zoom assigns an extension automatically",
                ));
                Some("auto".to_string())
            }
            _ => ext,
        };
    }
    if changed(Some(ZOOM), "zoomPhoneSite", None) {
        user.phone.site = text(get(new, Some(ZOOM), "zoomPhoneSite", None));
    }
    if changed(Some(ZOOM), "zoomPhoneCallingPlan", None) {
        user.phone.calling_plan = text(get(new, Some(ZOOM), "zoomPhoneCallingPlan", None));
    }

    // Boolean add-ons (SCIM-13).
    for (attribute, key) in BOOLEAN_ADDONS {
        if !changed(Some(ZOOM), attribute, None) {
            continue;
        }
        let on = get(new, Some(ZOOM), attribute, None)
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let map = if *key == "whiteboard" {
            &mut user.licenses
        } else {
            &mut user.addons
        };
        if on {
            map.insert((*key).to_string(), "on".to_string());
        } else {
            map.remove(*key);
        }
    }

    // Revenue Accelerator (SCIM-03, SCIM-11), with SAML-16's limits.
    if changed(Some(ZOOM), "zoomRevenueAccelerator", None) {
        match get(new, Some(ZOOM), "zoomRevenueAccelerator", None).and_then(Value::as_bool) {
            Some(true) if user.on_prem_data_residency => warnings.push(Warning::new(
                rules::SCIM_03,
                format!("{} gets no ZRA license: the user's meeting data residency is On-Prem (SAML-16's limits apply through SCIM too)", user.email),
                "ZRA is not available with On-Prem data residency",
            )),
            Some(true) if user.license != LicenseType::Licensed => warnings.push(Warning::new(
                rules::SCIM_03,
                format!("{} gets no ZRA license: only licensed users can be assigned one (SAML-16's limits apply through SCIM too)", user.email),
                "send userType `Licensed` in the same request or before",
            )),
            Some(true) => {
                user.licenses.insert("revenue_accelerator".into(), "ZRA".into());
                trace.push(Step::new(rules::SCIM_03, "zoomRevenueAccelerator true: ZRA license assigned"));
            }
            _ if settings.zra_false_removes => {
                if user.licenses.remove("revenue_accelerator").is_some() {
                    trace.push(Step::new(rules::SCIM_03, "zoomRevenueAccelerator false: ZRA license removed (Assumption; setting zra_false_removes)"));
                }
            }
            _ => trace.push(Step::new(rules::SCIM_03, "zoomRevenueAccelerator false: ZRA license kept (setting zra_false_removes is off)")),
        }
    }
    if changed(Some(ZOOM), "zoomRevenueAcceleratorRole", None) || creating {
        let role = text(get(new, Some(ZOOM), "zoomRevenueAcceleratorRole", None));
        if role.is_some() || !creating {
            if let (Some(current), Some(sent)) = (&start.zra_role, &role) {
                if current != sent && !creating {
                    warnings.push(Warning::new(
                        rules::SCIM_11,
                        format!("{}'s ZRA role `{current}` in Zoom is overwritten by the IdP's `{sent}`", user.email),
                        "when ZRA roles are managed in the IdP, change them there: manual changes in Zoom drift and are overwritten at the next sync",
                    ));
                }
            }
            user.zra_role = role;
        }
    }
    Ok(())
}

fn find_template<'a>(account: &'a Account, name: &str) -> Result<&'a CcTemplate, ScimError> {
    account
        .cc_templates
        .iter()
        .find(|t| t.name.eq_ignore_ascii_case(name))
        .ok_or_else(|| {
            let names: Vec<&str> = account
                .cc_templates
                .iter()
                .map(|t| t.name.as_str())
                .collect();
            let help = match crate::input::nearest(name, names.iter().copied()) {
                Some(best) => format!("; did you mean `{best}`?"),
                None if names.is_empty() => "; the account has no templates".to_string(),
                None => format!("; templates: {}", names.join(", ")),
            };
            ScimError::new(
                400,
                Some("invalidValue"),
                format!("no Contact Center template `{name}`{help}"),
                rules::SCIM_05,
            )
        })
}

/// TPL-02: a template applied in the portal; on update only the chosen settings are overridden.
fn apply_portal_template(
    directory: &mut Directory,
    account: &Account,
    portal: &PortalTemplate,
    index: usize,
) -> RequestResult {
    let mut result = RequestResult {
        index,
        source: "portal",
        method: Method::PATCH,
        path: format!("portal: template `{}` on {}", portal.template, portal.user),
        body: None,
        status: 200,
        response: None,
        user: Some(portal.user.clone()),
        changes: Vec::new(),
        trace: Vec::new(),
        warnings: Vec::new(),
    };
    let (Some(at), Ok(template)) = (
        directory.position(&portal.user),
        find_template(account, &portal.template),
    ) else {
        result.status = 404;
        result.trace.push(Step::new(
            rules::TPL_02,
            format!(
                "no user `{}` or no template `{}`",
                portal.user, portal.template
            ),
        ));
        return result;
    };
    let Some(entry) = directory.entries.get_mut(at) else {
        return result;
    };
    let before = entry.user.clone();
    const FIELDS: [&str; 7] = [
        "package",
        "role",
        "region",
        "addons",
        "agent_queues",
        "supervisor_queues",
        "skills",
    ];
    // Settings not overridden count as given, so the template leaves them (TPL-02, TPL-03).
    let kept: BTreeSet<&'static str> = match &portal.overrides {
        Some(chosen) => FIELDS
            .iter()
            .copied()
            .filter(|f| !chosen.iter().any(|c| c == f))
            .collect(),
        None => BTreeSet::new(),
    };
    let applied = template.apply(&mut entry.user.contact_center, &kept);
    result.trace.push(Step::new(
        rules::TPL_02,
        format!(
            "portal {} with template `{}`: overrides {}; keeps {}",
            if portal.overrides.is_some() {
                "update"
            } else {
                "add"
            },
            template.name,
            if applied.is_empty() {
                "nothing".to_string()
            } else {
                applied.join(", ")
            },
            if kept.is_empty() {
                "nothing".to_string()
            } else {
                kept.iter().copied().collect::<Vec<_>>().join(", ")
            }
        ),
    ));
    result.changes = model::diff(Some(&before), &entry.user);
    entry.resource = to_resource(&entry.user, &entry.id);
    result
}

fn groups(
    directory: &mut Directory,
    request: &ScimRequest,
    id: Option<String>,
    result: &mut RequestResult,
    trace: &mut Vec<Step>,
) -> Outcome {
    let group_resource = |directory: &Directory, g: &Group| {
        let members: Vec<Value> = g
            .members
            .iter()
            .map(|m| json!({"value": m, "display": directory.entries.iter().find(|e| &e.id == m).map(|e| e.user.email.clone()).unwrap_or_default()}))
            .collect();
        json!({"schemas": [schema::CORE_GROUP], "id": g.id, "displayName": g.name, "members": members, "meta": {"resourceType": "Group"}})
    };
    let missing = |id: &str| ScimError::new(404, None, format!("no group `{id}`"), rules::SCIM_01);
    let find = |directory: &Directory, id: &str| {
        directory
            .groups
            .iter()
            .position(|g| g.id == id || g.name.eq_ignore_ascii_case(id))
    };
    match (request.method, id) {
        (Method::GET, None) => {
            let all: Vec<Value> = directory
                .groups
                .iter()
                .map(|g| group_resource(directory, g))
                .collect();
            Ok((
                200,
                Some(
                    json!({"schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"], "totalResults": all.len(), "Resources": all}),
                ),
            ))
        }
        (Method::GET, Some(id)) => {
            let at = find(directory, &id).ok_or_else(|| missing(&id))?;
            Ok((
                200,
                directory
                    .groups
                    .get(at)
                    .map(|g| group_resource(directory, g)),
            ))
        }
        (Method::POST, None) | (Method::PUT | Method::PATCH, Some(_)) => {
            let mut notes = Vec::new();
            let body = request.body.clone().ok_or_else(|| {
                ScimError::new(
                    400,
                    Some("invalidSyntax"),
                    "the request has no body".to_string(),
                    rules::SCIM_01,
                )
            })?;
            let (at, mut resource) = match (&request.method, &result.path) {
                (Method::POST, _) => {
                    let mut resource = body.clone();
                    schema::check_resource(&mut resource, schema::GROUP, &mut notes, false)?;
                    (None, resource)
                }
                _ => {
                    let key = request
                        .path
                        .rsplit('/')
                        .next()
                        .map(percent_decode)
                        .unwrap_or_default();
                    let at = find(directory, &key).ok_or_else(|| missing(&key))?;
                    let current = directory
                        .groups
                        .get(at)
                        .map(|g| group_resource(directory, g))
                        .unwrap_or_default();
                    let resource = if request.method == Method::PUT {
                        let mut replacement = body.clone();
                        schema::check_resource(&mut replacement, schema::GROUP, &mut notes, false)?;
                        replacement
                    } else {
                        let operations = patch::parse(&body, &mut notes)?;
                        let mut patched = current;
                        patch::apply(&mut patched, &operations, schema::GROUP, &mut notes)?;
                        patched
                    };
                    (Some(at), resource)
                }
            };
            note_all(trace, notes);
            let name = find_key(&resource, "displayName")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_default();
            let mut members = Vec::new();
            for member in find_key(&resource, "members")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let key = find_key(member, "value")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                match directory
                    .position(key)
                    .and_then(|i| directory.entries.get(i))
                {
                    Some(entry) => members.push(entry.id.clone()),
                    None => trace.push(Step::new(
                        rules::SCIM_01,
                        format!("member `{key}` is not a user of this directory: skipped"),
                    )),
                }
            }
            let id = match at {
                Some(at) => directory
                    .groups
                    .get(at)
                    .map(|g| g.id.clone())
                    .unwrap_or_default(),
                None => directory.new_group_id(),
            };
            let old_name = at
                .and_then(|i| directory.groups.get(i))
                .map(|g| g.name.clone());
            let group = Group {
                id: id.clone(),
                name: name.clone(),
                members: members.clone(),
            };
            match at {
                Some(i) => {
                    if let Some(slot) = directory.groups.get_mut(i) {
                        *slot = group;
                    }
                }
                None => directory.groups.push(group),
            }
            // Membership lives on the users too (their groups, first = primary).
            for entry in &mut directory.entries {
                let member = members.contains(&entry.id);
                let before = entry.user.groups.clone();
                if let Some(old) = &old_name {
                    entry.user.groups.retain(|g| g != old);
                }
                if member && !entry.user.groups.contains(&name) {
                    entry.user.groups.push(name.clone());
                }
                if before != entry.user.groups {
                    result.changes.push(Change {
                        field: format!("{}/groups", entry.user.email),
                        before: json!(before),
                        after: json!(entry.user.groups),
                    });
                }
            }
            trace.push(Step::new(
                rules::SCIM_01,
                format!("group `{name}` has {} member(s)", members.len()),
            ));
            if let Some(object) = resource.as_object_mut() {
                object.insert("id".into(), json!(id));
            }
            let response = directory
                .groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| group_resource(directory, g));
            Ok((if at.is_some() { 200 } else { 201 }, response))
        }
        (Method::DELETE, Some(id)) => {
            let at = find(directory, &id).ok_or_else(|| missing(&id))?;
            let group = directory.groups.remove(at);
            for entry in &mut directory.entries {
                entry.user.groups.retain(|g| g != &group.name);
            }
            Ok((204, None))
        }
        (method, _) => Err(ScimError::new(
            405,
            None,
            format!("{method:?} is not supported here"),
            rules::SCIM_01,
        )),
    }
}
