//! Applies SCIM requests to the simulated directory with Zoom's semantics: create (409 on an existing
//! userName or email, SCIM-06), replace, modify, deactivate, delete; Contact Center attributes,
//! defaults and templates (SCIM-04, 05, 12, TPL-01..03); ZRA (SCIM-03, 11); legacy user types
//! (SCIM-07); lists, searches and `meta` (SCIM-20), discovery (SCIM-18) and bulk (SCIM-19).

mod bulk;

use super::discovery::{self, Endpoint};
use super::filter::{self, find_key};
use super::listing::{self, Query};
use super::schema::{self, ZOOM};
use super::{
    mapping, patch, AuthKind, IdpKind, Method, PortalTemplate, ScimError, ScimInput, ScimRequest,
};
use crate::explain::{Step, Warning};
use crate::license::eligibility::{self, ZraRefusal};
use crate::license::Package;
use crate::model::{
    self, license_key, Account, CcTemplate, Change, LicenseType, Plan, Setup, TemplateKind, User,
};
use crate::rules;
use crate::settings::{SettingEcho, Settings};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

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
    /// What `scim.idp.import` brought in: the mapping table, the scope, and what was left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub import: Option<super::import::ImportReport>,
    /// How long the requests take at the given rate limit (SCIM-10).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_seconds: Option<f64>,
    /// Whether the failures would send the provisioning app into quarantine (SCIM-09).
    pub quarantine: bool,
    /// The logical clock `meta.created` and `meta.lastModified` come from (SCIM-20).
    pub clock: ClockOut,
    pub warnings: Vec<Warning>,
}

/// The clock of a simulation, as echoed in its outcome: provisim reads no real clock (SCIM-20).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ClockOut {
    pub start: String,
    pub step_seconds: u32,
    pub note: String,
}

/// Where a request came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// Given in the scenario's `requests`.
    Request,
    /// Produced by the IdP's mappings.
    Idp,
    /// A template applied in the web portal.
    Portal,
}

impl Source {
    /// The source as the answer's JSON names it: `request`, `idp`, `portal`.
    pub fn word(self) -> &'static str {
        match self {
            Source::Request => "request",
            Source::Idp => "idp",
            Source::Portal => "portal",
        }
    }
}

/// One request and what Zoom did with it.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RequestResult {
    pub index: usize,
    pub source: Source,
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

/// When a resource was created and last changed, and its version (SCIM-20).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamp {
    pub created: i64,
    pub modified: i64,
    pub revision: u64,
    /// A version given by `scim.identities`, kept until the resource changes.
    pub version: Option<String>,
}

impl Stamp {
    fn new(now: i64) -> Stamp {
        Stamp {
            created: now,
            modified: now,
            revision: 1,
            version: None,
        }
    }

    fn touch(&mut self, now: i64) {
        self.modified = now;
        self.revision += 1;
        self.version = None;
    }

    /// The weak ETag of the resource (RFC 7644 §3.14).
    pub fn version(&self) -> String {
        self.version
            .clone()
            .unwrap_or_else(|| format!("W/\"{}\"", self.revision))
    }

    /// The resource's `meta` (RFC 7643 §3.1).
    pub fn meta(&self, kind: &str, id: &str) -> Value {
        json!({
            "resourceType": kind,
            "created": crate::time::format_time(self.created),
            "lastModified": crate::time::format_time(self.modified),
            "location": format!("{}/{kind}s/{id}", discovery::BASE),
            "version": self.version(),
        })
    }
}

/// One user of the simulated directory: Zoom's user, and the SCIM resource the IdP sees.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: String,
    pub resource: Value,
    pub user: User,
    pub stamp: Stamp,
}

impl Entry {
    /// Writes the entry's `meta` into its resource.
    fn stamp_resource(&mut self) {
        let meta = self.stamp.meta("User", &self.id);
        if let Some(object) = self.resource.as_object_mut() {
            object.insert("meta".into(), meta);
        }
    }
}

#[derive(Clone, Debug)]
struct Group {
    id: String,
    name: String,
    external_id: Option<String>,
    /// Member ids.
    members: Vec<String>,
    stamp: Stamp,
}

/// The directory the requests act on.
#[derive(Clone, Debug, Default)]
pub struct Directory {
    /// The users in directory order. Read them freely; change them only through [`handle`] (and
    /// the other functions of this module), which keep the index of keys current.
    pub entries: Vec<Entry>,
    /// Every key a request addresses a user by — id, Zoom email, userName, externalId, each
    /// `emails` value — lowercased, to the positions of the entries that carry it: look-ups by key
    /// and `eq` filters on them read the candidates, not every entry (issue 18: a batch through the
    /// IdP grew with the square of the directory). A superset: candidates are checked as before.
    index: BTreeMap<String, BTreeSet<usize>>,
    groups: Vec<Group>,
    next_user: usize,
    next_group: usize,
    /// The time of the request being handled, in seconds since the epoch (SCIM-20).
    pub now: i64,
}

/// The clock's default start when the scenario gives none.
pub const CLOCK_START: &str = "2024-01-01T00:00:00Z";

impl Directory {
    /// The account's directory, and its `user` if the directory does not hold them already; the
    /// SCIM identities of `scim.identities` replace the ids, userNames and `meta` provisim would
    /// give them, and `scim.clock` starts the clock.
    pub fn new(setup: &Setup, input: Option<&ScimInput>) -> Directory {
        let clock = input.and_then(|s| s.clock.as_ref());
        let start = clock
            .and_then(|c| crate::time::instant(&c.start))
            .or_else(|| crate::time::instant(CLOCK_START))
            .unwrap_or(0);
        let mut directory = Directory {
            now: start,
            ..Directory::default()
        };
        let identities = input.map(|s| s.identities.as_slice()).unwrap_or(&[]);
        let mut users: Vec<&User> = setup.directory.iter().collect();
        if let Some(user) = setup.user {
            if !users
                .iter()
                .any(|u| u.email.eq_ignore_ascii_case(&user.email))
            {
                users.push(user);
            }
        }
        for user in users {
            let identity = identities
                .iter()
                .find(|i| i.user.eq_ignore_ascii_case(&user.email));
            let id = match identity.and_then(|i| i.id.clone()) {
                Some(id) => id,
                None => directory.new_user_id(),
            };
            let mut stamp = Stamp::new(start);
            let mut resource = to_resource(user, &id);
            if let Some(identity) = identity {
                let meta = identity.meta.as_ref();
                let time = |key: &str| {
                    meta.and_then(|m| find_key(m, key))
                        .and_then(Value::as_str)
                        .and_then(crate::time::instant)
                };
                if let Some(t) = time("created") {
                    stamp.created = t;
                    stamp.modified = t;
                }
                if let Some(t) = time("lastModified") {
                    stamp.modified = t;
                }
                stamp.version = meta
                    .and_then(|m| find_key(m, "version"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                if let Some(object) = resource.as_object_mut() {
                    if let Some(name) = &identity.user_name {
                        object.insert("userName".into(), json!(name));
                    }
                    if let Some(external) = &identity.external_id {
                        object.insert("externalId".into(), json!(external));
                    }
                }
            }
            let mut entry = Entry {
                resource,
                id,
                user: user.clone(),
                stamp,
            };
            entry.stamp_resource();
            directory.push_entry(entry);
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
            directory.groups.push(Group {
                id,
                name,
                external_id: None,
                members,
                stamp: Stamp::new(start),
            });
        }
        directory
    }

    fn new_user_id(&mut self) -> String {
        loop {
            self.next_user += 1;
            let id = format!("zoom-{}", self.next_user);
            if !self.candidates(&id).any(|e| e.id == id) {
                return id;
            }
        }
    }

    /// The keys an entry is addressed by, lowercased (see `index`).
    fn keys(entry: &Entry) -> Vec<String> {
        let mut keys = vec![entry.id.to_lowercase(), entry.user.email.to_lowercase()];
        for name in ["id", "userName", "externalId"] {
            if let Some(v) = find_key(&entry.resource, name).and_then(Value::as_str) {
                keys.push(v.to_lowercase());
            }
        }
        let emails = match find_key(&entry.resource, "emails") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(one) => vec![one],
            None => Vec::new(),
        };
        for email in emails {
            let value = if email.is_object() {
                find_key(email, "value")
            } else {
                Some(email)
            };
            if let Some(v) = value.and_then(Value::as_str) {
                keys.push(v.to_lowercase());
            }
        }
        keys
    }

    fn index_at(&mut self, at: usize) {
        let Some(entry) = self.entries.get(at) else {
            return;
        };
        for key in Self::keys(entry) {
            self.index.entry(key).or_default().insert(at);
        }
    }

    fn unindex_at(&mut self, at: usize) {
        let Some(entry) = self.entries.get(at) else {
            return;
        };
        for key in Self::keys(entry) {
            if let Some(positions) = self.index.get_mut(&key) {
                positions.remove(&at);
                if positions.is_empty() {
                    self.index.remove(&key);
                }
            }
        }
    }

    /// Appends a user and indexes its keys.
    fn push_entry(&mut self, entry: Entry) {
        self.entries.push(entry);
        self.index_at(self.entries.len().saturating_sub(1));
    }

    /// Removes the user at `at`; the positions after it move, so the index is built again.
    fn remove_entry(&mut self, at: usize) -> Option<Entry> {
        if at >= self.entries.len() {
            return None;
        }
        let entry = self.entries.remove(at);
        self.index.clear();
        for i in 0..self.entries.len() {
            self.index_at(i);
        }
        Some(entry)
    }

    /// The positions of the entries one of whose keys is `key` (ignoring case), in directory order.
    fn positions(&self, key: &str) -> impl Iterator<Item = usize> + '_ {
        self.index
            .get(&key.to_lowercase())
            .into_iter()
            .flatten()
            .copied()
    }

    /// The entries one of whose keys is `key` (ignoring case), in directory order.
    fn candidates(&self, key: &str) -> impl Iterator<Item = &Entry> + '_ {
        self.positions(key).filter_map(|i| self.entries.get(i))
    }

    /// The first user whose attribute `attribute` (a top-level attribute of the resource) is
    /// `value`, ignoring case: the IdP's look-up by its matching attribute (SCIM-08).
    pub fn find_by(&self, attribute: &str, value: &str) -> Option<&Entry> {
        let is = |e: &&Entry| {
            find_key(&e.resource, attribute)
                .and_then(Value::as_str)
                .is_some_and(|v| v.eq_ignore_ascii_case(value))
        };
        if ["id", "userName", "externalId"]
            .iter()
            .any(|k| k.eq_ignore_ascii_case(attribute))
        {
            self.candidates(value).find(is)
        } else {
            self.entries.iter().find(is)
        }
    }

    /// The users an `eq` filter on an indexed key can match, in directory order; `None` when the
    /// filter is not one (then every user is a candidate). Each candidate is still matched.
    fn filter_candidates(&self, filter: &filter::Filter) -> Option<Vec<usize>> {
        use filter::{CompareOp, Filter};
        match filter {
            Filter::Compare(path, CompareOp::Eq, Value::String(value))
                if path.urn.is_none()
                    && crate::time::instant(value).is_none()
                    && match path.sub.as_deref() {
                        None => ["id", "userName", "externalId", "emails"]
                            .iter()
                            .any(|k| k.eq_ignore_ascii_case(&path.name)),
                        Some(sub) => {
                            path.name.eq_ignore_ascii_case("emails")
                                && sub.eq_ignore_ascii_case("value")
                        }
                    } =>
            {
                Some(self.positions(value).collect())
            }
            Filter::And(a, b) => self
                .filter_candidates(a)
                .or_else(|| self.filter_candidates(b)),
            _ => None,
        }
    }

    fn new_group_id(&mut self) -> String {
        self.next_group += 1;
        format!("group-{}", self.next_group)
    }

    /// A user by provisim id, email or userName (ignoring case).
    pub fn position(&self, key: &str) -> Option<usize> {
        self.positions(key).find(|&i| {
            self.entries.get(i).is_some_and(|e| {
                e.id == key
                    || e.user.email.eq_ignore_ascii_case(key)
                    || user_name(&e.resource).is_some_and(|n| n.eq_ignore_ascii_case(key))
            })
        })
    }

    fn by_user_name(&self, name: &str, except: Option<&str>) -> Option<&Entry> {
        self.candidates(name).find(|e| {
            Some(e.id.as_str()) != except
                && user_name(&e.resource).is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }
}

impl mapping::Lookup for Directory {
    fn find_by(&self, attribute: &str, value: &str) -> Option<mapping::Known<'_>> {
        Directory::find_by(self, attribute, value).map(|e| mapping::Known {
            id: &e.id,
            resource: &e.resource,
        })
    }
}

fn user_name(resource: &Value) -> Option<&str> {
    find_key(resource, "userName").and_then(Value::as_str)
}

/// The SCIM resource of a Zoom user, as Zoom would return it.
/// A user field a SCIM attribute carries one to one, as text.
#[derive(Clone, Copy, Debug)]
enum TextField {
    FirstName,
    LastName,
    JobTitle,
    Department,
    EmployeeId,
    PhoneSite,
    CallingPlan,
}

impl TextField {
    /// The user's value; an empty name is none.
    fn get(self, user: &User) -> Option<&str> {
        match self {
            TextField::FirstName => Some(user.first_name.as_str()).filter(|n| !n.is_empty()),
            TextField::LastName => Some(user.last_name.as_str()).filter(|n| !n.is_empty()),
            TextField::JobTitle => user.job_title.as_deref(),
            TextField::Department => user.department.as_deref(),
            TextField::EmployeeId => user.employee_id.as_deref(),
            TextField::PhoneSite => user.phone.site.as_deref(),
            TextField::CallingPlan => user.phone.calling_plan.as_deref(),
        }
    }

    /// Writes the value sent (none: the field is cleared).
    fn set(self, user: &mut User, value: Option<String>) {
        match self {
            TextField::FirstName => user.first_name = value.unwrap_or_default(),
            TextField::LastName => user.last_name = value.unwrap_or_default(),
            TextField::JobTitle => user.job_title = value,
            TextField::Department => user.department = value,
            TextField::EmployeeId => user.employee_id = value,
            TextField::PhoneSite => user.phone.site = value,
            TextField::CallingPlan => user.phone.calling_plan = value,
        }
    }
}

/// The attributes that map one to one onto a user's text field, in both directions: a request's
/// resource writes them into the user ([`Projection::identity`] for the core and enterprise ones,
/// SCIM-02; [`Projection::phone`] for Zoom's, SCIM-13) and [`to_resource`] writes the user back
/// out. `(urn, attribute, sub-attribute, field)`; no URN is the core schema.
const TEXT_ATTRIBUTES: [(Option<&str>, &str, Option<&str>, TextField); 7] = [
    (None, "name", Some("givenName"), TextField::FirstName),
    (None, "name", Some("familyName"), TextField::LastName),
    (None, "title", None, TextField::JobTitle),
    (
        Some(schema::ENTERPRISE),
        "department",
        None,
        TextField::Department,
    ),
    (
        Some(schema::ENTERPRISE),
        "employeeNumber",
        None,
        TextField::EmployeeId,
    ),
    (Some(ZOOM), "zoomPhoneSite", None, TextField::PhoneSite),
    (
        Some(ZOOM),
        "zoomPhoneCallingPlan",
        None,
        TextField::CallingPlan,
    ),
];

pub fn to_resource(user: &User, id: &str) -> Value {
    let zoom = zoom_extension(user);
    let mut resource = json!({
        "schemas": [schema::CORE_USER, schema::ENTERPRISE, ZOOM],
        "id": id,
        "userName": user.email,
        "active": user.active,
        "emails": emails(user),
        "meta": {"resourceType": "User"},
    });
    if let Some(object) = resource.as_object_mut() {
        let mut enterprise = Map::new();
        for (urn, attribute, sub, field) in TEXT_ATTRIBUTES {
            let Some(value) = field.get(user) else {
                continue;
            };
            match (urn, sub) {
                (None, Some(sub)) => {
                    if let Some(complex) = object
                        .entry(attribute)
                        .or_insert_with(|| Value::Object(Map::new()))
                        .as_object_mut()
                    {
                        complex.insert(sub.into(), json!(value));
                    }
                }
                (None, None) => {
                    object.insert(attribute.into(), json!(value));
                }
                (Some(schema::ENTERPRISE), _) => {
                    enterprise.insert(attribute.into(), json!(value));
                }
                // Zoom's extension: written by zoom_extension.
                (Some(_), _) => {}
            }
        }
        object.insert(schema::ENTERPRISE.into(), Value::Object(enterprise));
        object.insert(ZOOM.into(), Value::Object(zoom));
    }
    resource
}

/// The Zoom extension of the user's resource ([`to_resource`]'s `ZOOM` part), alone: what
/// [`show_as_held`] compares for every request, without building the rest of the resource.
fn zoom_extension(user: &User) -> Map<String, Value> {
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
    put("zoomRevenueAcceleratorRole", &user.zra_role);
    for (urn, attribute, _, field) in TEXT_ATTRIBUTES {
        if let (Some(ZOOM), Some(value)) = (urn, field.get(user)) {
            zoom.insert(attribute.into(), json!(value));
        }
    }
    // An Integer attribute (Zoom's schema): a number, and none while Zoom assigns it
    // automatically (`auto`, after `zoomPhoneExtNumber` 0: the simulator cannot know the number).
    if let Some(n) = user
        .phone
        .extension
        .as_deref()
        .and_then(|e| e.trim().parse::<i64>().ok())
    {
        zoom.insert("zoomPhoneExtNumber".into(), json!(n));
    }
    if !cc.addons.is_empty() {
        zoom.insert(
            "zoomContactCenterAddonsPlan".into(),
            json!(cc.addons.iter().map(|a| addon_label(a)).collect::<Vec<_>>()),
        );
    }
    for (attribute, key) in BOOLEAN_ADDONS {
        if user.holds_addon(key)
            || (*key == license_key::WHITEBOARD
                && user.licenses.contains_key(license_key::WHITEBOARD))
        {
            zoom.insert((*attribute).into(), json!(true));
        }
    }
    if user.licenses.contains_key(license_key::REVENUE_ACCELERATOR) {
        zoom.insert("zoomRevenueAccelerator".into(), json!(true));
    }
    zoom
}

/// The user's `emails`: the Zoom email (work, primary), then each secondary email (`other`).
fn emails(user: &User) -> Value {
    let mut emails = vec![json!({"value": user.email, "type": "work", "primary": true})];
    emails.extend(
        user.secondary_emails
            .iter()
            .map(|e| json!({"value": e, "type": "other"})),
    );
    Value::Array(emails)
}

/// Zoom's boolean add-on attributes and the user's add-on keys (WFM and QM held, as every
/// Contact Center add-on, in `contact_center.addons`: `User::holds_addon`).
const BOOLEAN_ADDONS: &[(&str, &str)] = &[
    ("zoomWhiteboard", license_key::WHITEBOARD),
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

/// Runs a SCIM input (checked, its IdP configuration resolved to a table) on the account: the
/// requests on a logical clock, then the IdP's, with the rate estimate (SCIM-10) and what the
/// connection's authentication allows (SCIM-16).
pub fn simulate(setup: &Setup, input: &ScimInput) -> ScimReport {
    let settings = setup.settings;
    let mut directory = Directory::new(setup, Some(input));
    let start = directory.now;
    let step = input.clock.as_ref().map_or(1, |c| c.step_seconds);
    let at = |index: usize| start + i64::from(step) * i64::try_from(index + 1).unwrap_or(0);
    let mut results = Vec::new();
    // What the document gave in an older form comes first: it is about the input (LIC-08).
    let mut warnings: Vec<Warning> = setup.notes.clone();
    if let Some(connection) = &input.connection {
        if connection.idp == IdpKind::Entra && connection.auth == AuthKind::Bearer {
            warnings.push(Warning::new(
                rules::SCIM_16,
                "Entra ID's Zoom connector no longer supports Bearer authentication (Microsoft's Zoom provisioning tutorial); other IdPs may use a secret token (Zoom's SCIM article)",
                "switch the Entra ID connection to OAuth 2.0",
            ));
        }
    }
    // LIC-09 counts Basic users as the requests go: each request sees the count the earlier ones
    // left (one clone of the account per run).
    let mut account = setup.account.clone();
    for (index, request) in input.requests.iter().enumerate() {
        directory.now = at(index);
        let result = handle(
            &mut directory,
            &account,
            settings,
            request,
            index,
            Source::Request,
        );
        count_basic_users(&mut account, &result);
        results.push(result);
    }
    let mut timeline = None;
    if let Some(sync) = &input.idp {
        let produced = mapping::produce(sync, &directory, settings);
        warnings.extend(produced.warnings.iter().cloned());
        for (request, steps) in produced.requests {
            let index = results.len();
            directory.now = at(index);
            let mut result = handle(
                &mut directory,
                &account,
                settings,
                &request,
                index,
                Source::Idp,
            );
            count_basic_users(&mut account, &result);
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
        directory.now = at(index);
        results.push(apply_portal_template(
            &mut directory,
            setup.account,
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
        import: None,
        duration_seconds,
        quarantine,
        clock: ClockOut {
            start: crate::time::format_time(start),
            step_seconds: step,
            note: format!(
                "provisim reads no clock: the directory exists at {}, and request n happens n × {step} s later (set `scim.clock`); meta.created and meta.lastModified come from this clock",
                crate::time::format_time(start)
            ),
        },
        warnings,
    }
}

/// The resource a request addresses, after the SCIM base.
#[derive(Debug, PartialEq, Eq)]
enum Target {
    Users(Option<String>),
    Groups(Option<String>),
    /// `POST /.search`, `/Users/.search` or `/Groups/.search`: which resources it searches.
    Search(Option<&'static str>),
    ServiceProviderConfig,
    ResourceTypes(Option<String>),
    Schemas(Option<String>),
    Bulk,
}

/// SCIM-01: the base is `/scim2` (seed 003) or `/scim` (Microsoft's Zoom provisioning tutorial); both are accepted.
fn parse_target(path: &str, trace: &mut Vec<Step>) -> Result<(Target, Query), ScimError> {
    let not_found = |detail: String| ScimError::new(404, None, detail, rules::SCIM_01);
    let mut rest = path.trim();
    if let Some(after) = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
    {
        rest = after.find('/').and_then(|i| after.get(i..)).unwrap_or("/");
    }
    let (rest, query) = match rest.split_once('?') {
        Some((p, q)) => (p, q),
        None => (rest, ""),
    };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let mut segments = segments.as_slice();
    if let Some((first, tail)) = segments.split_first() {
        if first.eq_ignore_ascii_case("scim2") || first.eq_ignore_ascii_case("scim") {
            trace.push(Step::new(
                rules::SCIM_01,
                format!(
                    "base `/{first}` accepted (Microsoft's tutorial says /scim, Zoom's SCIM article /scim2: both are)"
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
    let query = Query::from_query_string(query, percent_decode)?;
    let is = |s: &str, name: &str| s.eq_ignore_ascii_case(name);
    let target = match segments {
        [kind] if is(kind, "Users") => Target::Users(None),
        [kind, search] if is(kind, "Users") && is(search, ".search") => {
            Target::Search(Some("User"))
        }
        [kind, id] if is(kind, "Users") => Target::Users(Some(percent_decode(id))),
        [kind] if is(kind, "Groups") => Target::Groups(None),
        [kind, search] if is(kind, "Groups") && is(search, ".search") => {
            Target::Search(Some("Group"))
        }
        [kind, id] if is(kind, "Groups") => Target::Groups(Some(percent_decode(id))),
        [search] if is(search, ".search") => Target::Search(None),
        [kind] if is(kind, "ServiceProviderConfig") => Target::ServiceProviderConfig,
        [kind] if is(kind, "ResourceTypes") => Target::ResourceTypes(None),
        [kind, id] if is(kind, "ResourceTypes") => Target::ResourceTypes(Some(percent_decode(id))),
        [kind] if is(kind, "Schemas") => Target::Schemas(None),
        [kind, id] if is(kind, "Schemas") => Target::Schemas(Some(percent_decode(id))),
        [kind] if is(kind, "Bulk") => Target::Bulk,
        // RFC 7644 §3.11: an endpoint without the `/Me` alias SHOULD answer 501; Zoom documents none.
        [me, ..] if is(me, "Me") => {
            return Err(ScimError::new(
                501,
                None,
                format!("`{path}`: this endpoint does not support the `/Me` alias (RFC 7644 §3.11): address the user by id, /scim2/Users/{{id}}"),
                rules::SCIM_18,
            ))
        }
        _ => return Err(not_found(format!("`{path}` is not a SCIM endpoint: expected /scim2/Users[/{{id}}], /scim2/Groups[/{{id}}], /scim2/Bulk, /scim2/.search, /scim2/ServiceProviderConfig, /scim2/ResourceTypes or /scim2/Schemas"))),
    };
    Ok((target, query))
}

pub(super) fn percent_decode(text: &str) -> String {
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

/// SCIM-07 and SCIM-13: the license a Zoom `userType` value gives (case aside, as the schema
/// canonicalises it), and whether the value is a legacy one (`Pro` → Licensed, `Corp` → On-Prem).
/// Any other value is Basic. The engine and the lint's count of Basic creates both read it.
pub fn license_of_user_type(user_type: &str) -> (LicenseType, bool) {
    match user_type.to_ascii_lowercase().as_str() {
        "licensed" => (LicenseType::Licensed, false),
        "on-prem" => (LicenseType::OnPrem, false),
        "pro" => (LicenseType::Licensed, true),
        "corp" => (LicenseType::OnPrem, true),
        _ => (LicenseType::Basic, false),
    }
}

/// LIC-09's running count: a request that created a Basic user or made one Basic adds one to the
/// account's Basic users, one that deleted a Basic user or licensed one takes one away (read from
/// the request's changes: `/license` for a create or an update, the whole user for a delete).
fn count_basic_users(account: &mut Account, result: &RequestResult) {
    let basic = |v: Option<&Value>| v.and_then(Value::as_str) == Some("basic");
    for change in &result.changes {
        let (was, is) = match change.field.as_str() {
            "/license" => (basic(Some(&change.before)), basic(Some(&change.after))),
            "" => (
                basic(change.before.get("license")),
                basic(change.after.get("license")),
            ),
            _ => continue,
        };
        if is && !was {
            account.basic_users = account.basic_users.saturating_add(1);
        } else if was && !is {
            account.basic_users = account.basic_users.saturating_sub(1);
        }
    }
}

/// Handles one request against the directory (SCIM-01: the endpoints and methods Zoom's SCIM 2.0
/// API answers, each with its status).
pub fn handle(
    directory: &mut Directory,
    account: &Account,
    settings: &Settings,
    request: &ScimRequest,
    index: usize,
    source: Source,
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
    let endpoint = Endpoint::new(settings);
    let get_only = |method: Method, what: &str| {
        if method == Method::GET {
            Ok(())
        } else {
            Err(ScimError::new(
                405,
                None,
                format!("{method:?} is not supported on {what}: it is read-only (RFC 7644 §4)"),
                rules::SCIM_18,
            ))
        }
    };
    let mut query = Query::default();
    let outcome = parse_target(&request.path, &mut trace).and_then(|(target, q)| {
        query = q;
        let mut ctx = Ctx {
            directory,
            account,
            settings,
            endpoint: &endpoint,
            request,
            result: &mut result,
            trace: &mut trace,
            warnings: &mut warnings,
        };
        match target {
            Target::Users(id) => users(&mut ctx, id, &query),
            Target::Groups(id) => groups(&mut ctx, id, &query),
            Target::Search(kind) => {
                if request.method != Method::POST {
                    return Err(ScimError::new(
                        405,
                        None,
                        "a search is a POST (RFC 7644 §3.4.3)".to_string(),
                        rules::SCIM_20,
                    ));
                }
                let body = request.body.clone().unwrap_or(Value::Null);
                query = Query::from_search(&body)?;
                search(&mut ctx, kind, &query)
            }
            Target::ServiceProviderConfig => {
                get_only(request.method, "/ServiceProviderConfig")?;
                ctx.trace.push(Step::new(rules::SCIM_18, "the service provider configuration, from the one description of Zoom's endpoint (Assumptions of SCIM-18 where Zoom does not document it)"));
                Ok((200, Some(endpoint.service_provider_config())))
            }
            Target::ResourceTypes(id) => {
                get_only(request.method, "/ResourceTypes")?;
                discovery_list(discovery::resource_types(), id, "resource type", &query, &endpoint, ctx.trace)
            }
            Target::Schemas(id) => {
                get_only(request.method, "/Schemas")?;
                discovery_list(discovery::schemas(), id, "schema", &query, &endpoint, ctx.trace)
            }
            Target::Bulk => bulk::handle(&mut ctx),
        }
    });
    match outcome {
        Ok((status, response)) => {
            result.status = status;
            // RFC 7644 §3.9: `attributes` / `excludedAttributes` on any answer with a resource.
            result.response = match response {
                Some(body)
                    if query.chooses_attributes()
                        && !find_key(&body, "schemas")
                            .and_then(Value::as_array)
                            .is_some_and(|s| s.iter().any(|u| u == listing::LIST_RESPONSE)) =>
                {
                    Some(query.project(&body))
                }
                other => other,
            };
        }
        Err(error) => {
            // RFC 7644 §3.12: a scimType only where one applies (never for a 404), so the step
            // reads `404: no user …`, not `404 : no user …`.
            let status = match error.scim_type {
                Some(scim_type) => format!("{} {scim_type}", error.status),
                None => error.status.to_string(),
            };
            trace.push(Step::new(error.rule, format!("{status}: {}", error.detail)));
            result.status = error.status;
            result.response = Some(error.body());
            result.changes.clear();
        }
    }
    result.trace = trace;
    result.warnings = warnings;
    result
}

/// What a request's handler works with.
pub(super) struct Ctx<'a> {
    pub directory: &'a mut Directory,
    pub account: &'a Account,
    pub settings: &'a Settings,
    pub endpoint: &'a Endpoint,
    pub request: &'a ScimRequest,
    pub result: &'a mut RequestResult,
    pub trace: &'a mut Vec<Step>,
    pub warnings: &'a mut Vec<Warning>,
}

pub(super) type Outcome = Result<(u16, Option<Value>), ScimError>;

fn discovery_list(
    all: Vec<Value>,
    id: Option<String>,
    what: &str,
    query: &Query,
    endpoint: &Endpoint,
    trace: &mut Vec<Step>,
) -> Outcome {
    // RFC 7644 §4: filtering, sorting and paging SHALL be ignored here, and a filter SHOULD be
    // answered 403, so that a client does not take every resource for a match.
    if let Some(filter) = &query.filter {
        return Err(ScimError::new(
            403,
            None,
            format!("`filter={filter}`: the {what}s cannot be filtered (RFC 7644 §4)"),
            rules::SCIM_18,
        ));
    }
    trace.push(Step::new(
        rules::SCIM_18,
        format!("the {what}s of Zoom's endpoint, from the attribute tables the simulator checks requests with"),
    ));
    match id {
        Some(id) => discovery::one(all, &id, what).map(|v| (200, Some(v))),
        None => {
            let ignored: Vec<&str> = [
                ("startIndex", query.start_index.is_some()),
                ("count", query.count.is_some()),
                ("sortBy", query.sort_by.is_some()),
            ]
            .iter()
            .filter(|(_, given)| *given)
            .map(|(name, _)| *name)
            .collect();
            if !ignored.is_empty() {
                trace.push(Step::new(
                    rules::SCIM_18,
                    format!(
                        "`{}` ignored: every {what} is returned (RFC 7644 §4)",
                        ignored.join("`, `")
                    ),
                ));
            }
            let whole = Query {
                attributes: query.attributes.clone(),
                excluded: query.excluded.clone(),
                ..Query::default()
            };
            let mut notes = Vec::new();
            let page = whole.page(all, endpoint, &mut notes);
            trace.extend(notes);
            Ok((200, Some(page)))
        }
    }
}

/// `POST /.search` and `…/.search` (RFC 7644 §3.4.3).
fn search(ctx: &mut Ctx, kind: Option<&'static str>, query: &Query) -> Outcome {
    let mut notes = Vec::new();
    let filter = query.parsed_filter(ctx.settings.scim_dialect, &mut notes)?;
    let mut found: Vec<Value> = Vec::new();
    if kind != Some("Group") {
        found.extend(
            ctx.directory
                .entries
                .iter()
                .filter(|e| {
                    filter
                        .as_ref()
                        .is_none_or(|f| filter::matches(f, &e.resource))
                })
                .map(|e| e.resource.clone()),
        );
    }
    if kind != Some("User") {
        let groups: Vec<Value> = ctx
            .directory
            .groups
            .iter()
            .map(|g| group_resource(ctx.directory, g))
            .filter(|g| filter.as_ref().is_none_or(|f| filter::matches(f, g)))
            .collect();
        found.extend(groups);
    }
    ctx.trace.push(Step::new(
        rules::SCIM_20,
        format!(
            "search of {}: {} match",
            match kind {
                Some("User") => "the users",
                Some(_) => "the groups",
                None => "every resource type",
            },
            explain_count(found.len())
        ),
    ));
    let page = query.page(found, ctx.endpoint, &mut notes);
    ctx.trace.extend(notes);
    Ok((200, Some(page)))
}

fn explain_count(n: usize) -> String {
    crate::explain::count(
        u64::try_from(n).unwrap_or(u64::MAX),
        "resource",
        "resources",
    )
}

/// Whether a text can be a Zoom user's email: `local@domain.tld`, no spaces (SCIM-02).
pub fn is_address(text: &str) -> bool {
    let mut parts = text.split('@');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(local), Some(domain), None) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !text.chars().any(char::is_whitespace)
        }
        _ => false,
    }
}

/// `/Users`: list, read, create, replace, patch and delete; a `userName` that is another user's
/// is refused with 409 (SCIM-06), as is an email with the setting on ([`unique_email`]).
fn users(ctx: &mut Ctx, id: Option<String>, query: &Query) -> Outcome {
    let Ctx {
        directory,
        account,
        settings,
        request,
        result,
        trace,
        warnings,
        endpoint,
    } = ctx;
    let (account, settings, request, endpoint) = (*account, *settings, *request, *endpoint);
    let dialect = settings.scim_dialect;
    let now = directory.now;
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
            let mut notes = Vec::new();
            let filter = query.parsed_filter(dialect, &mut notes)?;
            let matches = |e: &&Entry| {
                filter
                    .as_ref()
                    .is_none_or(|f| filter::matches(f, &e.resource))
            };
            let found: Vec<Value> =
                match filter.as_ref().and_then(|f| directory.filter_candidates(f)) {
                    Some(candidates) => candidates
                        .into_iter()
                        .filter_map(|i| directory.entries.get(i))
                        .filter(matches)
                        .map(|e| e.resource.clone())
                        .collect(),
                    None => directory
                        .entries
                        .iter()
                        .filter(matches)
                        .map(|e| e.resource.clone())
                        .collect(),
                };
            let page = query.page(found, endpoint, &mut notes);
            trace.extend(notes);
            Ok((200, Some(page)))
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
            schema::check_resource_in(&mut resource, schema::USER, dialect, &mut notes, false)?;
            trace.extend(notes);
            drop_password(&mut resource, trace);
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
            let mut user = User::new(&name);
            let before = user.clone();
            let empty = json!({});
            let ignored = project(
                &empty, &resource, &mut user, true, account, settings, trace, warnings,
            )?;
            show_as_held(&mut resource, &empty, &before, &user, ignored);
            unique_email(directory, &user.email, None, settings)?;
            trace.push(Step::new(
                rules::SCIM_01,
                format!("user `{}` created as {id}", user.email),
            ));
            result.changes = model::diff(None, &user);
            result.user = Some(user.email.clone());
            if let Some(object) = resource.as_object_mut() {
                object.insert("id".into(), json!(id));
            }
            let mut entry = Entry {
                id,
                resource,
                user,
                stamp: Stamp::new(now),
            };
            entry.stamp_resource();
            let response = entry.resource.clone();
            directory.push_entry(entry);
            Ok((201, Some(response)))
        }
        (Method::PUT | Method::PATCH, Some(id)) => {
            let at = directory.position(&id).ok_or_else(|| missing(&id))?;
            let entry = directory.entries.get(at).ok_or_else(|| missing(&id))?;
            let mut notes = Vec::new();
            let mut resource = if request.method == Method::PUT {
                let mut replacement = body()?;
                schema::check_resource_in(
                    &mut replacement,
                    schema::USER,
                    dialect,
                    &mut notes,
                    false,
                )?;
                trace.push(Step::new(
                    rules::SCIM_01,
                    "PUT replaces the whole resource: attributes it omits are cleared",
                ));
                if let Some(object) = replacement.as_object_mut() {
                    object.insert("id".into(), json!(entry.id));
                }
                replacement
            } else {
                let operations = patch::parse(&body()?, dialect, &mut notes)?;
                let mut patched = entry.resource.clone();
                patch::apply(&mut patched, &operations, schema::USER, dialect, &mut notes)?;
                schema::check_resource_in(&mut patched, schema::USER, dialect, &mut notes, true)?;
                trace.push(Step::new(
                    rules::SCIM_01,
                    format!(
                        "{} applied",
                        crate::explain::count(
                            operations.len() as u64,
                            "PATCH operation",
                            "PATCH operations"
                        )
                    ),
                ));
                patched
            };
            trace.extend(notes);
            drop_password(&mut resource, trace);
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
            let ignored = project(
                &entry.resource,
                &resource,
                &mut user,
                false,
                account,
                settings,
                trace,
                warnings,
            )?;
            show_as_held(&mut resource, &entry.resource, &entry.user, &user, ignored);
            unique_email(directory, &user.email, Some(&entry.id), settings)?;
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
            directory.unindex_at(at);
            let Some(slot) = directory.entries.get_mut(at) else {
                return Err(missing(&id));
            };
            let mut old = slot.resource.clone();
            if let (Some(a), Some(b)) = (old.as_object_mut(), resource.as_object_mut()) {
                a.remove("meta");
                b.remove("meta");
            }
            if old != resource {
                slot.stamp.touch(now);
            }
            slot.resource = resource;
            slot.user = user;
            slot.stamp_resource();
            let response = slot.resource.clone();
            directory.index_at(at);
            Ok((200, Some(response)))
        }
        (Method::DELETE, Some(id)) => {
            let at = directory.position(&id).ok_or_else(|| missing(&id))?;
            let entry = directory.remove_entry(at).ok_or_else(|| missing(&id))?;
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

/// `password` is returned never (RFC 7643 §4.1.1, as `/Schemas` says): it is neither kept nor
/// returned, and a Zoom user provisioned through SCIM signs in through SSO.
fn drop_password(resource: &mut Value, trace: &mut Vec<Step>) {
    let Some(object) = resource.as_object_mut() else {
        return;
    };
    let Some(key) = object
        .keys()
        .find(|k| k.eq_ignore_ascii_case("password"))
        .cloned()
    else {
        return;
    };
    object.remove(&key);
    trace.push(Step::new(
        rules::SCIM_01,
        "`password` is write-only (returned never, RFC 7643 §4.1.1): it is not kept and never returned",
    ));
}

/// SCIM-06: Zoom keys users by email, so an email that is another user's is 409 (a setting).
fn unique_email(
    directory: &Directory,
    email: &str,
    except: Option<&str>,
    settings: &Settings,
) -> Result<(), ScimError> {
    if !settings.scim_unique_email {
        return Ok(());
    }
    match directory
        .candidates(email)
        .find(|e| Some(e.id.as_str()) != except && e.user.email.eq_ignore_ascii_case(email))
    {
        Some(other) => Err(ScimError::new(
            409,
            Some("uniqueness"),
            format!(
                "the email `{email}` belongs to another Zoom user ({}, userName `{}`): Zoom keys users by email, whatever the userName (Assumption; setting “A user whose email belongs to another user is refused (409)”)",
                other.id,
                user_name(&other.resource).unwrap_or("")
            ),
            rules::SCIM_06,
        )),
        None => Ok(()),
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

/// Applies what changed between two resources to Zoom's user. On create, `old` is empty. Answers
/// whether the request sent a Contact Center template that Zoom ignored. One [`Projection`]
/// method per rule group, in this order.
#[allow(clippy::too_many_arguments)]
fn project(
    old: &Value,
    new: &Value,
    user: &mut User,
    creating: bool,
    account: &Account,
    settings: &Settings,
    trace: &mut Vec<Step>,
    warnings: &mut Vec<Warning>,
) -> Result<bool, ScimError> {
    let mut p = Projection {
        diff: Diff { old, new },
        start: user.clone(),
        user,
        creating,
        account,
        settings,
        trace,
        warnings,
    };
    p.identity()?;
    p.license_type();
    let given = p.contact_center();
    let ignored_template = p.template(&given)?;
    p.phone();
    p.add_ons(&given);
    p.revenue_accelerator();
    p.zra_role();
    Ok(ignored_template)
}

/// The resource before and after a request: what it sends, and whether it changes an attribute.
#[derive(Clone, Copy)]
struct Diff<'r> {
    old: &'r Value,
    new: &'r Value,
}

impl<'r> Diff<'r> {
    /// The value the request sends for the attribute (core, sub-attribute or extension).
    fn sent(self, urn: Option<&str>, name: &str, sub: Option<&str>) -> Option<&'r Value> {
        get(self.new, urn, name, sub)
    }

    /// Whether the request changes the attribute: its value before and after differ.
    fn changed(self, urn: Option<&str>, name: &str, sub: Option<&str>) -> bool {
        get(self.old, urn, name, sub) != get(self.new, urn, name, sub)
    }
}

/// One request's resource applied to Zoom's user: the resource before and after, the user as the
/// request found it (`start`) and as it leaves it, and what the request writes down.
struct Projection<'r> {
    diff: Diff<'r>,
    user: &'r mut User,
    start: User,
    creating: bool,
    account: &'r Account,
    settings: &'r Settings,
    trace: &'r mut Vec<Step>,
    warnings: &'r mut Vec<Warning>,
}

impl Projection<'_> {
    /// SCIM-02: who the user is: the email (a work email, else the `userName`), names, title,
    /// department, employee number, `active`; a core `userType` is not the Zoom one (SCIM-13).
    fn identity(&mut self) -> Result<(), ScimError> {
        let diff = self.diff;
        let creating = self.creating;
        let user = &mut *self.user;
        let trace = &mut *self.trace;
        let warnings = &mut *self.warnings;
        let sent = work_email(diff.new);
        let from_work = sent.is_some();
        let email = sent.or_else(|| user_name(diff.new).map(str::to_string));
        if let Some(email) = email {
            if (creating || email != user.email) && !is_address(&email) {
                if from_work {
                    return Err(ScimError::new(
                        400,
                        Some("invalidValue"),
                        format!("the work email `{email}` (`emails[type eq \"work\"].value`) is not an email address: it would be the Zoom user's email, and Zoom keys users by email"),
                        rules::SCIM_02,
                    ));
                }
                warnings.push(Warning::new(
                    rules::SCIM_02,
                    format!("userName `{email}` is not an email address and no work email was sent: Zoom keys users by email, so the simulated Zoom user's email is `{email}`"),
                    "send the user's email as userName or as the work email (`emails[type eq \"work\"].value`)",
                ));
            }
            if email != user.email {
                trace.push(Step::new(rules::SCIM_02, format!("email `{}` → `{email}` (SCIM updates the work email; SAML maps it only at the first sign-in)", user.email)));
                user.email = email;
            }
        }
        for (urn, attribute, sub, field) in TEXT_ATTRIBUTES {
            if urn != Some(ZOOM) && diff.changed(urn, attribute, sub) {
                field.set(user, text(diff.sent(urn, attribute, sub)));
            }
        }
        if diff.changed(None, "active", None) {
            let active = diff
                .sent(None, "active", None)
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
        if let Some(core_type) = text(diff.sent(None, "userType", None)) {
            if ["basic", "licensed", "on-prem", "pro", "corp"]
                .contains(&core_type.to_ascii_lowercase().as_str())
                && diff.changed(None, "userType", None)
            {
                warnings.push(Warning::new(
                    rules::SCIM_13,
                    format!("core `userType` is `{core_type}`, but Zoom reads the license type from `{ZOOM}:userType`"),
                    "map the IdP attribute to the Zoom extension's userType",
                ));
            }
        }
        Ok(())
    }

    /// SCIM-07 and SCIM-13: the Zoom extension's `userType` gives the license (`Pro` and `Corp`
    /// are legacy), a new user without one is Basic, and a user made Basic may cross LIC-09.
    fn license_type(&mut self) {
        let diff = self.diff;
        let creating = self.creating;
        let account = self.account;
        let user = &mut *self.user;
        let trace = &mut *self.trace;
        let warnings = &mut *self.warnings;
        if diff.changed(Some(ZOOM), "userType", None) || creating {
            let sent = text(diff.sent(Some(ZOOM), "userType", None));
            let license = match sent.as_deref().map(|t| (t, license_of_user_type(t))) {
                Some((t, (license, true))) => {
                    let label = license.label();
                    warnings.push(Warning::new(
                        rules::SCIM_07,
                        format!("legacy user type `{t}` is read as `{label}`"),
                        format!("send `{label}`: `Pro` and `Corp` are deprecated (Pro → Licensed, Corp → On-Prem)"),
                    ));
                    license
                }
                Some((_, (license, false))) => license,
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
                let before = (!creating).then_some(user.license);
                if eligibility::basic_limit_crossed(before, license, account.basic_users) {
                    warnings.push(Warning::new(
                        rules::LIC_09,
                        eligibility::basic_limit_message(&user.email, account.basic_users),
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
    }

    /// SCIM-04: the Contact Center attributes (package, role, region, add-ons plan),
    /// with SCIM-12's defaults when the user is first given a package. Returns the fields the
    /// request set, which a template does not overwrite (TPL-03).
    fn contact_center(&mut self) -> BTreeSet<&'static str> {
        let diff = self.diff;
        let creating = self.creating;
        let account = self.account;
        let start = &self.start;
        let user = &mut *self.user;
        let trace = &mut *self.trace;
        let mut given: BTreeSet<&'static str> = BTreeSet::new();
        if diff.changed(Some(ZOOM), "zoomContactCenterPackage", None) {
            let package = text(diff.sent(Some(ZOOM), "zoomContactCenterPackage", None))
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
            if diff.changed(Some(ZOOM), attribute, None) {
                let value = text(diff.sent(Some(ZOOM), attribute, None));
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
        if diff.changed(Some(ZOOM), "zoomContactCenterAddonsPlan", None) {
            let labels: Vec<String> = diff
                .sent(Some(ZOOM), "zoomContactCenterAddonsPlan", None)
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
        } else if creating
            && user.contact_center.package.is_none()
            && (account.plans.contains(&Plan::ContactCenter) || sends_contact_center(diff.new))
        {
            trace.push(Step::new(
                rules::SCIM_12,
                "no Contact Center package sent: none is assigned",
            ));
        }
        given
    }

    /// SCIM-05: an add-type template applies on create only; an update-type one, or any template
    /// for an existing user (SCIM-12), is ignored with a warning. Returns whether it was ignored.
    fn template(&mut self, given: &BTreeSet<&'static str>) -> Result<bool, ScimError> {
        let diff = self.diff;
        let creating = self.creating;
        let account = self.account;
        let user = &mut *self.user;
        let trace = &mut *self.trace;
        let warnings = &mut *self.warnings;
        let mut ignored_template = false;
        if let Some(name) = text(diff.sent(Some(ZOOM), "zoomContactCenterUserTemplate", None))
            .filter(|_| diff.changed(Some(ZOOM), "zoomContactCenterUserTemplate", None) || creating)
        {
            let template = find_template(account, &name)?;
            match (creating, template.kind) {
                (true, TemplateKind::Add) => {
                    let applied = template.apply(&mut user.contact_center, given);
                    let kept: Vec<&str> = given.iter().copied().collect();
                    trace.push(template.holds_step());
                    trace.push(Step::new(
                        rules::SCIM_05,
                        format!(
                            "add-type template `{name}` applied on create: {}",
                            if applied.is_empty() {
                                "no settings".to_string()
                            } else {
                                applied.join(", ")
                            },
                        ),
                    ));
                    if let Some(note) = template.precedence(&kept, "the attributes sent") {
                        trace.push(Step::new(rules::TPL_03, note));
                    }
                }
                (true, TemplateKind::Update) => {
                    ignored_template = true;
                    warnings.push(Warning::new(
                        rules::SCIM_05,
                        format!("template `{name}` is an update-type template: SCIM ignores it (only add-type templates apply, on create)"),
                        "send an add-type template, or apply the update template in the portal (TPL-02)",
                    ));
                }
                (false, TemplateKind::Update) => {
                    ignored_template = true;
                    warnings.push(Warning::new(
                        rules::SCIM_05,
                        format!("template `{name}` is an update-type template: SCIM ignores it for the existing user {} (only add-type templates apply, and only when creating a user)", user.email),
                        "apply the update template in the portal (TPL-02), or send the individual attributes it sets",
                    ));
                }
                (false, TemplateKind::Add) => {
                    ignored_template = true;
                    warnings.push(Warning::new(
                        rules::SCIM_12,
                        format!("add-type template `{name}` is ignored for the existing user {}: SCIM applies templates only when creating users", user.email),
                        "set the individual attributes instead, or apply the template in the portal (TPL-02)",
                    ));
                }
            }
        }
        Ok(ignored_template)
    }

    /// SCIM-13: the Zoom Phone attributes (extension, site, calling plan).
    fn phone(&mut self) {
        let diff = self.diff;
        let user = &mut *self.user;
        let trace = &mut *self.trace;
        if diff.changed(Some(ZOOM), "zoomPhoneExtNumber", None) {
            let ext = text(diff.sent(Some(ZOOM), "zoomPhoneExtNumber", None));
            user.phone.extension = match (ext.as_deref(), user.phone.extension.take()) {
                (Some("0"), Some(held)) => {
                    trace.push(Step::new(
                        rules::SCIM_13,
                        if held == "auto" {
                            "zoomPhoneExtNumber 0: the user has the extension Zoom assigned automatically: kept".to_string()
                        } else {
                            format!("zoomPhoneExtNumber 0: the user has extension {held}: kept (0 asks Zoom to assign one; Assumption)")
                        },
                    ));
                    Some(held)
                }
                (Some("0"), None) => {
                    trace.push(Step::new(
                        rules::SCIM_13,
                        "zoomPhoneExtNumber 0: Zoom assigns an extension automatically (the response leaves zoomPhoneExtNumber out: Zoom answers with the number it assigned, which the simulator cannot know)",
                    ));
                    Some("auto".to_string())
                }
                _ => ext,
            };
        }
        for (urn, attribute, sub, field) in TEXT_ATTRIBUTES {
            if urn == Some(ZOOM) && diff.changed(urn, attribute, sub) {
                field.set(user, text(diff.sent(urn, attribute, sub)));
            }
        }
    }

    /// SCIM-13 and SCIM-04: the boolean add-ons; WFM and QM are Contact Center add-ons, decided by
    /// their boolean when it is sent beside a replaced add-ons plan.
    fn add_ons(&mut self, given: &BTreeSet<&'static str>) {
        let diff = self.diff;
        let user = &mut *self.user;
        let trace = &mut *self.trace;
        let plan_replaced = given.contains("addons");
        for (attribute, key) in BOOLEAN_ADDONS {
            let sent = diff
                .sent(Some(ZOOM), attribute, None)
                .is_some_and(|v| !v.is_null());
            let cc = model::is_cc_addon(key);
            let decides =
                diff.changed(Some(ZOOM), attribute, None) || (cc && plan_replaced && sent);
            if !decides {
                continue;
            }
            let on = diff
                .sent(Some(ZOOM), attribute, None)
                .and_then(Value::as_bool)
                .unwrap_or(false);
            if cc {
                let done = if on {
                    user.contact_center.grant(key)
                } else {
                    user.contact_center.revoke(key)
                };
                if done {
                    trace.push(Step::new(
                        rules::SCIM_04,
                        format!(
                            "{attribute} {on}: {} {} (a Contact Center add-on)",
                            addon_label(key),
                            if on { "assigned" } else { "removed" }
                        ),
                    ));
                }
                continue;
            }
            let map = if *key == license_key::WHITEBOARD {
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
    }

    /// SCIM-03: `zoomRevenueAccelerator` assigns ZRA, with SAML-16's prerequisites
    /// ([`eligibility::zra_refusal`]); `false` removes it only with the setting on (Assumption).
    fn revenue_accelerator(&mut self) {
        let diff = self.diff;
        let settings = self.settings;
        let user = &mut *self.user;
        let trace = &mut *self.trace;
        let warnings = &mut *self.warnings;
        if diff.changed(Some(ZOOM), "zoomRevenueAccelerator", None) {
            let sent = diff
                .sent(Some(ZOOM), "zoomRevenueAccelerator", None)
                .and_then(Value::as_bool);
            let refusal = eligibility::zra_refusal(user.license, user.on_prem_data_residency);
            match sent {
                Some(true) if refusal == Some(ZraRefusal::OnPremResidency) => warnings.push(Warning::new(
                    rules::SCIM_03,
                    format!("{} gets no ZRA license: the user's meeting data residency is On-Prem (SAML-16's limits apply through SCIM too)", user.email),
                    "ZRA is not available with On-Prem data residency",
                )),
                Some(true) if refusal == Some(ZraRefusal::NotLicensed) => warnings.push(Warning::new(
                    rules::SCIM_03,
                    format!("{} gets no ZRA license: only licensed users can be assigned one (SAML-16's limits apply through SCIM too)", user.email),
                    "send userType `Licensed` in the same request or before",
                )),
                Some(true) => {
                    user.licenses.insert(license_key::REVENUE_ACCELERATOR.into(), "ZRA".into());
                    trace.push(Step::new(rules::SCIM_03, "zoomRevenueAccelerator true: ZRA license assigned"));
                }
                _ if settings.zra_false_removes => {
                    if user.licenses.remove(license_key::REVENUE_ACCELERATOR).is_some() {
                        trace.push(Step::new(rules::SCIM_03, "zoomRevenueAccelerator false: ZRA license removed (Assumption; setting “SCIM `zoomRevenueAccelerator: false` removes the license”)"));
                    }
                }
                _ => trace.push(Step::new(rules::SCIM_03, "zoomRevenueAccelerator false: ZRA license kept (setting “SCIM `zoomRevenueAccelerator: false` removes the license” is off)")),
            }
        }
    }

    /// SCIM-11: the ZRA role the IdP sends overwrites the one in Zoom, with a warning on drift.
    fn zra_role(&mut self) {
        let diff = self.diff;
        let creating = self.creating;
        let start = &self.start;
        let user = &mut *self.user;
        let warnings = &mut *self.warnings;
        if diff.changed(Some(ZOOM), "zoomRevenueAcceleratorRole", None) || creating {
            let role = text(diff.sent(Some(ZOOM), "zoomRevenueAcceleratorRole", None));
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
    }
}

/// Whether the resource sends a Contact Center attribute (SCIM-04, SCIM-13).
fn sends_contact_center(resource: &Value) -> bool {
    find_key(resource, ZOOM)
        .and_then(Value::as_object)
        .is_some_and(|zoom| {
            zoom.iter().any(|(key, value)| {
                !value.is_null() && key.to_ascii_lowercase().starts_with("zoomcontactcenter")
            })
        })
}

/// The Zoom-extension attributes whose value Zoom holds on the user, as `to_resource` writes them
/// (`zoomPhoneExtNumber` as a number; none while Zoom assigns it, after `0`).
const HELD: &[&str] = &[
    "userType",
    "zoomContactCenterPackage",
    "zoomContactCenterRole",
    "zoomContactCenterRegion",
    "zoomContactCenterAddonsPlan",
    "zoomPhoneExtNumber",
    "zoomPhoneSite",
    "zoomPhoneCallingPlan",
    "zoomWhiteboard",
    "zoomTranslatedCaptions",
    "zoomWorkforceManagement",
    "zoomQualityManagement",
    "zoomScheduler",
    "zoomClipsPlus",
    "zoomDocs",
    "zoomRevenueAccelerator",
    "zoomRevenueAcceleratorRole",
];

/// A SCIM response shows the user as Zoom holds it (issue 18): each Zoom-extension attribute the
/// resource carries is written back from the resulting user, so a value Zoom did not take (ZRA
/// `true` for a Basic user, SCIM-03; a legacy `Pro`, SCIM-07; ZRA `false` that kept the license)
/// reads as Zoom's, and a template Zoom ignored (SCIM-05, SCIM-12) is not shown: the resource keeps
/// the template it had before; `active` is Zoom's too. What Zoom itself set in this request and the
/// resource lacks (SCIM-12's default role and main region, an add-type template's values, SCIM-05)
/// is added; `zoomPhoneExtNumber` is a number, and `0` is not echoed (Zoom holds the extension it
/// assigned). The resource is also what the next request is compared with, so the IdP's next value
/// is a change whenever it differs from Zoom's.
fn show_as_held(
    resource: &mut Value,
    old: &Value,
    before: &User,
    user: &User,
    ignored_template: bool,
) {
    if let Some(object) = resource.as_object_mut() {
        // `active: null` is unassigned (RFC 7643 §2.5), and Zoom's user is then active.
        if let Some(key) = object
            .keys()
            .find(|k| k.eq_ignore_ascii_case("active"))
            .cloned()
        {
            object.insert(key, Value::Bool(user.active));
        }
    }
    let held = zoom_extension(user);
    let was = zoom_extension(before);
    // What this request made Zoom hold without sending it: defaults and templates.
    let set_by_zoom: Vec<(&str, Value)> = HELD
        .iter()
        .filter_map(|name| {
            let now = held.get(*name)?;
            (was.get(*name) != Some(now)).then(|| (*name, now.clone()))
        })
        .collect();
    let before = find_key(old, ZOOM)
        .and_then(|z| find_key(z, "zoomContactCenterUserTemplate"))
        .cloned();
    let Some(zoom) = resource.as_object_mut().and_then(|object| {
        let key = object
            .keys()
            .find(|k| k.eq_ignore_ascii_case(ZOOM))
            .cloned()?;
        object.get_mut(&key).and_then(Value::as_object_mut)
    }) else {
        return;
    };
    let key_of = |zoom: &Map<String, Value>, name: &str| {
        zoom.keys().find(|k| k.eq_ignore_ascii_case(name)).cloned()
    };
    for name in HELD {
        let Some(key) = key_of(zoom, name) else {
            continue;
        };
        let sent = zoom.get(&key).cloned().unwrap_or(Value::Null);
        match held.get(*name) {
            Some(value) => {
                zoom.insert(key, value.clone());
            }
            // Unassigned either way (RFC 7643 §2.5): what was sent says what Zoom holds.
            None if matches!(&sent, Value::Null | Value::Bool(false))
                || sent.as_array().is_some_and(Vec::is_empty) => {}
            None if sent.is_boolean() => {
                zoom.insert(key, Value::Bool(false));
            }
            None => {
                zoom.remove(&key);
            }
        }
    }
    for (name, value) in set_by_zoom {
        if key_of(zoom, name).is_none() {
            zoom.insert(name.to_string(), value);
        }
    }
    if ignored_template {
        let key = key_of(zoom, "zoomContactCenterUserTemplate");
        match (key, before) {
            (Some(key), Some(value)) => {
                zoom.insert(key, value);
            }
            (Some(key), None) => {
                zoom.remove(&key);
            }
            (None, _) => {}
        }
    }
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
        source: Source::Portal,
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
    let directory_now = directory.now;
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
    result.trace.push(template.holds_step());
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
    if !applied.is_empty() {
        result.trace.push(Step::new(
            rules::TPL_03,
            format!(
                "the template's values replace the user's current ones for {}; every other setting keeps its current value",
                applied.join(", ")
            ),
        ));
    }
    result.changes = model::diff(Some(&before), &entry.user);
    let mut resource = to_resource(&entry.user, &entry.id);
    for key in ["userName", "externalId"] {
        if let (Some(value), Some(object)) =
            (find_key(&entry.resource, key), resource.as_object_mut())
        {
            object.insert(key.to_string(), value.clone());
        }
    }
    entry.resource = resource;
    if !result.changes.is_empty() {
        entry.stamp.touch(directory_now);
    }
    entry.stamp_resource();
    result
}

fn group_resource(directory: &Directory, g: &Group) -> Value {
    let members: Vec<Value> = g
        .members
        .iter()
        .map(|m| {
            json!({
                "value": m,
                "$ref": format!("{}/Users/{m}", discovery::BASE),
                "display": directory
                    .entries
                    .iter()
                    .find(|e| &e.id == m)
                    .map(|e| e.user.email.clone())
                    .unwrap_or_default()
            })
        })
        .collect();
    let mut resource = json!({"schemas": [schema::CORE_GROUP], "id": g.id});
    if let Some(object) = resource.as_object_mut() {
        if let Some(external) = &g.external_id {
            object.insert("externalId".into(), json!(external));
        }
        object.insert("displayName".into(), json!(g.name));
        object.insert("members".into(), Value::Array(members));
        object.insert("meta".into(), g.stamp.meta("Group", &g.id));
    }
    resource
}

fn groups(ctx: &mut Ctx, id: Option<String>, query: &Query) -> Outcome {
    let Ctx {
        directory,
        settings,
        request,
        result,
        trace,
        endpoint,
        ..
    } = ctx;
    let (settings, request, endpoint) = (*settings, *request, *endpoint);
    let dialect = settings.scim_dialect;
    let now = directory.now;
    let missing = |id: &str| ScimError::new(404, None, format!("no group `{id}`"), rules::SCIM_01);
    let find = |directory: &Directory, id: &str| {
        directory
            .groups
            .iter()
            .position(|g| g.id == id || g.name.eq_ignore_ascii_case(id))
    };
    match (request.method, id) {
        (Method::GET, None) => {
            let mut notes = Vec::new();
            let filter = query.parsed_filter(dialect, &mut notes)?;
            let all: Vec<Value> = directory
                .groups
                .iter()
                .map(|g| group_resource(directory, g))
                .filter(|g| filter.as_ref().is_none_or(|f| filter::matches(f, g)))
                .collect();
            let page = query.page(all, endpoint, &mut notes);
            trace.extend(notes);
            Ok((200, Some(page)))
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
            let (at, resource) = match &request.method {
                Method::POST => {
                    let mut resource = body.clone();
                    schema::check_resource_in(
                        &mut resource,
                        schema::GROUP,
                        dialect,
                        &mut notes,
                        false,
                    )?;
                    (None, resource)
                }
                _ => {
                    let key = request
                        .path
                        .split('?')
                        .next()
                        .unwrap_or("")
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
                        schema::check_resource_in(
                            &mut replacement,
                            schema::GROUP,
                            dialect,
                            &mut notes,
                            false,
                        )?;
                        replacement
                    } else {
                        let operations = patch::parse(&body, dialect, &mut notes)?;
                        let mut patched = current;
                        patch::apply(
                            &mut patched,
                            &operations,
                            schema::GROUP,
                            dialect,
                            &mut notes,
                        )?;
                        // The patched group is checked as a sent one is: a member given as a bare
                        // string is not a member (RFC 7643 §4.2: members are complex).
                        schema::check_resource_in(
                            &mut patched,
                            schema::GROUP,
                            dialect,
                            &mut notes,
                            true,
                        )?;
                        patched
                    };
                    (Some(at), resource)
                }
            };
            trace.extend(notes);
            let name = find_key(&resource, "displayName")
                .and_then(Value::as_str)
                .map(str::to_string)
                .unwrap_or_default();
            if let Some(other) = directory
                .groups
                .iter()
                .enumerate()
                .find(|(i, g)| Some(*i) != at && g.name.eq_ignore_ascii_case(&name))
                .map(|(_, g)| g.id.clone())
            {
                return Err(ScimError::new(
                    409,
                    Some("uniqueness"),
                    format!("a group named `{name}` already exists ({other}): groups are matched by displayName"),
                    rules::SCIM_01,
                ));
            }
            let external_id = find_key(&resource, "externalId")
                .and_then(Value::as_str)
                .map(str::to_string);
            let mut members = Vec::new();
            for member in find_key(&resource, "members")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let key = find_key(member, "value")
                    .and_then(Value::as_str)
                    .unwrap_or("");
                if find_key(member, "type")
                    .and_then(Value::as_str)
                    .is_some_and(|t| t.eq_ignore_ascii_case("Group"))
                {
                    return Err(ScimError::new(
                        400,
                        Some("invalidValue"),
                        format!("member `{key}` is a group: a Zoom group holds users only"),
                        rules::SCIM_01,
                    ));
                }
                match directory
                    .position(key)
                    .and_then(|i| directory.entries.get(i))
                {
                    Some(entry) => {
                        if !members.contains(&entry.id) {
                            members.push(entry.id.clone());
                        }
                    }
                    None => {
                        return Err(ScimError::new(
                            400,
                            Some("invalidValue"),
                            format!("member `{key}` is not a user of this directory (RFC 7644 §3.5.2: a member is an existing resource's id)"),
                            rules::SCIM_01,
                        ))
                    }
                }
            }
            let old = at.and_then(|i| directory.groups.get(i)).cloned();
            let id = match &old {
                Some(g) => g.id.clone(),
                None => directory.new_group_id(),
            };
            let mut stamp = old
                .as_ref()
                .map_or_else(|| Stamp::new(now), |g| g.stamp.clone());
            if let Some(old) = &old {
                if old.name != name || old.members != members || old.external_id != external_id {
                    stamp.touch(now);
                }
            }
            let old_name = old.as_ref().map(|g| g.name.clone());
            let group = Group {
                id: id.clone(),
                name: name.clone(),
                external_id,
                members: members.clone(),
                stamp,
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
                format!(
                    "group `{name}` has {}",
                    crate::explain::count(members.len() as u64, "member", "members")
                ),
            ));
            let response = directory
                .groups
                .iter()
                .find(|g| g.id == id)
                .map(|g| group_resource(directory, g));
            match (request.method, at) {
                // Entra ID documents 204 for a Group PATCH; RFC 7644 §3.5.2 allows it, and asks for
                // 200 with the resource when `attributes` is given.
                (Method::PATCH, Some(_)) if !query.chooses_attributes() => {
                    trace.push(Step::new(
                        rules::SCIM_01,
                        "Group PATCH: 204 No Content, as Entra ID documents (RFC 7644 §3.5.2)",
                    ));
                    Ok((204, None))
                }
                (_, Some(_)) => Ok((200, response)),
                (_, None) => Ok((201, response)),
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The words the CLI and the web app print for a request's source and method are the ones
    /// the answer's JSON holds.
    #[test]
    fn sources_and_methods_are_worded_as_the_json_spells_them() {
        for source in [Source::Request, Source::Idp, Source::Portal] {
            assert_eq!(
                serde_json::to_value(source).ok(),
                Some(Value::from(source.word()))
            );
        }
        for method in [
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ] {
            assert_eq!(
                serde_json::to_value(method).ok(),
                Some(Value::from(method.word()))
            );
            let read: Option<Method> = serde_json::from_value(Value::from(method.word())).ok();
            assert_eq!(read, Some(method));
        }
    }

    /// The one table drives both directions: a user's text field written out by `to_resource`
    /// is read back into a blank user by `project`, field for field (SCIM-02, SCIM-13).
    #[test]
    fn scim_02_text_attributes_round_trip_through_the_one_table() {
        for (i, (urn, attribute, sub, field)) in TEXT_ATTRIBUTES.into_iter().enumerate() {
            let mut user = User::new("ana@example.com");
            let value = format!("value {i}");
            field.set(&mut user, Some(value.clone()));
            let resource = to_resource(&user, "zoom-1");
            assert_eq!(
                get(&resource, urn, attribute, sub).and_then(Value::as_str),
                Some(value.as_str()),
                "{attribute}"
            );
            let mut read = User::new("ana@example.com");
            let (mut trace, mut warnings) = (Vec::new(), Vec::new());
            project(
                &json!({}),
                &resource,
                &mut read,
                true,
                &Account::default(),
                &Settings::default(),
                &mut trace,
                &mut warnings,
            )
            .unwrap();
            assert_eq!(field.get(&read), Some(value.as_str()), "{attribute}");
        }
    }
}
