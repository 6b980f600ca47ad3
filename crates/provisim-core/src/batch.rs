//! Whole-directory batches: every user of a directory signs in through the account's SAML rules,
//! and the outcomes are summarised — licenses, packages and add-ons, refusals by rule, warnings by
//! rule with the users they hit, the 9,999 Basic-user limit (LIC-09) and the license pools
//! (LIC-01..LIC-08) against the users that result.
//!
//! [`Batch`] takes users one at a time and keeps counts and capped lists only (plus each user's
//! outcome unless `summary_only`), so a caller can stream a directory of any size through it in
//! chunks, show progress and stop; [`run`] runs a read directory in one go.

use crate::explain::{self, Step, Warning};
use crate::input::{self, nearest, InputError};
use crate::license::directory::{DirectoryReport, PoolInput, Pools, UserAccess, UserList};
use crate::license::eligibility::{self, MAX_BASIC_USERS};
use crate::model::{Account, Change, LicenseType, Setup, User};
use crate::rules::{self, RuleId};
use crate::saml::engine::{self, Context, Decision, Explain, SignIn};
use crate::saml::{SamlInput, Section, SsoConfig, Values};
use crate::scim::engine::{self as scim_engine, Directory as ScimDirectory};
use crate::scim::import;
use crate::scim::mapping::{IdpSync, IdpUser, Table};
use crate::scim::{Method, ScimInput};
use crate::settings::SettingEcho;
use crate::table::{self, located};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// How many emails a list of users names when the input does not say.
pub const DEFAULT_LIST_LIMIT: u32 = 20;
/// The most users one batch may hold (a guard against runaway input, far above real directories).
pub const MAX_USERS: usize = 5_000_000;

/// The batch simulation's input: the `batch` field of a scenario.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchInput {
    /// The users: CSV text whose header has a `name_id` column and one column per SAML attribute
    /// (several values in a cell separated by `value_separator`), or a list of users.
    pub users: BatchUsers,
    /// The account's license pools, checked against the users as they are after their sign-in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pools: Vec<PoolInput>,
    /// Keep counts and lists only, no per-user outcome (for very large directories).
    #[serde(default)]
    pub summary_only: bool,
    /// How many emails each list of users names (the count is always complete); default 20.
    #[serde(default = "default_list_limit")]
    pub list_limit: u32,
    /// What separates several values in one CSV cell; default `;`.
    #[serde(default = "default_separator")]
    pub value_separator: String,
    /// How the users reach Zoom: `saml` (default: each signs in; the attributes are the
    /// assertion's) or `idp` (the IdP provisions each through the scenario's SCIM mapping table,
    /// `scim.idp.mappings`; the attributes are the IdP's).
    #[serde(default)]
    pub through: Through,
}

/// How a batch's users reach Zoom.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Through {
    /// A SAML sign-in each (SAML-*).
    #[default]
    Saml,
    /// SCIM requests the IdP sends from its attribute mappings (SCIM-08).
    Idp,
}

fn default_list_limit() -> u32 {
    DEFAULT_LIST_LIMIT
}

fn default_separator() -> String {
    ";".to_string()
}

/// The directory to run: CSV text or a list of users.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    untagged,
    expecting = "this takes the directory as CSV text (`\"name_id,department\\na@example.com,Sales\"`) or a list of users (`[{\"name_id\": \"a@example.com\", \"attributes\": {\"department\": \"Sales\"}}]`)"
)]
pub enum BatchUsers {
    Csv(String),
    /// Each element is a [`BatchUser`]; they are read one by one so that every bad one is reported
    /// with its position.
    List(#[schemars(with = "Vec<BatchUser>")] Vec<serde_json::Value>),
}

/// One user of the directory: the assertion their sign-in carries (or, `through: idp`, the IdP's
/// attributes), and their state before it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchUser {
    /// The assertion's NameID (usually the email).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_id: Option<String>,
    /// Attribute name → one value or several.
    #[serde(default)]
    pub attributes: BTreeMap<String, Values>,
    /// The user as Zoom holds it before the sign-in. Absent: the scenario's `directory` entry with
    /// the assertion's email, or else a user Zoom does not know yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<User>,
}

/// One user's outcome.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct UserOutcome {
    /// The user's position: the CSV line, or 1 + the list index.
    pub row: u64,
    pub email: String,
    /// Whether Zoom knew the user before this sign-in.
    pub existed: bool,
    pub decision: Decision,
    /// Before → after, field by field (empty when refused).
    pub changes: Vec<Change>,
    pub warnings: Vec<Warning>,
    /// Access to the Contact Center products, when pools are described (LIC-08).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub access: Option<UserAccess>,
}

/// Users refused by one rule.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct RefusalGroup {
    pub rule: RuleId,
    /// The section and rule (0-based) that refused, for the first user refused this way.
    pub section: Option<Section>,
    pub rule_index: Option<usize>,
    /// The first refused user's decision message.
    pub message: String,
    pub users: UserList,
}

/// Users a warning of one rule hit.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct WarningGroup {
    pub rule: RuleId,
    /// The first such warning, as an example.
    pub message: String,
    pub help: String,
    pub users: UserList,
}

/// The Basic users of the account before and after the batch (LIC-09).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct BasicUsers {
    /// The account's `basic_users` (its Basic users before the batch, the directory's included).
    pub before: u64,
    pub after: u64,
    pub limit: u32,
    pub over_limit: bool,
    /// Users whose creation or downgrade to Basic went beyond the limit.
    pub users_beyond_limit: UserList,
}

/// The whole batch.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct BatchReport {
    /// The settings in force, each with the rule whose Assumption or Conflict it decides.
    pub settings: Vec<SettingEcho>,
    pub users: u64,
    pub signed_in: u64,
    pub created: u64,
    pub refused: u64,
    /// Users signed in whose state changed.
    pub changed: u64,
    /// Users by license type after the batch (refused new users are not counted: they do not exist).
    pub licenses: BTreeMap<String, u64>,
    /// Users by Contact Center package after the batch.
    pub packages: BTreeMap<String, u64>,
    /// Users by add-on after the batch: Zoom add-ons by key, Contact Center add-ons as
    /// `contact_center/<add-on>`.
    pub addons: BTreeMap<String, u64>,
    /// Refusals by rule, in rule order.
    pub refusals: Vec<RefusalGroup>,
    /// Warnings by rule, in rule order, with the users they hit.
    pub warnings_by_rule: Vec<WarningGroup>,
    pub basic_users: BasicUsers,
    /// The pools against the users after the batch; absent when no pool is described.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pools: Option<DirectoryReport>,
    /// Whether `outcomes` lists every user (`summary_only` off).
    pub outcomes_kept: bool,
    pub outcomes: Vec<UserOutcome>,
    pub trace: Vec<Step>,
    /// One warning per rule that fired, saying how many users it hit.
    pub warnings: Vec<Warning>,
}

/// The running batch: push users in directory order, then [`Batch::finish`].
pub struct Batch<'s> {
    setup: Setup<'s>,
    sso: &'s SsoConfig,
    /// The account with the running Basic-user count (LIC-09).
    account: Account,
    directory: BTreeMap<String, &'s User>,
    /// The SSO configuration's sections in processing order, sorted once for every user.
    sections: engine::Sections<'s>,
    /// `through: idp`: the IdP's mapping table and scope (no users), and Zoom's directory as the
    /// requests change it.
    idp: Option<(Table, ScimDirectory)>,
    /// What the imported IdP configuration left out (`scim.idp.import`, SCIM-08, SCIM-15).
    imported: Vec<Warning>,
    pools: Option<Pools>,
    summary_only: bool,
    limit: usize,
    users: u64,
    signed_in: u64,
    created: u64,
    refused: u64,
    changed: u64,
    licenses: BTreeMap<String, u64>,
    packages: BTreeMap<String, u64>,
    addons: BTreeMap<String, u64>,
    refusals: BTreeMap<RuleId, RefusalGroup>,
    warnings: BTreeMap<RuleId, WarningGroup>,
    beyond_limit: UserList,
    outcomes: Vec<UserOutcome>,
}

impl<'s> Batch<'s> {
    /// Starts a batch over the account, its SSO configuration and settings (and, `through: idp`,
    /// the IdP's mapping table of `scim`); `input` gives the pools and options (its users are
    /// pushed by the caller).
    pub fn new(
        setup: Setup<'s>,
        sso: &'s SsoConfig,
        scim: Option<&ScimInput>,
        input: &BatchInput,
    ) -> Result<Batch<'s>, Vec<InputError>> {
        let limit = usize::try_from(input.list_limit).unwrap_or(usize::MAX);
        let pools = if input.pools.is_empty() {
            None
        } else {
            Some(Pools::new(&input.pools, "/batch/pools", limit)?)
        };
        let directory = setup
            .directory
            .iter()
            .map(|u| (u.email.to_lowercase(), u))
            .collect();
        let mut imported = Vec::new();
        let idp = match input.through {
            Through::Saml => None,
            Through::Idp => match scim.and_then(|s| s.idp.as_ref()) {
                Some(sync) => {
                    let (sync, report) = import::resolve(&IdpSync {
                        users: Vec::new(),
                        ..sync.clone()
                    })?;
                    imported = report
                        .iter()
                        .flat_map(|r| r.warnings.iter().map(import::ImportNote::warning))
                        .collect();
                    Some((Table::new(&sync), ScimDirectory::new(&setup, scim)))
                }
                None => {
                    return Err(vec![InputError::new(
                    "/batch/through",
                    "`through: idp` needs the IdP's attribute mappings, and the scenario has none",
                )
                .with_help(
                    "give the mapping table in `scim.idp.mappings` (its `users` may be empty)",
                )])
                }
            },
        };
        Ok(Batch {
            account: setup.account.clone(),
            setup,
            sso,
            directory,
            sections: engine::Sections::new(
                sso,
                if input.summary_only {
                    Explain::Quiet
                } else {
                    Explain::Full
                },
            ),
            idp,
            imported,
            pools,
            summary_only: input.summary_only,
            limit,
            users: 0,
            signed_in: 0,
            created: 0,
            refused: 0,
            changed: 0,
            licenses: BTreeMap::new(),
            packages: BTreeMap::new(),
            addons: BTreeMap::new(),
            refusals: BTreeMap::new(),
            warnings: BTreeMap::new(),
            beyond_limit: UserList::default(),
            outcomes: Vec::new(),
        })
    }

    /// Users pushed so far (for progress).
    pub fn pushed(&self) -> u64 {
        self.users
    }

    /// Signs one user in and records the outcome; returns it (also kept unless `summary_only`).
    ///
    /// With `summary_only` the sign-in explains nothing ([`Explain::Quiet`]): the outcome returned
    /// has no `changes`, and its decision and warnings keep their rule IDs but, except for the first
    /// refusal or warning of each rule (the summary's example), not their text.
    pub fn push(&mut self, row: u64, entry: BatchUser) -> UserOutcome {
        if self.idp.is_some() {
            return self.push_idp(row, entry);
        }
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
            account: &self.account,
            sso: self.sso,
            settings: self.setup.settings,
            input: &input,
        };
        let email = engine::source_email(ctx).unwrap_or_default();
        let before: Option<&User> = match &user {
            Some(user) => Some(user),
            None if self.directory.is_empty() => None,
            None => self.directory.get(&email.to_lowercase()).copied(),
        };
        let last = if self.summary_only {
            let quiet = engine::sign_in_once(ctx, &self.sections, before, Explain::Quiet);
            if self.has_example(&quiet) {
                quiet
            } else {
                // The first refusal or warning of its rule is the summary's example: the same
                // sign-in again, explained, for its text (the outcome is the same).
                let mut full = engine::sign_in_once(ctx, &self.sections, before, Explain::Full);
                full.changes = Vec::new();
                full
            }
        } else {
            engine::sign_in_once(ctx, &self.sections, before, Explain::Full)
        };
        let SignIn {
            decision,
            changes,
            user: after,
            warnings,
            ..
        } = last;
        let (after, changed) = if decision.signed_in {
            let changed = after.as_ref() != before;
            (after.as_ref(), changed)
        } else {
            (before, false)
        };
        self.record(
            row, email, before, after, changed, changes, warnings, decision,
        )
    }

    /// Whether the summary already holds an example (message and help) of the sign-in's refusal
    /// and of each of its warnings.
    fn has_example(&self, sign_in: &SignIn<'_>) -> bool {
        let decision = &sign_in.decision;
        (decision.signed_in || self.refusals.contains_key(&decision.rule))
            && sign_in
                .warnings
                .iter()
                .all(|w| self.warnings.contains_key(&w.rule))
    }

    /// `through: idp`: the requests the IdP's mappings produce for this user, applied to Zoom's
    /// directory in order (SCIM-08). The user counts as signed in when every request succeeded.
    fn push_idp(&mut self, row: u64, entry: BatchUser) -> UserOutcome {
        let attributes: serde_json::Map<String, serde_json::Value> = entry
            .attributes
            .into_iter()
            .map(|(name, values)| {
                let value = match values {
                    Values::One(v) => serde_json::Value::String(v),
                    Values::Many(v) => serde_json::Value::Array(
                        v.into_iter().map(serde_json::Value::String).collect(),
                    ),
                };
                (name, value)
            })
            .collect();
        let settings = self.setup.settings;
        let Some((table, directory)) = self.idp.as_mut() else {
            return self.push(row, BatchUser::default());
        };
        let user = IdpUser {
            attributes,
            in_scope: true,
        };
        let produced = table.produce_one(&user, directory, settings);
        // The scoping filter left the user out (SCIM-15): who, and why.
        let out_of_scope = produced
            .timeline
            .entries
            .first()
            .and_then(|e| Some((e.user.clone(), e.scope.clone()?)));
        // The user the IdP updates or removes, as it was before the requests.
        let target = produced.requests.iter().find_map(|(r, _)| {
            matches!(r.method, Method::PATCH | Method::PUT | Method::DELETE)
                .then(|| r.path.rsplit('/').next().unwrap_or(""))
        });
        let mut before = target
            .and_then(|id| directory.position(id))
            .and_then(|i| directory.entries.get(i))
            .map(|e| e.user.clone());
        let mut results = Vec::new();
        for (i, (request, _)) in produced.requests.iter().enumerate() {
            results.push(scim_engine::handle(
                directory,
                &self.account,
                settings,
                request,
                i,
                scim_engine::Source::Idp,
            ));
        }
        let email = results
            .iter()
            .rev()
            .find_map(|r| r.user.clone())
            .or_else(|| out_of_scope.as_ref().map(|(user, _)| user.clone()))
            .unwrap_or_default();
        let after = directory
            .position(&email)
            .and_then(|i| directory.entries.get(i))
            .map(|e| e.user.clone());
        let modified = results.iter().any(|r| r.method != Method::GET);
        if !modified {
            before.clone_from(&after);
        }
        let failed = results.iter().find(|r| r.status >= 400);
        let created = results
            .iter()
            .any(|r| r.method == Method::POST && r.status == 201);
        let calls: Vec<String> = results
            .iter()
            .map(|r| format!("{:?} {}", r.method, r.status))
            .collect();
        let decision = Decision {
            signed_in: failed.is_none(),
            account: failed.is_none().then(|| "primary".to_string()),
            created,
            rule: failed
                .and_then(|r| r.warnings.first().map(|w| w.rule))
                .unwrap_or(if out_of_scope.is_some() {
                    rules::SCIM_15
                } else {
                    rules::SCIM_08
                }),
            section: None,
            rule_index: None,
            message: if let Some((_, why)) = &out_of_scope {
                format!("{why}: the IdP sends {}", calls.join(", "))
            } else if calls.is_empty() {
                "the IdP sends nothing for this user (no matching attribute value)".to_string()
            } else {
                format!("the IdP sends {}", calls.join(", "))
            },
        };
        let changed = before != after;
        let changes = if self.summary_only {
            Vec::new()
        } else {
            results
                .iter()
                .flat_map(|r| r.changes.iter().cloned())
                .collect()
        };
        let mut warnings: Vec<Warning> = produced.warnings;
        warnings.extend(results.into_iter().flat_map(|r| r.warnings));
        let signed_in = decision.signed_in;
        self.record(
            row,
            email,
            before.as_ref(),
            if signed_in {
                after.as_ref()
            } else {
                before.as_ref()
            },
            changed,
            changes,
            warnings,
            decision,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        row: u64,
        email: String,
        before: Option<&User>,
        after: Option<&User>,
        changed: bool,
        changes: Vec<Change>,
        warnings: Vec<Warning>,
        decision: Decision,
    ) -> UserOutcome {
        let limit = self.limit;
        self.users += 1;
        if decision.signed_in {
            self.signed_in += 1;
            if decision.created {
                self.created += 1;
            }
            if changed {
                self.changed += 1;
            }
        } else {
            self.refused += 1;
            self.refusals
                .entry(decision.rule)
                .or_insert_with(|| RefusalGroup {
                    rule: decision.rule,
                    section: decision.section,
                    rule_index: decision.rule_index,
                    message: decision.message.clone(),
                    users: UserList::default(),
                })
                .users
                .push(&email, limit);
        }
        // LIC-09: the running count of Basic users.
        let was_basic = before.is_some_and(|u| u.license == LicenseType::Basic);
        let is_basic = after.is_some_and(|u| u.license == LicenseType::Basic);
        if is_basic && !was_basic {
            self.account.basic_users = self.account.basic_users.saturating_add(1);
        } else if was_basic && !is_basic {
            self.account.basic_users = self.account.basic_users.saturating_sub(1);
        }
        let mut seen: Vec<RuleId> = Vec::new();
        for w in &warnings {
            if w.rule == rules::LIC_09 && !seen.contains(&w.rule) {
                self.beyond_limit.push(&email, limit);
            }
            if seen.contains(&w.rule) {
                continue;
            }
            seen.push(w.rule);
            self.warnings
                .entry(w.rule)
                .or_insert_with(|| WarningGroup {
                    rule: w.rule,
                    message: w.message.clone(),
                    help: w.help.clone(),
                    users: UserList::default(),
                })
                .users
                .push(&email, limit);
        }
        let mut access = None;
        if let Some(user) = after {
            count(&mut self.licenses, license_key(user.license));
            if let Some(package) = user.contact_center.package {
                count(&mut self.packages, package.key());
            }
            for key in user.addons.keys() {
                count(&mut self.addons, key);
            }
            for addon in &user.contact_center.addons {
                count(&mut self.addons, &format!("contact_center/{addon}"));
            }
            if let Some(pools) = &mut self.pools {
                access = Some(pools.assign(user));
            }
        }
        let outcome = UserOutcome {
            row,
            email,
            existed: before.is_some(),
            decision,
            changes,
            warnings,
            access,
        };
        if !self.summary_only {
            self.outcomes.push(outcome.clone());
        }
        outcome
    }

    /// How many strings and outcomes the batch holds: bounded by the list limit in summary mode,
    /// whatever the number of users (for memory checks).
    pub fn retained(&self) -> usize {
        let lists: usize = self
            .refusals
            .values()
            .map(|g| g.users.retained())
            .chain(self.warnings.values().map(|g| g.users.retained()))
            .sum();
        lists
            + self.beyond_limit.retained()
            + self.outcomes.len()
            + self.licenses.len()
            + self.packages.len()
            + self.addons.len()
            + self.pools.as_ref().map_or(0, Pools::retained)
    }

    /// The summary, with the trace and one warning per rule that fired.
    pub fn finish(self) -> BatchReport {
        let before = u64::from(self.setup.account.basic_users);
        let after = u64::from(self.account.basic_users);
        let over_limit = eligibility::over_basic_limit(after);
        let pools = self.pools.map(Pools::finish);
        let mut trace = vec![
            Step::new(
                if self.idp.is_some() {
                    rules::SCIM_08
                } else {
                    rules::SAML_01
                },
                if self.idp.is_some() {
                    format!(
                        "{} provisioned by the IdP through its attribute mappings, in directory order, each from Zoom's directory as the earlier requests left it: {} succeeded ({} created, {} changed), {} refused (a request answered 4xx)",
                        explain::count(self.users, "user", "users"), self.signed_in, self.created, self.changed, self.refused
                    )
                } else {
                    format!(
                        "{} signed in once each through the account's SAML mapping, in directory order: {} signed in ({} created, {} changed), {} refused",
                        explain::count(self.users, "user", "users"), self.signed_in, self.created, self.changed, self.refused
                    )
                },
            ),
            Step::new(
                rules::LIC_09,
                format!(
                    "Basic users: {before} before the batch (the account's `basic_users`, which counts the directory's), {after} after; Zoom allows at most {MAX_BASIC_USERS}"
                ),
            ),
        ];
        for group in self.refusals.values() {
            trace.push(Step::new(
                group.rule,
                format!(
                    "{} refused: {} (e.g. {})",
                    explain::count(group.users.count, "user", "users"),
                    group.message,
                    group.users.describe()
                ),
            ));
        }
        // The scenario's own notes first (the old WFM/QM form, LIC-08), then the import's.
        let mut warnings: Vec<Warning> = self.setup.notes.clone();
        warnings.extend(self.imported);
        if over_limit {
            warnings.push(Warning::new(
                rules::LIC_09,
                format!(
                    "the batch takes the account to {after} Basic users, above the 9,999 Zoom allows: {} go beyond the limit ({})",
                    explain::count(self.beyond_limit.count, "user", "users"),
                    self.beyond_limit.describe()
                ),
                "license these users, remove unused Basic users, or set the default license to None",
            ));
        }
        for group in self.warnings.values() {
            if group.rule == rules::LIC_09 && over_limit {
                continue;
            }
            warnings.push(Warning::new(
                group.rule,
                format!(
                    "{}: {} ({}){}",
                    explain::count(group.users.count, "user", "users"),
                    group.message,
                    group.users.describe(),
                    if group.users.count > 1 {
                        " — the message is the first user's"
                    } else {
                        ""
                    }
                ),
                group.help.clone(),
            ));
        }
        if let Some(report) = &pools {
            trace.extend(report.trace.iter().cloned());
            warnings.extend(report.warnings.iter().cloned());
        }
        let settings = self.setup.settings.saml_echo();
        BatchReport {
            settings,
            users: self.users,
            signed_in: self.signed_in,
            created: self.created,
            refused: self.refused,
            changed: self.changed,
            licenses: self.licenses,
            packages: self.packages,
            addons: self.addons,
            refusals: self.refusals.into_values().collect(),
            warnings_by_rule: self.warnings.into_values().collect(),
            basic_users: BasicUsers {
                before,
                after,
                limit: MAX_BASIC_USERS,
                over_limit,
                users_beyond_limit: self.beyond_limit,
            },
            pools,
            outcomes_kept: !self.summary_only,
            outcomes: self.outcomes,
            trace,
            warnings,
        }
    }
}

/// One more of `key`, allocating the key only the first time.
fn count(counts: &mut BTreeMap<String, u64>, key: &str) {
    match counts.get_mut(key) {
        Some(n) => *n += 1,
        None => {
            counts.insert(key.to_string(), 1);
        }
    }
}

fn license_key(license: LicenseType) -> &'static str {
    match license {
        LicenseType::Basic => "basic",
        LicenseType::Licensed => "licensed",
        LicenseType::OnPrem => "on_prem",
    }
}

/// Runs every user of a read directory through a started batch.
pub fn run(mut batch: Batch<'_>, users: Vec<(u64, BatchUser)>) -> BatchReport {
    for (row, user) in users {
        batch.push(row, user);
    }
    batch.finish()
}

/// Reads the directory, reporting every bad row or element at once. Each user comes with its row
/// (the CSV line, or 1 + the list index). `email_attribute` is the attribute the Basic mapping reads
/// the email from (`None`: the NameID); a user whose assertion carries no email is an error.
pub fn read_users(
    input: &BatchInput,
    email_attribute: Option<&str>,
    at: &str,
) -> Result<Vec<(u64, BatchUser)>, Vec<InputError>> {
    let mut errors = Vec::new();
    let users = match &input.users {
        BatchUsers::Csv(text) => read_csv(
            input.through == Through::Saml,
            text,
            &input.value_separator,
            email_attribute,
            at,
            &mut errors,
        ),
        BatchUsers::List(list) => {
            let mut users = Vec::with_capacity(list.len());
            for (i, value) in list.iter().enumerate() {
                match input::from_value::<BatchUser>(value) {
                    Ok(user) if input.through == Through::Idp => {
                        users.push((i as u64 + 1, user));
                    }
                    Ok(user) => {
                        let email = match email_attribute {
                            Some(a) => user.attributes.get(a).map(|v| v.first().to_string()),
                            None => user.name_id.clone(),
                        };
                        if email.as_deref().is_none_or(|e| e.trim().is_empty()) {
                            errors.push(
                                InputError::new(
                                    format!("{at}/{i}"),
                                    format!("user {i} carries no email"),
                                )
                                .with_help(match email_attribute {
                                    Some(a) => format!("the Basic mapping reads the email from `{a}`: give that attribute"),
                                    None => "give `name_id`, the user's NameID (email)".to_string(),
                                }),
                            );
                        }
                        users.push((i as u64 + 1, user));
                    }
                    Err(mut e) => {
                        e.path = format!("{at}/{i}{}", e.path);
                        errors.push(e);
                    }
                }
            }
            users
        }
    };
    if users.len() > MAX_USERS {
        errors.push(
            InputError::new(
                at,
                format!("{} users: a batch holds at most {MAX_USERS}", users.len()),
            )
            .with_help("split the directory into several batches"),
        );
    }
    if errors.is_empty() {
        Ok(users)
    } else {
        Err(errors)
    }
}

/// The CSV column holding the NameID, by its lowercased names.
const NAME_ID_COLUMNS: [&str; 3] = ["name_id", "nameid", "name id"];

fn read_csv(
    saml: bool,
    text: &str,
    separator: &str,
    email_attribute: Option<&str>,
    at: &str,
    errors: &mut Vec<InputError>,
) -> Vec<(u64, BatchUser)> {
    let Some(mut table) = table::read(
        text,
        at,
        "start it with a header: `name_id` and one column per SAML attribute",
        errors,
    ) else {
        return Vec::new();
    };
    let names = table.header.clone();
    // Through the IdP every column is an IdP attribute; through SAML one may be the NameID.
    let name_id = names
        .iter()
        .position(|n| NAME_ID_COLUMNS.contains(&n.to_lowercase().as_str()))
        .filter(|_| saml);
    let mut header_ok = true;
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            header_ok = false;
            errors.push(
                located(
                    format!("{at}/row/1"),
                    format!("column {} of the header has no name", i + 1),
                    1,
                )
                .with_help("name every column: `name_id` or the SAML attribute it carries"),
            );
        } else if names.iter().take(i).any(|n| n == name) {
            header_ok = false;
            errors.push(located(
                format!("{at}/row/1"),
                format!("the header names `{name}` twice"),
                1,
            ));
        }
    }
    let email_column = !saml
        || match email_attribute {
            Some(attribute) => names.iter().any(|n| n == attribute),
            None => name_id.is_some(),
        };
    if !email_column {
        let wanted = email_attribute.unwrap_or("name_id");
        let near = nearest(wanted, names.iter().map(String::as_str));
        errors.push(
            located(
                format!("{at}/row/1"),
                format!("the header has no `{wanted}` column: no user would carry an email"),
                1,
            )
            .with_help(match (near, email_attribute) {
                (Some(n), _) => format!("did you mean `{n}`?"),
                (None, Some(a)) => {
                    format!("the Basic mapping reads the email from `{a}`: add that column")
                }
                (None, None) => {
                    "add a `name_id` column with each user's NameID (email)".to_string()
                }
            }),
        );
        header_ok = false;
    }
    if !header_ok {
        return Vec::new();
    }
    let mut users = Vec::new();
    while let Some((line, record)) = table.next_row(errors) {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut user = BatchUser::default();
        for (i, (name, cell)) in names.iter().zip(record.iter()).enumerate() {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            if Some(i) == name_id {
                user.name_id = Some(cell.to_string());
                continue;
            }
            let mut values: Vec<String> = if separator.is_empty() {
                vec![cell.to_string()]
            } else {
                cell.split(separator)
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            let value = if values.len() == 1 {
                Values::One(values.remove(0))
            } else {
                Values::Many(values)
            };
            user.attributes.insert(name.clone(), value);
        }
        let has_email = !saml
            || match email_attribute {
                Some(a) => user.attributes.contains_key(a),
                None => user.name_id.is_some(),
            };
        if !has_email {
            errors.push(
                located(
                    format!("{at}/row/{line}"),
                    format!(
                        "row {line} carries no email: its `{}` cell is empty",
                        email_attribute.unwrap_or("name_id")
                    ),
                    line,
                )
                .with_help("give every user an email, or remove the row"),
            );
            continue;
        }
        users.push((line, user));
    }
    users
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Result<BatchReport, Vec<InputError>> {
        crate::api::simulate_batch(text)
    }

    fn scenario(batch: &str) -> String {
        format!(
            r#"{{"provisim": 1,
                "sso": {{"advanced": [{{"section": "license", "rules": [
                    {{"attribute": "dept", "value": "Sales", "result": "licensed"}},
                    {{"attribute": "dept", "value": "Contractors", "result": "none"}}
                ]}}]}},
                "batch": {batch}}}"#
        )
    }

    #[test]
    fn csv_users_sign_in_and_are_counted_by_license_and_refusal() {
        // SAML-11: a None result refuses; SAML-01: every user signs in once.
        let text = scenario(
            r#"{"users": "name_id,dept\na@x.com,Sales\nb@x.com,Contractors\nc@x.com,Support\n"}"#,
        );
        let report = run(&text).unwrap();
        assert_eq!(report.users, 3);
        assert_eq!(report.signed_in, 2);
        assert_eq!(report.refused, 1);
        assert_eq!(report.created, 2);
        assert_eq!(report.licenses.get("licensed"), Some(&1));
        assert_eq!(report.licenses.get("basic"), Some(&1));
        assert_eq!(report.refusals.len(), 1);
        assert_eq!(report.refusals[0].rule, rules::SAML_11);
        assert_eq!(report.refusals[0].users.emails, vec!["b@x.com"]);
        assert_eq!(report.outcomes.len(), 3);
        assert_eq!(report.outcomes[1].row, 3);
        assert_eq!(report.basic_users.after, 1);
    }

    #[test]
    fn bad_rows_are_all_reported_with_their_lines() {
        let text = scenario(r#"{"users": "name_id,dept\na@x.com\nb@x.com,Sales\nc,d,e\n"}"#);
        let errors = run(&text).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].line, Some(2));
        assert_eq!(errors[1].line, Some(4));
        assert!(errors[1].message.contains("3 fields"));
    }

    #[test]
    fn list_elements_are_checked_one_by_one() {
        let text = scenario(
            r#"{"users": [{"name_id": "a@x.com"}, {"nameid": "b@x.com"}, {"name_id": "c@x.com", "atributes": {}}]}"#,
        );
        let errors = run(&text).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(errors[0].path.starts_with("/batch/users/1"), "{errors:?}");
        assert!(errors[1].path.starts_with("/batch/users/2"), "{errors:?}");
    }

    #[test]
    fn summary_mode_keeps_no_outcome_and_bounded_lists() {
        let mut rows = String::from("name_id,dept\n");
        for i in 0..500 {
            rows.push_str(&format!("u{i}@x.com,Contractors\n"));
        }
        let batch = format!(
            r#"{{"users": {}, "summary_only": true, "list_limit": 5}}"#,
            serde_json::to_string(&rows).unwrap()
        );
        let text = scenario(&batch);
        let parsed = crate::scenario::parse(&text).unwrap();
        let input = parsed.batch.clone().unwrap();
        let users = read_users(&input, None, "/batch/users").unwrap();
        let mut run = parsed.start_batch(&input).unwrap();
        let mut high = 0;
        for (row, user) in users {
            run.push(row, user);
            high = high.max(run.retained());
        }
        // One refusal group listing at most 5 emails: the retained count stays bounded.
        assert!(high <= 8, "retained {high}");
        let report = run.finish();
        assert_eq!(report.refused, 500);
        assert_eq!(report.refusals[0].users.count, 500);
        assert_eq!(report.refusals[0].users.emails.len(), 5);
        assert_eq!(report.refusals[0].users.more, 495);
        assert!(report.outcomes.is_empty());
        assert!(!report.outcomes_kept);
    }

    #[test]
    fn basic_users_beyond_9999_are_named() {
        // LIC-09: the running count crosses the limit during the batch.
        let text = r#"{"provisim": 1, "account": {"basic_users": 9998},
                "batch": {"users": "name_id\na@x.com\nb@x.com\nc@x.com\n"}}"#;
        let report = run(text).unwrap();
        assert_eq!(report.basic_users.before, 9998);
        assert_eq!(report.basic_users.after, 10001);
        assert!(report.basic_users.over_limit);
        assert_eq!(
            report.basic_users.users_beyond_limit.emails,
            vec!["b@x.com", "c@x.com"]
        );
        assert!(report.warnings.iter().any(|w| w.rule == rules::LIC_09));
    }

    #[test]
    fn existing_users_come_from_the_directory_by_email() {
        let text = r#"{"provisim": 1,
            "directory": [{"email": "A@x.com", "license": "licensed"}],
            "batch": {"users": [{"name_id": "a@x.com"}, {"name_id": "n@x.com"}]}}"#;
        let report = run(text).unwrap();
        assert!(report.outcomes[0].existed);
        assert!(!report.outcomes[1].existed);
        // SAML-10: no rule matched, the existing user keeps the license.
        assert_eq!(report.licenses.get("licensed"), Some(&1));
        assert_eq!(report.created, 1);
    }
}
