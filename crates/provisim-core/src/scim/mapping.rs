//! The IdP side (SCIM-08, 09, 15): an Entra-ID-style attribute-mapping table turns each IdP user into
//! the requests the IdP would send Zoom, and a timeline says when they land.

use super::expression::{self, Val};
use super::filter;
use super::patch::{self, OpKind, Operation};
use super::schema;
use super::{Method, ScimRequest};
use crate::explain::{Step, Warning};
use crate::input::InputError;
use crate::rules;
use crate::settings::{OutOfScope, ScimDialect, Settings};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

/// The IdP's mapping table and the users it provisions.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdpSync {
    /// The mapping table (empty when `import` gives it).
    #[serde(default)]
    pub mappings: Vec<AttributeMapping>,
    #[serde(default)]
    pub users: Vec<IdpUser>,
    /// The app's scoping filter (SCIM-15): a user is provisioned only if assigned (`in_scope`) and
    /// passing it. Absent: every assigned user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// The IdP's own configuration, as downloaded: Entra ID's provisioning schema, or Okta's
    /// profile mappings (one or a list). It gives `mappings` and `scope` (see `scim::import`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub import: Option<Value>,
}

/// A scoping filter (SCIM-15), as Entra ID writes one: a user passes when every clause of one of
/// its groups holds (groups OR'ed, clauses within a group AND'ed).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    pub groups: Vec<ScopeGroup>,
}

/// Clauses that must all hold.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeGroup {
    pub clauses: Vec<ScopeClause>,
}

/// One clause: the IdP user's attribute, an operator and the values it is compared with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScopeClause {
    pub attribute: String,
    pub operator: ScopeOperator,
    /// The values compared with (`equals`: any of them; `not_equals`: none of them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

/// The scoping-filter operators the simulator evaluates (Entra ID's, beyond regular expressions,
/// bit masks and `Includes`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ScopeOperator {
    /// Exactly one of the values (case-sensitive, as Entra ID documents).
    Equals,
    NotEquals,
    /// `true`, in any case.
    IsTrue,
    IsFalse,
    /// Absent or empty.
    IsNull,
    IsNotNull,
    /// An integer greater than the value.
    GreaterThan,
    GreaterThanOrEquals,
}

impl Scope {
    /// Whether a user's attributes pass the scoping filter (SCIM-15: every clause of a group, any
    /// group), and why not when they do not.
    pub fn admits(&self, attributes: &Map<String, Value>) -> Result<(), String> {
        if self.groups.is_empty() || self.groups.iter().any(|g| g.admits(attributes).is_ok()) {
            return Ok(());
        }
        let reasons: Vec<String> = self
            .groups
            .iter()
            .filter_map(|g| g.admits(attributes).err())
            .collect();
        Err(reasons.join("; nor "))
    }
}

impl ScopeGroup {
    fn admits(&self, attributes: &Map<String, Value>) -> Result<(), String> {
        match self.clauses.iter().find(|c| !c.holds(attributes)) {
            None => Ok(()),
            Some(clause) => Err(clause.describe(attributes)),
        }
    }
}

impl ScopeClause {
    fn value(&self, attributes: &Map<String, Value>) -> Val {
        Val::from_json(attributes.get(&self.attribute).or_else(|| {
            attributes
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(&self.attribute))
                .map(|(_, v)| v)
        }))
    }

    fn holds(&self, attributes: &Map<String, Value>) -> bool {
        let value = self.value(attributes);
        let text = value.text_value();
        let number = |s: &str| s.trim().parse::<i64>().ok();
        let first = self.values.first().and_then(|v| number(v));
        match self.operator {
            ScopeOperator::Equals => self.values.contains(&text) && !value.is_null(),
            ScopeOperator::NotEquals => !self.values.contains(&text),
            ScopeOperator::IsTrue => text.eq_ignore_ascii_case("true"),
            ScopeOperator::IsFalse => text.eq_ignore_ascii_case("false"),
            ScopeOperator::IsNull => value.is_null(),
            ScopeOperator::IsNotNull => !value.is_null(),
            ScopeOperator::GreaterThan => {
                matches!((number(&text), first), (Some(a), Some(b)) if a > b)
            }
            ScopeOperator::GreaterThanOrEquals => {
                matches!((number(&text), first), (Some(a), Some(b)) if a >= b)
            }
        }
    }

    fn describe(&self, attributes: &Map<String, Value>) -> String {
        let value = self.value(attributes);
        let shown = if value.is_null() {
            "empty".to_string()
        } else {
            format!("`{}`", value.text_value())
        };
        let values = self
            .values
            .iter()
            .map(|v| format!(" `{v}`"))
            .collect::<Vec<_>>()
            .join(" or");
        let operator = match self.operator {
            ScopeOperator::Equals => "equals",
            ScopeOperator::NotEquals => "does not equal",
            ScopeOperator::IsTrue => "is true",
            ScopeOperator::IsFalse => "is false",
            ScopeOperator::IsNull => "is empty",
            ScopeOperator::IsNotNull => "is not empty",
            ScopeOperator::GreaterThan => "is greater than",
            ScopeOperator::GreaterThanOrEquals => "is at least",
        };
        format!(
            "`{}` {operator}{values}: false, it is {shown}",
            self.attribute
        )
    }
}

/// How a mapping computes its value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MappingKind {
    /// The source attribute's value.
    Direct,
    /// A fixed value (Entra ID vocabulary, beyond the seeds).
    Constant,
    /// An expression (see `expression`).
    Expression,
}

/// When a mapping applies.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplyWhen {
    #[default]
    Always,
    OnlyDuringCreation,
}

/// One row of the mapping table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AttributeMapping {
    #[serde(rename = "type")]
    pub kind: MappingKind,
    /// The source attribute (direct), the value (constant) or the expression text.
    pub source: String,
    /// The value when the source is empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_if_null: Option<String>,
    /// The SCIM attribute: `userName`, `name.givenName`, `emails[type eq "work"].value`,
    /// `urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomContactCenterRole`, …
    pub target: String,
    /// The attribute the IdP matches Zoom users by.
    #[serde(default)]
    pub matching: bool,
    #[serde(default)]
    pub apply: ApplyWhen,
}

/// A user in the IdP.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IdpUser {
    /// The IdP's attributes (`userPrincipalName`, `givenName`, `department`, …).
    pub attributes: Map<String, Value>,
    /// Assigned to the app or passing its scoping filter (SCIM-15).
    #[serde(default = "yes")]
    pub in_scope: bool,
}

fn yes() -> bool {
    true
}

/// Attributes Zoom can filter users on, so the IdP can match by them (SCIM-08).
pub(super) const FILTERABLE: [&str; 2] = ["userName", "externalId"];

/// Every problem of a mapping table, located under `/scim/idp`.
pub fn validate(sync: &IdpSync) -> Vec<InputError> {
    let mut errors = Vec::new();
    let mut matching = Vec::new();
    for (i, mapping) in sync.mappings.iter().enumerate() {
        let at = format!("/scim/idp/mappings/{i}");
        if let Err(e) = target_path(&mapping.target) {
            errors.push(
                InputError::new(format!("{at}/target"), e).with_help(
                    "add the attribute to the target schema first, or map to one it has",
                ),
            );
        }
        if mapping.kind == MappingKind::Expression {
            if let Err(e) = expression::parse(&mapping.source) {
                errors.push(InputError::new(format!("{at}/source"), e));
            }
        }
        if mapping.source.trim().is_empty() && mapping.kind != MappingKind::Constant {
            errors.push(InputError::new(
                format!("{at}/source"),
                "the source is empty",
            ));
        }
        if mapping.matching {
            matching.push(i);
            if !FILTERABLE
                .iter()
                .any(|f| f.eq_ignore_ascii_case(&mapping.target))
            {
                errors.push(
                    InputError::new(
                        format!("{at}/matching"),
                        format!(
                            "`{}` cannot be a matching attribute: Zoom cannot filter users on it",
                            mapping.target
                        ),
                    )
                    .with_help(format!(
                        "match on one of: {}",
                        FILTERABLE.map(|f| format!("`{f}`")).join(", ")
                    )),
                );
            }
        }
    }
    match matching.as_slice() {
        [] if sync.import.is_some() => {}
        [] => errors.push(
            InputError::new("/scim/idp/mappings", "no mapping is the matching attribute")
                .with_help("mark the `userName` mapping `\"matching\": true`"),
        ),
        [_] => {}
        [_, second, ..] => errors.push(InputError::new(
            format!("/scim/idp/mappings/{second}/matching"),
            "more than one matching attribute",
        )),
    }
    // Every problem of the table is one of SCIM-08's.
    for error in &mut errors {
        error.rule.get_or_insert(rules::SCIM_08);
    }
    errors
}

/// The target as a PATCH path that exists in the target schema.
pub(super) fn target_path(target: &str) -> Result<filter::PatchPath, String> {
    let path = filter::parse_patch_path(target)?;
    let attrs = match &path.attr.urn {
        Some(urn) => schema::extension(urn)
            .map(|(_, a)| a)
            .ok_or_else(|| format!("`{urn}` is not a schema of the target"))?,
        None => schema::USER,
    };
    let attr = schema::find(attrs, &path.attr.name).ok_or_else(|| {
        let help = crate::input::nearest(&path.attr.name, attrs.iter().map(|a| a.name))
            .map(|b| format!("; did you mean `{b}`?"))
            .unwrap_or_default();
        format!(
            "`{}` is not an attribute of the target schema{help}",
            path.attr.name
        )
    })?;
    if let (Some(sub), schema::Kind::Complex(subs)) = (
        path.attr
            .sub
            .as_deref()
            .or(path.sub_after_filter.as_deref()),
        attr.kind,
    ) {
        schema::find(subs, sub)
            .ok_or_else(|| format!("`{}` has no sub-attribute `{sub}`", attr.name))?;
    }
    Ok(path)
}

/// When the IdP's requests land (SCIM-09).
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct Timeline {
    pub cycle_minutes: u32,
    pub entries: Vec<TimelineEntry>,
    pub note: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct TimelineEntry {
    pub user: String,
    /// What the IdP sends: `create`, `update`, `disable`, `delete` or `none`.
    pub action: &'static str,
    /// The change reaches Zoom within this many minutes of being made in the IdP.
    pub lands_within_minutes: u32,
    /// Why the user is out of scope, when the scoping filter says so (SCIM-15).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
}

/// A user Zoom holds, as the IdP sees it when it looks the user up: its SCIM id and resource.
pub struct Known<'d> {
    pub id: &'d str,
    pub resource: &'d serde_json::Value,
}

/// The directory as the IdP looks users up in it by its matching attribute (SCIM-08); the SCIM
/// engine's directory is one.
pub trait Lookup {
    /// The first user whose top-level attribute `attribute` is `value`, ignoring case.
    fn find_by(&self, attribute: &str, value: &str) -> Option<Known<'_>>;
}

/// Turns the IdP's users into requests, given the directory as it stands (to match existing users).
pub fn produce(
    sync: &IdpSync,
    directory: &dyn Lookup,
    settings: &Settings,
) -> ProducedWithTimeline {
    let table = Table::new(sync);
    let mut out = ProducedWithTimeline::default();
    for user in &sync.users {
        table.user(user, directory, settings, &mut out);
    }
    table.finish(settings, out)
}

/// The mapping table made ready once for any number of users: each expression parsed and each
/// target's PATCH path read a single time, not once per user (a batch through the IdP pushes
/// every user of a directory through the same table).
#[derive(Clone, Debug)]
pub struct Table {
    rows: Vec<Row>,
    /// The row of the matching attribute (SCIM-08).
    matcher: Option<usize>,
    scope: Option<Scope>,
    /// A ZRA role is mapped: the SCIM-09 note on its timing.
    zra_role: bool,
}

#[derive(Clone, Debug)]
struct Row {
    mapping: AttributeMapping,
    /// The parsed expression (`expression` rows); `None` when it does not parse (validated apart).
    expression: Option<expression::Expr>,
    /// The target as a PATCH path; `None` when it is not one (validated apart).
    path: Option<filter::PatchPath>,
}

impl Table {
    /// Reads the table's expressions and targets.
    pub fn new(sync: &IdpSync) -> Table {
        let rows = sync
            .mappings
            .iter()
            .map(|m| Row {
                expression: (m.kind == MappingKind::Expression)
                    .then(|| expression::parse(&m.source).ok())
                    .flatten(),
                path: filter::parse_patch_path(&m.target).ok(),
                mapping: m.clone(),
            })
            .collect();
        Table {
            rows,
            matcher: sync.mappings.iter().position(|m| m.matching),
            scope: sync.scope.clone(),
            zra_role: sync.mappings.iter().any(|m| {
                m.target
                    .to_ascii_lowercase()
                    .ends_with("zoomrevenueacceleratorrole")
            }),
        }
    }

    /// The requests the IdP sends for one user, and the user's timeline entry.
    pub fn produce_one(
        &self,
        user: &IdpUser,
        directory: &dyn Lookup,
        settings: &Settings,
    ) -> ProducedWithTimeline {
        let mut out = ProducedWithTimeline::default();
        self.user(user, directory, settings, &mut out);
        self.finish(settings, out)
    }

    /// When the produced requests land (SCIM-09: within one provisioning cycle), with the ZRA
    /// role note.
    fn finish(&self, settings: &Settings, mut out: ProducedWithTimeline) -> ProducedWithTimeline {
        if self.matcher.is_none() {
            // Without a matching attribute the IdP sends nothing (validation says why).
            return ProducedWithTimeline::default();
        }
        let cycle = settings.scim_cycle_minutes;
        if self.zra_role {
            out.warnings.push(Warning::new(
                rules::SCIM_09,
                "Zoom's ZRA provisioning article says role changes sync in near real time, while provisioning runs in cycles: the timeline uses the cycle length (setting “IdP provisioning cycle (minutes)”)",
                "expect ZRA role changes within one cycle at the latest",
            ));
        }
        out.timeline = Timeline {
            cycle_minutes: cycle,
            entries: std::mem::take(&mut out.entries),
            note: format!(
                "the IdP provisions in cycles: a change made in the IdP reaches Zoom within one cycle ({cycle} minutes, setting “IdP provisioning cycle (minutes)”); the initial cycle takes longer"
            ),
        };
        out
    }

    /// One IdP user through the mapping table (SCIM-08: Direct, Constant and Expression mappings,
    /// default if null, the matching attribute, only during creation), then create or update,
    /// or, out of the scope (SCIM-15), disable or delete.
    #[allow(clippy::too_many_lines)]
    fn user(
        &self,
        user: &IdpUser,
        directory: &dyn Lookup,
        settings: &Settings,
        out: &mut ProducedWithTimeline,
    ) {
        let cycle = settings.scim_cycle_minutes;
        let Some(matcher) = self.matcher.and_then(|i| self.rows.get(i)) else {
            return;
        };
        let matcher = &matcher.mapping;
        let sync_scope = &self.scope;
        let mut steps = Vec::new();
        let mut values: Vec<(&Row, Val)> = Vec::new();
        for row in &self.rows {
            let mapping = &row.mapping;
            let mut notes = Vec::new();
            let mut value = match mapping.kind {
                MappingKind::Direct => Val::from_json(user.attributes.get(&mapping.source)),
                MappingKind::Constant => Val::One(mapping.source.clone()),
                MappingKind::Expression => row
                    .expression
                    .as_ref()
                    .map(|e| expression::eval(e, &user.attributes, &mut notes))
                    .unwrap_or(Val::Null),
            };
            for note in notes {
                steps.push(Step::new(rules::SCIM_08, note));
            }
            if value.is_null() {
                if let Some(default) = &mapping.default_if_null {
                    steps.push(Step::new(
                        rules::SCIM_08,
                        format!(
                            "`{}` is empty: default `{default}` for `{}`",
                            mapping.source, mapping.target
                        ),
                    ));
                    value = Val::One(default.clone());
                }
            }
            values.push((row, value));
        }
        let key = values
            .iter()
            .find(|(r, _)| std::ptr::eq(&r.mapping, matcher))
            .map(|(_, v)| v.text_value())
            .unwrap_or_default();
        let existing = directory.find_by(&matcher.target, &key);
        let shown = if key.is_empty() {
            "(no matching value)".to_string()
        } else {
            key.clone()
        };
        let filter_text = format!("{} eq \"{}\"", matcher.target, key.replace('"', "\\\""));
        out.requests.push((
            ScimRequest {
                method: Method::GET,
                path: format!("/scim2/Users?filter={}", encode(&filter_text)),
                body: None,
            },
            vec![Step::new(
                rules::SCIM_08,
                format!("the IdP looks the user up by its matching attribute: {filter_text}"),
            )],
        ));
        let mut in_scope = user.in_scope;
        let mut out_of_scope = None;
        if let (true, Some(scope)) = (in_scope, sync_scope) {
            if let Err(why) = scope.admits(&user.attributes) {
                let why = format!("{shown} does not pass the scoping filter: {why}");
                steps.push(Step::new(rules::SCIM_15, why.clone()));
                out_of_scope = Some(why);
                in_scope = false;
            }
        }
        let action = match (in_scope, existing) {
            (false, Some(entry)) => match settings.out_of_scope {
                OutOfScope::Disable => {
                    steps.push(Step::new(rules::SCIM_15, format!("{shown} left the provisioning scope: the IdP deactivates the user (setting “A user who leaves the provisioning scope is”)")));
                    let body = json!({"schemas": [schema::PATCH_OP], "Operations": [{"op": "replace", "path": "active", "value": false}]});
                    out.requests.push((
                        ScimRequest {
                            method: Method::PATCH,
                            path: format!("/scim2/Users/{}", entry.id),
                            body: Some(body),
                        },
                        steps,
                    ));
                    "disable"
                }
                OutOfScope::Delete => {
                    steps.push(Step::new(rules::SCIM_15, format!("{shown} left the provisioning scope: the IdP deletes the user (setting “A user who leaves the provisioning scope is”)")));
                    out.requests.push((
                        ScimRequest {
                            method: Method::DELETE,
                            path: format!("/scim2/Users/{}", entry.id),
                            body: None,
                        },
                        steps,
                    ));
                    "delete"
                }
            },
            (false, None) => {
                out.timeline_steps.append(&mut steps);
                out.timeline_steps.push(Step::new(
                    rules::SCIM_15,
                    format!("{shown} is out of scope and not in Zoom: nothing is sent"),
                ));
                "none"
            }
            (true, Some(entry)) => {
                let mut operations = Vec::new();
                let mut probe = entry.resource.clone();
                for (row, value) in &values {
                    let mapping = &row.mapping;
                    if mapping.apply == ApplyWhen::OnlyDuringCreation {
                        steps.push(Step::new(
                            rules::SCIM_08,
                            format!(
                                "`{}` applies only during creation: not sent for an existing user",
                                mapping.target
                            ),
                        ));
                        continue;
                    }
                    if value.is_null() {
                        continue;
                    }
                    let op =
                        json!({"op": "replace", "path": mapping.target, "value": value.to_json()});
                    let before = probe.clone();
                    let applied = operation(row, value).map(|o| {
                        patch::apply(
                            &mut probe,
                            &[o],
                            schema::USER,
                            ScimDialect::Strict,
                            &mut Vec::new(),
                        )
                    });
                    if matches!(applied, Some(Ok(()))) && probe != before {
                        operations.push(op);
                    }
                }
                if operations.is_empty() {
                    steps.push(Step::new(
                        rules::SCIM_08,
                        format!(
                            "{shown}: every mapped value already matches Zoom: nothing to send"
                        ),
                    ));
                    out.timeline_steps.append(&mut steps);
                    "none"
                } else {
                    let body = json!({"schemas": [schema::PATCH_OP], "Operations": operations});
                    out.requests.push((
                        ScimRequest {
                            method: Method::PATCH,
                            path: format!("/scim2/Users/{}", entry.id),
                            body: Some(body),
                        },
                        steps,
                    ));
                    "update"
                }
            }
            (true, None) => {
                let mut resource =
                    json!({"schemas": [schema::CORE_USER, schema::ENTERPRISE, schema::ZOOM]});
                for (row, value) in &values {
                    if value.is_null() {
                        continue;
                    }
                    if let Some(op) = operation(row, value) {
                        let _ = patch::apply(
                            &mut resource,
                            &[Operation {
                                op: OpKind::Add,
                                ..op
                            }],
                            schema::USER,
                            ScimDialect::Strict,
                            &mut Vec::new(),
                        );
                    }
                }
                steps.push(Step::new(
                    rules::SCIM_08,
                    format!("{shown} is not in Zoom: the IdP creates the user from every mapping"),
                ));
                out.requests.push((
                    ScimRequest {
                        method: Method::POST,
                        path: "/scim2/Users".to_string(),
                        body: Some(resource),
                    },
                    steps,
                ));
                "create"
            }
        };
        out.entries.push(TimelineEntry {
            user: shown,
            action,
            lands_within_minutes: cycle,
            scope: out_of_scope,
        });
    }
}

/// What [`produce`] returns: the requests, the timeline, and the IdP-side notes.
#[derive(Clone, Debug, Default)]
pub struct ProducedWithTimeline {
    pub requests: Vec<(ScimRequest, Vec<Step>)>,
    pub timeline: Timeline,
    pub warnings: Vec<Warning>,
    entries: Vec<TimelineEntry>,
    /// Steps of users for whom nothing is sent.
    pub timeline_steps: Vec<Step>,
}

impl Default for Timeline {
    fn default() -> Self {
        Timeline {
            cycle_minutes: 40,
            entries: Vec::new(),
            note: String::new(),
        }
    }
}

fn operation(row: &Row, value: &Val) -> Option<Operation> {
    Some(Operation {
        op: OpKind::Replace,
        path: Some(row.path.clone()?),
        path_text: Some(row.mapping.target.clone()),
        value: Some(value.to_json()),
    })
}

fn encode(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            ' ' => "%20".to_string(),
            '"' => "%22".to_string(),
            c => c.to_string(),
        })
        .collect()
}

impl Val {
    fn text_value(&self) -> String {
        match self {
            Val::Null => String::new(),
            Val::One(s) => s.clone(),
            Val::Many(v) => v.first().cloned().unwrap_or_default(),
        }
    }
}
