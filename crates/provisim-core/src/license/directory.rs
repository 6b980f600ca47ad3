//! License pools applied to a real directory, user by user (LIC-01, LIC-02, LIC-05..LIC-08): who
//! holds a pool's license, who is refused, and who can use WFM, QM and AI Expert Assist, and why.
//!
//! [`super::seats`] plans with counts; this module walks the users in assignment order, so it can
//! name the users a shortfall hits. It keeps counts and capped lists of emails only, so a directory
//! of any size is checked in constant memory.

use super::{addon_access, Bundle, Licensing, Package, Product, Reason};
use crate::explain::{count, Step, Warning};
use crate::input::InputError;
use crate::model::User;
use crate::rules::{self, RuleId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// A license pool of the account: the users holding its package draw on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PoolInput {
    /// The package (LIC-04); every user whose Contact Center package is this one draws on the pool.
    pub package: Package,
    /// Named (one license per user, LIC-01) or concurrent (shared, LIC-02).
    pub licensing: Licensing,
    /// Bundled or unbundled; when absent, Elite is bundled and the others are not (LIC-05).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<Bundle>,
    /// Licenses in the pool.
    pub size: u32,
    /// Which users hold the named licenses (LIC-01) or are covered by a concurrent bundled pool
    /// (LIC-07). Assumption of LIC-07, a setting: the first `size` users in assignment order.
    #[serde(default)]
    pub designation: Designation,
}

/// Which users a pool's licenses go to (the LIC-07 Assumption, also used for LIC-01's refusals).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Designation {
    /// The first `size` users holding the package, in assignment (directory) order.
    #[default]
    AssignmentOrder,
    /// Exactly the users listed by email (at most `size`); the others are beyond the pool.
    Listed(Vec<String>),
}

impl Designation {
    pub fn key(&self) -> &'static str {
        match self {
            Designation::AssignmentOrder => "assignment_order",
            Designation::Listed(_) => "listed",
        }
    }
}

/// A count of users with the first few of their emails: lists stay small however large the directory.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, JsonSchema)]
pub struct UserList {
    pub count: u64,
    /// The first emails, in the order the users came; at most the list limit.
    pub emails: Vec<String>,
    /// Users counted but not listed.
    pub more: u64,
}

impl UserList {
    /// Counts a user, and lists the email while fewer than `limit` are listed.
    pub fn push(&mut self, email: &str, limit: usize) {
        self.count += 1;
        if self.emails.len() < limit {
            self.emails.push(email.to_string());
        } else {
            self.more += 1;
        }
    }

    /// `a, b and 3 more`, for warning messages.
    pub fn describe(&self) -> String {
        let listed = self.emails.join(", ");
        if self.more > 0 {
            format!("{listed} and {} more", self.more)
        } else {
            listed
        }
    }

    /// How many strings the list retains (for memory checks).
    pub fn retained(&self) -> usize {
        self.emails.len()
    }
}

/// Access to one product for one user, and why (LIC-08).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Access {
    pub product: Product,
    pub access: bool,
    pub rule: RuleId,
    /// Why, in words.
    #[schemars(with = "String")]
    pub reason: Reason,
}

impl Access {
    fn new(product: Product, access: bool, reason: Reason) -> Self {
        Access {
            product,
            access,
            rule: reason.rule(),
            reason,
        }
    }
}

/// One user's effective access to every Contact Center product (LIC-08).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct UserAccess {
    pub email: String,
    pub package: Option<Package>,
    /// Contact Center, WFM, QM, AI Expert Assist, in that order.
    pub products: [Access; 4],
}

impl UserAccess {
    pub fn get(&self, product: Product) -> Option<&Access> {
        self.products.iter().find(|a| a.product == product)
    }
}

/// The add-on products, in report order.
const ADD_ONS: [Product; 3] = [
    Product::WorkforceManagement,
    Product::QualityManagement,
    Product::AiExpertAssist,
];

/// The key an individual add-on has in a user's Contact Center add-ons (`contact_center.addons`,
/// wherever it was assigned: SCIM, CSV, a template or SAML's WFM and QM sections, SAML-42).
pub fn addon_key(product: Product) -> &'static str {
    match product {
        Product::ContactCenter => "contact_center",
        Product::WorkforceManagement => "workforce_management",
        Product::QualityManagement => "quality_management",
        Product::AiExpertAssist => "ai_expert_assist",
    }
}

/// Whether the user holds the individual add-on for `product` ([`User::holds_addon`], LIC-08).
pub fn holds_addon(user: &User, product: Product) -> bool {
    user.holds_addon(addon_key(product))
}

/// What one pool amounts to over the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct PoolReport {
    pub package: Package,
    pub licensing: Licensing,
    /// The bundle in force, after LIC-05's default.
    pub bundle: Bundle,
    pub size: u32,
    /// The LIC-07 setting in force: `assignment_order` or `listed`.
    pub designation: &'static str,
    /// Users holding the pool's package.
    pub demand: u64,
    /// Users with Contact Center access through the pool.
    pub licensed: u64,
    /// Named pools: users beyond the pool, whose assignment is refused (LIC-01).
    pub refused: UserList,
    /// Named pools: licenses missing for every holder to get one (LIC-01).
    pub shortfall: u64,
    /// Concurrent pools: holders beyond the pool size (LIC-02: allowed; LIC-03: overage possible).
    pub beyond_pool: u64,
    /// Concurrent bundled pools: users the pool covers for WFM and QM (LIC-07).
    pub covered: u64,
    pub products: Vec<ProductReport>,
}

/// One product across a pool's users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProductReport {
    pub product: Product,
    pub with_access: u64,
    pub without_access: u64,
    /// Users with access through their license (bundle or pool).
    pub through_license: u64,
    /// Users with access through an individual add-on.
    pub through_addon: u64,
    /// Users holding an add-on their license already grants (LIC-08: spare).
    pub redundant_addons: u64,
    /// Users without access, the first few named.
    pub users_without_access: UserList,
}

/// Users holding a package with no pool described.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Unpooled {
    pub package: Package,
    pub users: u64,
}

/// Every pool over the directory, with the trace and warnings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct DirectoryReport {
    pub pools: Vec<PoolReport>,
    /// Packages held with no pool described: counted, limits not checked.
    pub unpooled: Vec<Unpooled>,
    /// Users holding no Contact Center package.
    pub without_package: u64,
    pub trace: Vec<Step>,
    pub warnings: Vec<Warning>,
}

#[derive(Clone, Debug, Default)]
struct ProductTally {
    with_access: u64,
    without_access: u64,
    through_license: u64,
    through_addon: u64,
    redundant_addons: u64,
    without: UserList,
}

#[derive(Clone, Debug)]
struct PoolState {
    input: PoolInput,
    bundle: Bundle,
    /// Listed designation, by lowercased email.
    listed: Option<BTreeSet<String>>,
    demand: u64,
    /// Users given a pool place so far (the first `size` in assignment order, or the listed ones).
    placed: u64,
    licensed: u64,
    refused: UserList,
    covered: u64,
    products: [ProductTally; 3],
}

/// The accumulator: users go in one at a time, in assignment order; nothing per user is kept
/// beyond the capped lists.
#[derive(Clone, Debug)]
pub struct Pools {
    pools: Vec<PoolState>,
    unpooled: BTreeMap<Package, u64>,
    without_package: u64,
    limit: usize,
}

impl Pools {
    /// Checks the pool descriptions (one pool per package, listed designations within the size);
    /// `at` is the JSON pointer of the pool list; `limit` caps every list of emails.
    pub fn new(pools: &[PoolInput], at: &str, limit: usize) -> Result<Pools, Vec<InputError>> {
        let mut errors = Vec::new();
        let mut seen: BTreeMap<Package, usize> = BTreeMap::new();
        let mut states = Vec::new();
        for (i, pool) in pools.iter().enumerate() {
            if let Some(first) = seen.insert(pool.package, i) {
                errors.push(
                    InputError::new(
                        format!("{at}/{i}/package"),
                        format!("package `{}` has two pools", pool.package.key()),
                    )
                    .with_help(format!(
                        "describe one pool per package: merge it into {at}/{first}"
                    )),
                );
            }
            let listed = match &pool.designation {
                Designation::AssignmentOrder => None,
                Designation::Listed(emails) => {
                    let mut set = BTreeSet::new();
                    for (j, email) in emails.iter().enumerate() {
                        if !set.insert(email.to_ascii_lowercase()) {
                            errors.push(
                                InputError::new(
                                    format!("{at}/{i}/designation/listed/{j}"),
                                    format!("`{email}` is listed twice"),
                                )
                                .with_help("list each designated user once"),
                            );
                        }
                    }
                    if set.len() > usize::try_from(pool.size).unwrap_or(usize::MAX) {
                        errors.push(
                            InputError::new(
                                format!("{at}/{i}/designation/listed"),
                                format!(
                                    "{} designated for a pool of {}",
                                    if set.len() == 1 {
                                        "1 user is".to_string()
                                    } else {
                                        format!("{} users are", set.len())
                                    },
                                    pool.size
                                ),
                            )
                            .with_help(format!("designate at most {} users", pool.size)),
                        );
                    }
                    Some(set)
                }
            };
            states.push(PoolState {
                input: pool.clone(),
                bundle: pool.bundle.unwrap_or(pool.package.default_bundle()),
                listed,
                demand: 0,
                placed: 0,
                licensed: 0,
                refused: UserList::default(),
                covered: 0,
                products: Default::default(),
            });
        }
        if errors.is_empty() {
            Ok(Pools {
                pools: states,
                unpooled: BTreeMap::new(),
                without_package: 0,
                limit,
            })
        } else {
            Err(errors)
        }
    }

    /// Assigns the next user in assignment order and returns the user's access to every product
    /// (LIC-08: per user and per product, with the reason and its rule).
    pub fn assign(&mut self, user: &User) -> UserAccess {
        let email = user.email.as_str();
        let package = user.contact_center.package;
        let state = package.and_then(|p| self.pools.iter_mut().find(|s| s.input.package == p));
        let products = match (package, state) {
            (None, _) => {
                self.without_package += 1;
                access_all(Reason::NoPackage, Reason::NoPackage, false)
            }
            (Some(package), None) => {
                *self.unpooled.entry(package).or_default() += 1;
                let bundle = package.default_bundle();
                let mut out = access_all(Reason::NoPool, Reason::NoPool, true);
                for (slot, product) in out.iter_mut().skip(1).zip(ADD_ONS) {
                    *slot = unpooled_access(user, bundle, product);
                }
                out
            }
            (Some(_), Some(state)) => state.assign(user, email, self.limit),
        };
        UserAccess {
            email: email.to_string(),
            package,
            products,
        }
    }

    /// How many strings the accumulator retains (the capped lists), for memory checks.
    pub fn retained(&self) -> usize {
        self.pools
            .iter()
            .map(|s| {
                s.refused.retained()
                    + s.products
                        .iter()
                        .map(|p| p.without.retained())
                        .sum::<usize>()
                    + s.listed.as_ref().map_or(0, BTreeSet::len)
            })
            .sum()
    }

    /// The report: per pool, demand against size, shortfalls and the users lacking each product.
    pub fn finish(self) -> DirectoryReport {
        let mut trace = Vec::new();
        let mut warnings = Vec::new();
        let mut pools = Vec::new();
        for state in self.pools {
            pools.push(state.finish(&mut trace, &mut warnings));
        }
        let unpooled: Vec<Unpooled> = self
            .unpooled
            .into_iter()
            .map(|(package, users)| Unpooled { package, users })
            .collect();
        for u in &unpooled {
            trace.push(Step::new(
                rules::LIC_08,
                format!(
                    "{} {} and no {} pool is described: their access follows the package's default bundle; the pool size is not checked",
                    if u.users == 1 { "1 user holds".to_string() } else { format!("{} users hold", u.users) },
                    u.package.label(),
                    u.package.label()
                ),
            ));
        }
        DirectoryReport {
            pools,
            unpooled,
            without_package: self.without_package,
            trace,
            warnings,
        }
    }
}

/// The same reason for Contact Center and for the add-on products.
fn access_all(cc: Reason, addons: Reason, cc_access: bool) -> [Access; 4] {
    [
        Access::new(Product::ContactCenter, cc_access, cc),
        Access::new(Product::WorkforceManagement, false, addons),
        Access::new(Product::QualityManagement, false, addons),
        Access::new(Product::AiExpertAssist, false, addons),
    ]
}

/// Add-on access for a package with no pool described: the package's default bundle decides.
fn unpooled_access(user: &User, bundle: Bundle, product: Product) -> Access {
    // No pool: nothing limits a bundled license's reach.
    let reason = addon_access(
        bundle,
        Licensing::Named,
        product,
        true,
        holds_addon(user, product),
    );
    Access::new(product, reason.grants(), reason)
}

impl PoolState {
    /// One user of the pool: a named license held or refused (LIC-01: one per user, the pool's
    /// size at most) or the concurrent pool shared (LIC-02), then each add-on product through
    /// [`addon_access`](super::addon_access).
    fn assign(&mut self, user: &User, email: &str, limit: usize) -> [Access; 4] {
        self.demand += 1;
        // Designation (LIC-07's Assumption, also deciding LIC-01's refusals): listed users, or the
        // first `size` users in assignment order.
        let placed = match &self.listed {
            Some(listed) => listed.contains(&email.to_ascii_lowercase()),
            None => self.placed < u64::from(self.input.size),
        };
        if placed {
            self.placed += 1;
        }
        let (cc, licensed) = match self.input.licensing {
            Licensing::Named if placed => (Reason::NamedHeld, true),
            Licensing::Named => (Reason::NamedRefused, false),
            Licensing::Concurrent => (Reason::ConcurrentShared, true),
        };
        if !licensed {
            self.refused.push(email, limit);
            let out = access_all(cc, Reason::NoLicense, false);
            for tally in &mut self.products {
                tally.without_access += 1;
                tally.without.push(email, limit);
            }
            return out;
        }
        self.licensed += 1;
        let concurrent_bundled =
            self.bundle == Bundle::Bundled && self.input.licensing == Licensing::Concurrent;
        if concurrent_bundled && placed {
            self.covered += 1;
        }
        let mut out = access_all(cc, Reason::NoLicense, true);
        for ((slot, product), tally) in out
            .iter_mut()
            .skip(1)
            .zip(ADD_ONS)
            .zip(self.products.iter_mut())
        {
            let held = holds_addon(user, product);
            let reason = addon_access(self.bundle, self.input.licensing, product, placed, held);
            let access = Access::new(product, reason.grants(), reason);
            let through_addon =
                matches!(access.reason, Reason::UnnamedAddOn | Reason::UnbundledAddOn);
            if access.access {
                tally.with_access += 1;
                if through_addon {
                    tally.through_addon += 1;
                } else {
                    tally.through_license += 1;
                    if held {
                        tally.redundant_addons += 1;
                    }
                }
            } else {
                tally.without_access += 1;
                tally.without.push(email, limit);
            }
            *slot = access;
        }
        out
    }

    fn finish(self, trace: &mut Vec<Step>, warnings: &mut Vec<Warning>) -> PoolReport {
        let input = &self.input;
        let label = input.package.label();
        let size = input.size;
        let licensing = input.licensing.key();
        trace.push(Step::new(
            rules::LIC_04,
            format!(
                "{label} pool: {} ({}); {} {label}",
                count(
                    size,
                    &format!("{licensing} license, {}", self.bundle.word()),
                    &format!("{licensing} licenses, {}", self.bundle.word())
                ),
                if input.bundle.is_some() {
                    "as given"
                } else {
                    "LIC-05's default for the package"
                },
                if self.demand == 1 {
                    "1 user holds".to_string()
                } else {
                    format!("{} users hold", self.demand)
                }
            ),
        ));
        if input.bundle.is_none() {
            trace.push(input.package.default_bundle_step());
        }
        let designation = match &self.listed {
            Some(listed) if listed.len() == 1 => "the 1 listed user".to_string(),
            Some(listed) => format!("the {} listed users", listed.len()),
            None if size == 1 => "the first user in assignment order".to_string(),
            None => format!("the first {size} users in assignment order"),
        };
        let shortfall = match input.licensing {
            Licensing::Named => self.demand.saturating_sub(u64::from(size)),
            Licensing::Concurrent => 0,
        };
        let beyond_pool = match input.licensing {
            Licensing::Named => 0,
            Licensing::Concurrent => self.demand.saturating_sub(u64::from(size)),
        };
        match input.licensing {
            Licensing::Named => {
                trace.push(Step::new(
                    rules::LIC_01,
                    format!("named licenses are one per user: they go to {designation}"),
                ));
                if self.refused.count > 0 {
                    warnings.push(Warning::new(
                        rules::LIC_01,
                        format!(
                            "the named {label} pool holds {} for {}: assigning {} more is refused, short by {shortfall}: {}",
                            count(size, "license", "licenses"),
                            users(self.demand),
                            self.refused.count,
                            self.refused.describe()
                        ),
                        format!(
                            "buy {} more named {label} license{}, remove {label} from users who do not need it, or switch to concurrent licensing",
                            self.refused.count,
                            if self.refused.count == 1 { "" } else { "s" }
                        ),
                    ));
                }
            }
            Licensing::Concurrent => {
                // "1 user shares 1 concurrent Elite license", "3 users share 2 …".
                let shared = format!(
                    "{} {} {}",
                    users(self.demand),
                    if self.demand == 1 { "shares" } else { "share" },
                    count(
                        size,
                        &format!("concurrent {label} license"),
                        &format!("concurrent {label} licenses")
                    )
                );
                trace.push(Step::new(
                    rules::LIC_02,
                    format!("{shared}: any number may hold them"),
                ));
                if beyond_pool > 0 {
                    warnings.push(Warning::new(
                        rules::LIC_03,
                        format!(
                            "{shared}: more than {size} active at once for over the 30-minute grace period is billed as excess"
                        ),
                        "simulate the session log (the Concurrency workbench, or `provisim capacity`) to see billable episodes",
                    ));
                }
            }
        }
        let concurrent_bundled =
            self.bundle == Bundle::Bundled && input.licensing == Licensing::Concurrent;
        if concurrent_bundled {
            trace.push(Step::new(
                rules::LIC_07,
                format!(
                    "the concurrent bundled pool covers WFM and QM for {designation} (Assumption: by designation, not by who is active): {} covered, {} unnamed",
                    self.covered,
                    self.licensed - self.covered
                ),
            ));
        } else if self.bundle == Bundle::Unbundled {
            trace.push(Step::new(
                rules::LIC_06,
                format!("{label} is unbundled here: WFM, QM and AI Expert Assist each need their own add-on"),
            ));
        } else {
            trace.push(Step::new(
                rules::LIC_05,
                format!("{label} is bundled and named: each licensed user has WFM, QM and AI Expert Assist"),
            ));
        }
        let mut products = vec![ProductReport {
            product: Product::ContactCenter,
            with_access: self.licensed,
            without_access: self.refused.count,
            through_license: self.licensed,
            through_addon: 0,
            redundant_addons: 0,
            users_without_access: self.refused.clone(),
        }];
        for (product, tally) in ADD_ONS.into_iter().zip(self.products) {
            let lacking_licensed = tally.without.count - self.refused.count;
            if concurrent_bundled && product != Product::AiExpertAssist && lacking_licensed > 0 {
                warnings.push(Warning::new(
                    rules::LIC_07,
                    format!(
                        "{} beyond the {} the concurrent bundled {label} pool covers {} no {} access: {}",
                        users(lacking_licensed),
                        self.covered,
                        if lacking_licensed == 1 { "has" } else { "have" },
                        product.label(),
                        describe_skipping(&tally.without, &self.refused)
                    ),
                    format!(
                        "assign them individual {} add-ons by SCIM, CSV or the portal (by SAML only where the account assigns WFM and QM through SAML: setting “WFM and QM can be assigned through SAML”, SAML-42)",
                        product.label()
                    ),
                ));
            }
            if tally.redundant_addons > 0 {
                warnings.push(Warning::new(
                    rules::LIC_08,
                    format!(
                        "{} their license already grants",
                        if tally.redundant_addons == 1 {
                            format!(
                                "1 {label} user holds {} {} add-on",
                                if product.label().starts_with(['A', 'E', 'I', 'O', 'U']) {
                                    "an"
                                } else {
                                    "a"
                                },
                                product.label()
                            )
                        } else {
                            format!(
                                "{} {label} users hold {} add-ons",
                                tally.redundant_addons,
                                product.label()
                            )
                        }
                    ),
                    "the add-ons are spare: keep them for unnamed users or reduce the add-on count",
                ));
            }
            products.push(ProductReport {
                product,
                with_access: tally.with_access,
                without_access: tally.without_access,
                through_license: tally.through_license,
                through_addon: tally.through_addon,
                redundant_addons: tally.redundant_addons,
                users_without_access: tally.without,
            });
        }
        PoolReport {
            package: input.package,
            licensing: input.licensing,
            bundle: self.bundle,
            size,
            designation: input.designation.key(),
            demand: self.demand,
            licensed: self.licensed,
            refused: self.refused,
            shortfall,
            beyond_pool,
            covered: self.covered,
            products,
        }
    }
}

/// The emails of `all` that are not in `skip` (the refused users, whose lack is LIC-01's).
fn describe_skipping(all: &UserList, skip: &UserList) -> String {
    let listed: Vec<&str> = all
        .emails
        .iter()
        .filter(|e| !skip.emails.contains(e))
        .map(String::as_str)
        .collect();
    let shown = u64::try_from(listed.len()).unwrap_or(u64::MAX);
    let total = all.count - skip.count;
    let more = total.saturating_sub(shown);
    if more > 0 {
        format!("{} and {more} more", listed.join(", "))
    } else {
        listed.join(", ")
    }
}

/// `1 user`, `3 users`.
fn users(n: u64) -> String {
    if n == 1 {
        "1 user".to_string()
    } else {
        format!("{n} users")
    }
}

/// Runs a whole directory through the pools, keeping every user's access (for small directories
/// and tests; [`Pools`] is the streaming form).
pub fn evaluate(
    pools: &[PoolInput],
    users: &[User],
    limit: usize,
) -> Result<(DirectoryReport, Vec<UserAccess>), Vec<InputError>> {
    let mut acc = Pools::new(pools, "/pools", limit)?;
    let access = users.iter().map(|u| acc.assign(u)).collect();
    Ok((acc.finish(), access))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agent(i: usize, package: Option<Package>, addons: &[&str]) -> User {
        let mut u = User::new(&format!("agent{i:03}@example.com"));
        u.contact_center.package = package;
        u.contact_center.addons = addons.iter().map(|a| (*a).to_string()).collect();
        u
    }

    fn pool(package: Package, licensing: Licensing, size: u32) -> PoolInput {
        PoolInput {
            package,
            licensing,
            bundle: None,
            size,
            designation: Designation::AssignmentOrder,
        }
    }

    #[test]
    fn lic07_the_documented_example_names_the_75() {
        // LIC-07: 100 agents, 25 Elite concurrent licenses -> the 75 unnamed lack WFM and QM.
        let users: Vec<User> = (0..100)
            .map(|i| agent(i, Some(Package::Elite), &[]))
            .collect();
        let (report, access) = evaluate(
            &[pool(Package::Elite, Licensing::Concurrent, 25)],
            &users,
            3,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let p = &report.pools[0];
        assert_eq!((p.demand, p.licensed, p.covered), (100, 100, 25));
        let wfm = &p.products[1];
        assert_eq!((wfm.with_access, wfm.without_access), (25, 75));
        assert_eq!(wfm.users_without_access.emails[0], "agent025@example.com");
        assert_eq!(wfm.users_without_access.more, 72);
        assert_eq!(
            p.products[3].with_access, 100,
            "AI Expert Assist is not limited"
        );
        assert_eq!(access[24].products[1].reason, Reason::BundledCovered);
        assert_eq!(access[25].products[1].reason, Reason::UnnamedLacking);
        assert_eq!(access[25].products[1].rule, rules::LIC_07);
        let lic07: Vec<_> = report
            .warnings
            .iter()
            .filter(|w| w.rule == rules::LIC_07)
            .collect();
        assert_eq!(lic07.len(), 2);
        assert!(
            lic07[0].message.starts_with("75 users beyond the 25"),
            "{}",
            lic07[0].message
        );
    }

    #[test]
    fn lic07_add_ons_of_unnamed_users_give_access_and_on_covered_users_are_spare() {
        let mut users: Vec<User> = (0..4)
            .map(|i| agent(i, Some(Package::Elite), &[]))
            .collect();
        users[0].contact_center.addons = vec!["workforce_management".into()];
        users[3].contact_center.addons = vec!["workforce_management".into()];
        users[2].contact_center.addons = vec!["quality_management".into()];
        let (report, access) = evaluate(
            &[pool(Package::Elite, Licensing::Concurrent, 2)],
            &users,
            10,
        )
        .unwrap();
        assert_eq!(access[3].products[1].reason, Reason::UnnamedAddOn);
        assert_eq!(access[2].products[2].reason, Reason::UnnamedAddOn);
        assert!(!access[2].products[1].access);
        let wfm = &report.pools[0].products[1];
        assert_eq!(
            (wfm.with_access, wfm.through_addon, wfm.redundant_addons),
            (3, 1, 1)
        );
        assert_eq!(
            wfm.users_without_access.emails,
            vec!["agent002@example.com"]
        );
    }

    #[test]
    fn lic01_named_pool_refuses_beyond_its_size_with_the_shortfall() {
        let users: Vec<User> = (0..30)
            .map(|i| agent(i, Some(Package::Premium), &[]))
            .collect();
        let (report, access) =
            evaluate(&[pool(Package::Premium, Licensing::Named, 25)], &users, 2).unwrap();
        let p = &report.pools[0];
        assert_eq!((p.licensed, p.shortfall, p.refused.count), (25, 5, 5));
        assert_eq!(access[25].products[0].reason, Reason::NamedRefused);
        assert_eq!(access[25].products[1].reason, Reason::NoLicense);
        let w = report
            .warnings
            .iter()
            .find(|w| w.rule == rules::LIC_01)
            .unwrap();
        assert!(
            w.message.contains("holds 25 licenses for 30 users"),
            "{}",
            w.message
        );
        assert!(w
            .message
            .contains("short by 5: agent025@example.com, agent026@example.com and 3 more"));
    }

    #[test]
    fn lic06_unbundled_needs_each_add_on_and_lic05_bundled_named_grants_all() {
        let users = vec![
            agent(0, Some(Package::Premium), &["ai_expert_assist"]),
            agent(1, Some(Package::Elite), &[]),
            agent(2, None, &["workforce_management"]),
        ];
        let (report, access) = evaluate(
            &[
                pool(Package::Premium, Licensing::Named, 5),
                pool(Package::Elite, Licensing::Named, 5),
            ],
            &users,
            5,
        )
        .unwrap();
        assert_eq!(access[0].products[1].reason, Reason::UnbundledLacking);
        assert_eq!(access[0].products[3].reason, Reason::UnbundledAddOn);
        assert!(access[1].products.iter().all(|a| a.access));
        assert_eq!(access[1].products[2].rule, rules::LIC_05);
        assert!(access[2]
            .products
            .iter()
            .all(|a| !a.access && a.reason == Reason::NoPackage));
        assert_eq!(report.without_package, 1);
    }

    #[test]
    fn listed_designation_covers_exactly_the_listed_users() {
        let users: Vec<User> = (0..3)
            .map(|i| agent(i, Some(Package::Elite), &[]))
            .collect();
        let mut p = pool(Package::Elite, Licensing::Concurrent, 1);
        p.designation = Designation::Listed(vec!["AGENT002@example.com".into()]);
        let (report, access) = evaluate(&[p.clone()], &users, 5).unwrap();
        assert!(!access[0].products[1].access);
        assert!(access[2].products[1].access);
        assert_eq!(report.pools[0].designation, "listed");
        p.designation = Designation::Listed(vec!["a@x".into(), "b@x".into(), "a@X".into()]);
        let errors = Pools::new(&[p], "/batch/pools", 5).unwrap_err();
        assert_eq!(errors[0].path, "/batch/pools/0/designation/listed/2");
        assert_eq!(errors[1].path, "/batch/pools/0/designation/listed");
    }
}
