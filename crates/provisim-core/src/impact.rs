//! The impact of a configuration change across a directory (issue 17): every user signs in under
//! both configurations, and the report counts and names, field by field, the users whose outcome
//! differs, with the rule that decided each side.
//!
//! [`Impact`] streams like [`crate::batch::Batch`]: users are pushed one at a time (the batch's
//! [`BatchUser`]), each signs in twice on the SAML engine's quiet path ([`Explain::Quiet`]), and
//! only counts and capped lists are kept. A sign-in is explained ([`Explain::Full`]) only for the
//! examples the report shows: the first user of each change, and the first changed users listed.

use crate::batch::{self, BatchInput, BatchUser, BatchUsers, Through, DEFAULT_LIST_LIMIT};
use crate::explain::{count, Warning};
use crate::input::{self, InputError};
use crate::license::directory::UserList;
use crate::model::User;
use crate::rules::{self, RuleId};
use crate::saml::engine::{self, Context, Explain, SectionStatus, SignIn};
use crate::saml::matching::RuleStatus;
use crate::saml::{SamlInput, Section, SectionKind};
use crate::scenario::{self, Scenario};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Distinct changes (before → after) kept per field; further ones are counted only.
pub const MAX_CHANGES_PER_FIELD: usize = 50;

/// A field of a user's outcome that the report compares.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// Signed in or refused.
    SignIn,
    License,
    /// Zoom add-ons and Contact Center add-ons.
    Addons,
    Role,
    Groups,
    SubAccount,
    CcPackage,
    CcRole,
    /// Agent and supervisor queues.
    CcQueues,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::SignIn,
        Field::License,
        Field::Addons,
        Field::Role,
        Field::Groups,
        Field::SubAccount,
        Field::CcPackage,
        Field::CcRole,
        Field::CcQueues,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Field::SignIn => "sign-in",
            Field::License => "license",
            Field::Addons => "add-ons",
            Field::Role => "role",
            Field::Groups => "groups",
            Field::SubAccount => "account",
            Field::CcPackage => "Contact Center package",
            Field::CcRole => "Contact Center role",
            Field::CcQueues => "Contact Center queues",
        }
    }

    /// Whether two outcomes agree on this field.
    fn same(self, a: &State<'_>, b: &State<'_>) -> bool {
        if self == Field::SignIn {
            return a.signed_in == b.signed_in;
        }
        match (a.user, b.user) {
            (None, None) => true,
            (Some(x), Some(y)) => match self {
                Field::SignIn => true,
                Field::License => x.license == y.license,
                Field::Addons => {
                    x.addons == y.addons && x.contact_center.addons == y.contact_center.addons
                }
                Field::Role => x.role == y.role,
                Field::Groups => x.groups == y.groups,
                Field::SubAccount => x.sub_account == y.sub_account,
                Field::CcPackage => x.contact_center.package == y.contact_center.package,
                Field::CcRole => x.contact_center.role == y.contact_center.role,
                Field::CcQueues => {
                    x.contact_center.agent_queues == y.contact_center.agent_queues
                        && x.contact_center.supervisor_queues == y.contact_center.supervisor_queues
                }
            },
            // An account on one side only: the sign-in and the license say it; the other
            // fields are not compared against no account.
            _ => !matches!(self, Field::License),
        }
    }

    /// The field's value in words.
    fn show(self, state: &State<'_>) -> String {
        if self == Field::SignIn {
            return if state.signed_in {
                "signed in"
            } else {
                "refused"
            }
            .to_string();
        }
        let Some(u) = state.user else {
            return "no account".to_string();
        };
        let list = |items: &[String]| {
            if items.is_empty() {
                "none".to_string()
            } else {
                items.join(", ")
            }
        };
        let or_none = |v: &Option<String>| v.clone().unwrap_or_else(|| "none".to_string());
        match self {
            Field::SignIn => String::new(),
            Field::License => u.license.label().to_string(),
            Field::Addons => {
                let mut parts: Vec<String> =
                    u.addons.iter().map(|(k, v)| format!("{k} {v}")).collect();
                parts.extend(
                    u.contact_center
                        .addons
                        .iter()
                        .map(|a| format!("contact_center/{a}")),
                );
                list(&parts)
            }
            Field::Role => u.role.clone(),
            Field::Groups => list(&u.groups),
            Field::SubAccount => u
                .sub_account
                .clone()
                .unwrap_or_else(|| "primary".to_string()),
            Field::CcPackage => u
                .contact_center
                .package
                .map_or("none".to_string(), |p| p.label().to_string()),
            Field::CcRole => or_none(&u.contact_center.role),
            Field::CcQueues => format!(
                "agent: {}; supervisor: {}",
                list(&u.contact_center.agent_queues),
                list(&u.contact_center.supervisor_queues)
            ),
        }
    }

    /// The sections that decide the field.
    fn decided_by(self, section: Section) -> bool {
        match self {
            Field::SignIn => false,
            Field::License => section == Section::License,
            Field::Addons => section.kind() == SectionKind::AddOn || section == Section::CcAddons,
            Field::Role => section == Section::UserRole,
            Field::Groups => section == Section::UserGroup,
            Field::SubAccount => section == Section::SubAccount,
            Field::CcPackage => section == Section::CcPackage,
            Field::CcRole => section == Section::CcRole,
            Field::CcQueues => section == Section::CcNewUserTemplate,
        }
    }

    /// The rule that governs the field when no section of the configuration decides it.
    fn default_rule(self, created: bool) -> RuleId {
        match self {
            Field::SignIn => rules::SAML_01,
            Field::License if created => rules::SAML_09,
            Field::License => rules::SAML_10,
            Field::Addons => rules::SAML_13,
            Field::Role => rules::SAML_21,
            Field::Groups => rules::SAML_22,
            Field::SubAccount => rules::SAML_20,
            Field::CcPackage | Field::CcRole => rules::SAML_40,
            Field::CcQueues => rules::SAML_41,
        }
    }
}

/// One side's outcome, as the fields read it.
struct State<'u> {
    signed_in: bool,
    /// The user after the sign-in; when refused, the user as before (`None`: no account).
    user: Option<&'u User>,
}

/// One side of a change: the value, and the rule that decided it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Side {
    pub value: String,
    pub rule: RuleId,
    /// The section and rule (from 0) that decided, when a mapping rule did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<Section>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_index: Option<usize>,
    /// Why, in the engine's words.
    pub reason: String,
}

/// Users whose field goes from one value to another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Change {
    pub before: Side,
    pub after: Side,
    /// The users; `before` and `after` explain the first of them (the rule may differ for the others).
    pub users: UserList,
}

/// Every change of one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FieldImpact {
    pub field: Field,
    /// Users whose field differs.
    pub changed: u64,
    /// By (before, after), most users first.
    pub changes: Vec<Change>,
    /// Users whose change is not among the first distinct changes kept (counted, not listed).
    pub other_changes: u64,
}

/// One changed user, every field that differs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct UserImpact {
    /// The CSV line, or 1 + the list index.
    pub row: u64,
    pub email: String,
    pub fields: Vec<FieldChange>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct FieldChange {
    pub field: Field,
    pub before: Side,
    pub after: Side,
}

/// The impact of a change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ImpactReport {
    /// The change in one sentence: `312 users would lose Licensed; 40 would be refused sign-in`.
    pub headline: String,
    /// One sentence per change, most users first.
    pub summary: Vec<String>,
    pub users: u64,
    /// Users with at least one field that differs.
    pub changed: u64,
    pub unchanged: u64,
    /// The fields that change for someone, in field order.
    pub fields: Vec<FieldImpact>,
    /// The first changed users, each with every field that differs (at most the list limit).
    pub changed_users: Vec<UserImpact>,
    /// Changed users beyond the list.
    pub more_changed_users: u64,
    pub warnings: Vec<Warning>,
}

/// One side's configuration, prepared once.
struct Config<'s> {
    scenario: &'s Scenario,
    sections: engine::Sections<'s>,
}

impl<'s> Config<'s> {
    fn new(scenario: &'s Scenario) -> Config<'s> {
        Config {
            scenario,
            sections: engine::Sections::new(&scenario.sso, Explain::Quiet),
        }
    }

    fn sign_in<'a>(
        &'a self,
        input: &'a SamlInput,
        before: Option<&User>,
        explain: Explain,
    ) -> SignIn<'a> {
        let ctx = Context {
            account: &self.scenario.account,
            sso: &self.scenario.sso,
            settings: &self.scenario.settings,
            input,
        };
        engine::sign_in_once(ctx, &self.sections, before, explain)
    }
}

struct Tally {
    changed: u64,
    /// (before, after) → the change, in the order first seen.
    changes: BTreeMap<(String, String), Change>,
    other: u64,
}

/// The running comparison: push users in directory order, then [`Impact::finish`].
pub struct Impact<'s> {
    before: Config<'s>,
    after: Config<'s>,
    /// The users as Zoom holds them, by lowercased email (the `before` scenario's directory).
    directory: BTreeMap<String, &'s User>,
    limit: usize,
    users: u64,
    changed: u64,
    tallies: BTreeMap<Field, Tally>,
    changed_users: Vec<UserImpact>,
    more_changed_users: u64,
}

impl<'s> Impact<'s> {
    /// Compares `before` with `after`; the users' state before their sign-in is the `before`
    /// scenario's `directory` (by email) unless a pushed user carries its own.
    pub fn new(before: &'s Scenario, after: &'s Scenario, list_limit: u32) -> Impact<'s> {
        Impact {
            before: Config::new(before),
            after: Config::new(after),
            directory: before
                .directory
                .iter()
                .map(|u| (u.email.to_lowercase(), u))
                .collect(),
            limit: usize::try_from(list_limit).unwrap_or(usize::MAX),
            users: 0,
            changed: 0,
            tallies: BTreeMap::new(),
            changed_users: Vec::new(),
            more_changed_users: 0,
        }
    }

    /// Users pushed so far (for progress).
    pub fn pushed(&self) -> u64 {
        self.users
    }

    /// Signs one user in under both configurations and records what differs.
    pub fn push(&mut self, row: u64, entry: BatchUser) {
        let BatchUser {
            name_id,
            attributes,
            user,
        } = entry;
        let input = SamlInput {
            name_id,
            attributes,
            ..SamlInput::default()
        };
        let ctx = Context {
            account: &self.before.scenario.account,
            sso: &self.before.scenario.sso,
            settings: &self.before.scenario.settings,
            input: &input,
        };
        let email = engine::source_email(ctx).unwrap_or_default();
        let start: Option<&User> = match &user {
            Some(user) => Some(user),
            None if self.directory.is_empty() => None,
            None => self.directory.get(&email.to_lowercase()).copied(),
        };
        self.users += 1;
        let a = self.before.sign_in(&input, start, Explain::Quiet);
        let b = self.after.sign_in(&input, start, Explain::Quiet);
        let (sa, sb) = (state(&a, start), state(&b, start));
        let differing: Vec<Field> = Field::ALL
            .into_iter()
            .filter(|f| !f.same(&sa, &sb))
            .collect();
        if differing.is_empty() {
            return;
        }
        self.changed += 1;
        let listed = self.changed_users.len() < self.limit;
        if !listed {
            self.more_changed_users += 1;
        }
        // The explained sign-ins, made at most once, only when an example needs them.
        let mut explained: Option<(SignIn<'_>, SignIn<'_>)> = None;
        let mut fields = Vec::new();
        for field in differing {
            let key = (field.show(&sa), field.show(&sb));
            let tally = self.tallies.entry(field).or_insert_with(|| Tally {
                changed: 0,
                changes: BTreeMap::new(),
                other: 0,
            });
            tally.changed += 1;
            let known = tally.changes.contains_key(&key);
            let room = tally.changes.len() < MAX_CHANGES_PER_FIELD;
            if (!known && room) || listed {
                let (fa, fb) = explained.get_or_insert_with(|| {
                    (
                        self.before.sign_in(&input, start, Explain::Full),
                        self.after.sign_in(&input, start, Explain::Full),
                    )
                });
                let before = side(field, fa, key.0.clone());
                let after = side(field, fb, key.1.clone());
                if listed {
                    fields.push(FieldChange {
                        field,
                        before: before.clone(),
                        after: after.clone(),
                    });
                }
                if !known && room {
                    tally.changes.insert(
                        key.clone(),
                        Change {
                            before,
                            after,
                            users: UserList::default(),
                        },
                    );
                }
            }
            match tally.changes.get_mut(&key) {
                Some(change) => change.users.push(&email, self.limit),
                None => tally.other += 1,
            }
        }
        if listed {
            self.changed_users.push(UserImpact { row, email, fields });
        }
    }

    /// How many strings and records the comparison holds: bounded by the list limit and
    /// [`MAX_CHANGES_PER_FIELD`], whatever the number of users (for memory checks).
    pub fn retained(&self) -> usize {
        let changes: usize = self
            .tallies
            .values()
            .flat_map(|t| t.changes.values())
            .map(|c| 1 + c.users.retained())
            .sum();
        changes + self.changed_users.len()
    }

    /// The report, summary first.
    pub fn finish(self) -> ImpactReport {
        // What either document gave in an older form (LIC-08).
        let warnings: Vec<Warning> = self
            .before
            .scenario
            .input_warnings()
            .chain(self.after.scenario.input_warnings())
            .collect();
        let mut fields = Vec::new();
        let mut sentences: Vec<(u64, Field, String)> = Vec::new();
        for (field, tally) in self.tallies {
            let mut changes: Vec<Change> = tally.changes.into_values().collect();
            changes.sort_by(|a, b| {
                b.users
                    .count
                    .cmp(&a.users.count)
                    .then_with(|| a.before.value.cmp(&b.before.value))
                    .then_with(|| a.after.value.cmp(&b.after.value))
            });
            for change in &changes {
                sentences.push((change.users.count, field, sentence(field, change)));
            }
            if tally.other > 0 {
                sentences.push((
                    tally.other,
                    field,
                    format!(
                        "{} would see their {} change in other ways",
                        count(tally.other, "user", "users"),
                        field.label()
                    ),
                ));
            }
            fields.push(FieldImpact {
                field,
                changed: tally.changed,
                changes,
                other_changes: tally.other,
            });
        }
        sentences.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        let summary: Vec<String> = sentences.into_iter().map(|(_, _, s)| s).collect();
        let headline = if summary.is_empty() {
            format!(
                "no user's outcome would change ({} compared)",
                count(self.users, "user", "users")
            )
        } else {
            // `312 users would lose Licensed; 40 would be refused sign-in`: the noun once.
            summary
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    if i == 0 {
                        s.clone()
                    } else {
                        s.replacen(" users would", " would", 1)
                            .replacen(" user would", " would", 1)
                    }
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        ImpactReport {
            headline,
            summary,
            users: self.users,
            changed: self.changed,
            unchanged: self.users - self.changed,
            fields,
            changed_users: self.changed_users,
            more_changed_users: self.more_changed_users,
            warnings,
        }
    }
}

/// A side's outcome for the fields.
fn state<'u>(sign_in: &'u SignIn<'_>, start: Option<&'u User>) -> State<'u> {
    if sign_in.decision.signed_in {
        State {
            signed_in: true,
            user: sign_in.user.as_ref(),
        }
    } else {
        State {
            signed_in: false,
            user: start,
        }
    }
}

/// The rule that decided a field in an explained sign-in.
fn side(field: Field, sign_in: &SignIn<'_>, value: String) -> Side {
    let decision = &sign_in.decision;
    let refused = !decision.signed_in;
    if field == Field::SignIn || refused {
        return Side {
            value,
            rule: decision.rule,
            section: decision.section,
            rule_index: decision.rule_index,
            reason: decision.message.clone(),
        };
    }
    let deciding = sign_in
        .sections
        .iter()
        .filter(|s| field.decided_by(s.section))
        .find(|s| {
            !matches!(
                s.status,
                SectionStatus::NotMapped | SectionStatus::Unchanged
            )
        })
        .or_else(|| {
            sign_in
                .sections
                .iter()
                .find(|s| field.decided_by(s.section))
        });
    match deciding {
        Some(trace) => Side {
            value,
            rule: trace.rule,
            section: Some(trace.section),
            rule_index: trace
                .rules
                .iter()
                .find(|r| r.status == RuleStatus::Matched)
                .map(|r| r.index),
            reason: format!("{}: {}", trace.label, trace.message),
        },
        None => Side {
            value,
            rule: field.default_rule(decision.created),
            section: None,
            rule_index: None,
            reason: format!(
                "no section of this configuration maps the {}",
                field.label()
            ),
        },
    }
}

/// One change in words: `312 users would lose Licensed (Basic instead)`.
fn sentence(field: Field, change: &Change) -> String {
    let n = count(change.users.count, "user", "users");
    let (b, a) = (&change.before.value, &change.after.value);
    match field {
        Field::SignIn if a == "refused" => format!("{n} would be refused sign-in"),
        Field::SignIn => format!("{n} would be signed in (refused before)"),
        Field::License if b == "no account" => format!("{n} would get an account as {a}"),
        Field::License if a == "no account" => format!("{n} would lose their {b} account"),
        Field::License => format!("{n} would lose {b} ({a} instead)"),
        _ => format!("{n} would change {}: {b} → {a}", field.label()),
    }
}

/// `simulateImpact`'s input: two configurations and the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactInput {
    /// The configuration as it is (its `directory` holds the users' state before they sign in).
    pub before: Scenario,
    /// The configuration as it would be.
    pub after: Scenario,
    /// The users (as the batch takes them: CSV text with `name_id` and one column per SAML
    /// attribute, or a list of users); absent: the `before` scenario's `batch.users`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<BatchUsers>,
    /// How many emails each list names, and changed users the report lists; default 20.
    #[serde(default = "default_list_limit")]
    pub list_limit: u32,
    /// What separates several values in one CSV cell; default `;`.
    #[serde(default = "default_separator")]
    pub value_separator: String,
}

fn default_list_limit() -> u32 {
    DEFAULT_LIST_LIMIT
}

fn default_separator() -> String {
    ";".to_string()
}

/// Parses both scenarios (each checked as `scenario::parse` would, its errors under `/before` or
/// `/after`), reads the users and compares every one.
pub fn run(text: &str) -> Result<ImpactReport, Vec<InputError>> {
    let raw: serde_json::Value = input::parse_json(text).map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let mut side = |name: &str| -> Option<Scenario> {
        let Some(value) = raw.get(name) else {
            errors.push(
                InputError::new(format!("/{name}"), format!("`{name}` is missing"))
                    .with_help("give `before` and `after`, each a scenario (`\"provisim\": 1`)"),
            );
            return None;
        };
        match scenario::parse(&value.to_string()) {
            Ok(mut s) => {
                // Its notes are located in this input, under the side's name.
                s.notes = s
                    .notes
                    .iter()
                    .map(|n| n.under(&format!("/{name}")))
                    .collect();
                Some(s)
            }
            Err(list) => {
                errors.extend(list.into_iter().map(|mut e| {
                    e.path = format!("/{name}{}", e.path);
                    e.line = None;
                    e.column = None;
                    e
                }));
                None
            }
        }
    };
    let before = side("before");
    let after = side("after");
    let input: Option<ImpactInput> = match input::parse_json::<serde_json::Value>(text) {
        Ok(mut value) => {
            // The scenarios were read above; the rest of the input is read here.
            if let Some(object) = value.as_object_mut() {
                for name in ["before", "after"] {
                    object.insert(name.to_string(), serde_json::json!({"provisim": 1}));
                }
            }
            match input::from_value::<ImpactInput>(&value) {
                Ok(input) => Some(input),
                Err(e) => {
                    errors.push(e);
                    None
                }
            }
        }
        Err(e) => {
            errors.push(e);
            None
        }
    };
    let (Some(before), Some(after), Some(input), true) = (before, after, input, errors.is_empty())
    else {
        return Err(errors);
    };
    compare(
        &before,
        &after,
        input.users,
        input.list_limit,
        &input.value_separator,
        "/users",
    )
}

/// Compares two parsed scenarios over `users` (absent: `before`'s `batch.users`); `at` locates
/// errors in the users.
pub fn compare(
    before: &Scenario,
    after: &Scenario,
    users: Option<BatchUsers>,
    list_limit: u32,
    value_separator: &str,
    at: &str,
) -> Result<ImpactReport, Vec<InputError>> {
    let (users, at) = match users {
        Some(users) => (users, at.to_string()),
        None => match &before.batch {
            Some(batch) => (batch.users.clone(), "/before/batch/users".to_string()),
            None => {
                return Err(vec![InputError::new(at, "no users to compare").with_help(
                    "give `users` (CSV text or a list), or `batch.users` in `before`",
                )])
            }
        },
    };
    let input = BatchInput {
        users,
        pools: Vec::new(),
        summary_only: true,
        list_limit,
        value_separator: value_separator.to_string(),
        through: Through::Saml,
    };
    let users = batch::read_users(&input, before.sso.basic.email.as_deref(), &at)?;
    let mut impact = Impact::new(before, after, list_limit);
    for (row, user) in users {
        impact.push(row, user);
    }
    Ok(impact.finish())
}
