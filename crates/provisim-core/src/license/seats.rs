//! The Contact Center seat planner: who gets which product from a pool and add-ons (LIC-04..LIC-08).

use super::{addon_access, Bundle, Licensing, Package, Product, Reason};
use crate::explain::{count, Step, Warning};
use crate::rules::{self, RuleId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// What the planner needs to know about the account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SeatInput {
    /// Contact Center agents who should use the products.
    pub agents: u32,
    /// The package of the account's pool (LIC-04).
    pub package: Package,
    /// Named or concurrent licenses (LIC-01, LIC-02).
    pub licensing: Licensing,
    /// Bundled or unbundled; when absent, Elite is bundled and the others are not (LIC-05).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<Bundle>,
    /// Licenses in the pool.
    pub pool: u32,
    /// Individual add-ons the account holds.
    #[serde(default)]
    pub addons: AddOnCounts,
}

/// Individual add-ons held, by product.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddOnCounts {
    #[serde(default)]
    pub wfm: u32,
    #[serde(default)]
    pub qm: u32,
    #[serde(default)]
    pub ai_expert_assist: u32,
}

/// The plan: access per product, and what to do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct SeatPlan {
    /// The bundle in force, after the default of LIC-05 was applied.
    pub bundle: Bundle,
    /// Agents who hold a Contact Center license.
    pub licensed_agents: u32,
    /// Agents the bundled pool covers for WFM and QM (LIC-07); zero when unbundled.
    pub pool_covered_agents: u32,
    pub products: Vec<ProductAccess>,
    pub trace: Vec<Step>,
    pub warnings: Vec<Warning>,
}

/// Access to one product across the agents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ProductAccess {
    pub product: Product,
    pub with_access: u32,
    pub without_access: u32,
    /// Individual add-ons held for this product (zero for Contact Center itself).
    pub addons_held: u32,
    /// Held add-ons that give an agent access the license does not.
    pub addons_used: u32,
    /// Add-ons (or, for Contact Center, licenses) still needed for every agent to have access.
    pub addons_needed: u32,
    /// Why: groups of agents with or without access and the rule that decides it.
    pub reasons: Vec<AccessReason>,
}

/// A group of agents that share access or its absence, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct AccessReason {
    pub rule: RuleId,
    pub agents: u32,
    pub access: bool,
    pub reason: String,
}

/// Plans Contact Center seats. Never fails: a short pool is reported, not refused.
pub fn plan(input: &SeatInput) -> SeatPlan {
    let mut trace = Vec::new();
    let mut warnings = Vec::new();
    let agents = input.agents;
    let pool = input.pool;
    let bundle = input.bundle.unwrap_or(input.package.default_bundle());
    trace.push(Step::new(
        rules::LIC_04,
        format!(
            "package {} with {}",
            input.package.label(),
            count(
                pool,
                &format!("{} license", input.licensing.key()),
                &format!("{} licenses", input.licensing.key())
            )
        ),
    ));
    if input.bundle.is_none() {
        trace.push(input.package.default_bundle_step());
    }

    // Contact Center itself: who holds a license.
    let licensed = match input.licensing {
        Licensing::Named => agents.min(pool),
        Licensing::Concurrent => agents,
    };
    let unlicensed = agents - licensed;
    let mut cc_reasons = Vec::new();
    match input.licensing {
        Licensing::Named => {
            push_reason(
                &mut cc_reasons,
                rules::LIC_01,
                licensed,
                true,
                "holds one of the named licenses",
            );
            push_reason(
                &mut cc_reasons,
                rules::LIC_01,
                unlicensed,
                false,
                &format!(
                    "the pool has only {}, one per user",
                    count(pool, "named license", "named licenses")
                ),
            );
            if unlicensed > 0 {
                warnings.push(Warning::new(
                    rules::LIC_01,
                    format!(
                        "the named {} pool holds {} for {}: assigning them is refused, short by {unlicensed}",
                        input.package.label(),
                        count(pool, "license", "licenses"),
                        count(agents, "agent", "agents")
                    ),
                    format!(
                        "buy {unlicensed} more named license{}, or switch to concurrent licensing",
                        if unlicensed == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
        Licensing::Concurrent => {
            push_reason(
                &mut cc_reasons,
                rules::LIC_02,
                licensed,
                true,
                "shares the concurrent pool (any number may hold it)",
            );
            if agents > pool {
                warnings.push(Warning::new(
                    rules::LIC_03,
                    format!(
                        "{} {} {}: more than {pool} active at once for over the 30-minute grace period is billed as excess",
                        count(agents, "agent", "agents"),
                        if agents == 1 { "shares" } else { "share" },
                        count(pool, "concurrent license", "concurrent licenses")
                    ),
                    "simulate the session log in the concurrency workbench to see billable episodes".to_string(),
                ));
            }
        }
    }
    let mut products = vec![ProductAccess {
        product: Product::ContactCenter,
        with_access: licensed,
        without_access: unlicensed,
        addons_held: 0,
        addons_used: 0,
        addons_needed: unlicensed,
        reasons: cc_reasons,
    }];

    // The add-on products.
    let covered = match bundle {
        Bundle::Bundled => licensed.min(pool),
        Bundle::Unbundled => 0,
    };
    let uncovered = licensed - covered;
    if bundle == Bundle::Bundled && input.licensing == Licensing::Concurrent {
        trace.push(Step::new(
            rules::LIC_07,
            format!(
                "the concurrent bundled pool covers WFM and QM for {}, the first {pool} in assignment order (Assumption: by designation, not by who is active); {} unnamed",
                count(covered, "agent", "agents"),
                count(uncovered, "agent is", "agents are")
            ),
        ));
    }
    for (product, held) in [
        (Product::WorkforceManagement, input.addons.wfm),
        (Product::QualityManagement, input.addons.qm),
        (Product::AiExpertAssist, input.addons.ai_expert_assist),
    ] {
        let access = match bundle {
            Bundle::Bundled => bundled_access(
                product,
                input.licensing,
                held,
                licensed,
                covered,
                &mut trace,
                &mut warnings,
            ),
            Bundle::Unbundled => unbundled_access(product, held, licensed, &mut warnings),
        };
        let mut access = access;
        push_reason(
            &mut access.reasons,
            rules::LIC_08,
            unlicensed,
            false,
            "has no Contact Center license, so no add-on product either",
        );
        access.without_access = agents - access.with_access;
        let surplus = held - access.addons_used;
        if surplus > 0 {
            warnings.push(Warning::new(
                rules::LIC_08,
                format!(
                    "{} held but {} no agent access it lacks",
                    count(
                        surplus,
                        &format!("{} add-on is", product.label()),
                        &format!("{} add-ons are", product.label())
                    ),
                    if surplus == 1 { "gives" } else { "give" }
                ),
                "they are spare: keep them for new agents or reduce the add-on count".to_string(),
            ));
        }
        products.push(access);
    }
    SeatPlan {
        bundle,
        licensed_agents: licensed,
        pool_covered_agents: covered,
        products,
        trace,
        warnings,
    }
}

fn bundled_access(
    product: Product,
    licensing: Licensing,
    held: u32,
    licensed: u32,
    covered: u32,
    trace: &mut Vec<Step>,
    warnings: &mut Vec<Warning>,
) -> ProductAccess {
    let uncovered = licensed.saturating_sub(covered);
    let mut reasons = Vec::new();
    if product == Product::AiExpertAssist {
        // LIC-07's Assumption: the unnamed-user limit names WFM and QM only.
        group(
            &mut reasons,
            licensed,
            Bundle::Bundled,
            licensing,
            product,
            true,
            false,
        );
        if uncovered > 0 {
            trace.push(Step::new(
                rules::LIC_07,
                format!(
                    "AI Expert Assist stays with {}: LIC-07 names WFM and QM only (Assumption)",
                    if licensed == 1 {
                        "the 1 licensed agent".to_string()
                    } else {
                        format!("all {licensed} licensed agents")
                    }
                ),
            ));
        }
        return ProductAccess {
            product,
            with_access: licensed,
            without_access: 0,
            addons_held: held,
            addons_used: 0,
            addons_needed: 0,
            reasons,
        };
    }
    let used = held.min(uncovered);
    let needed = uncovered - used;
    group(
        &mut reasons,
        covered,
        Bundle::Bundled,
        licensing,
        product,
        true,
        false,
    );
    group(
        &mut reasons,
        used,
        Bundle::Bundled,
        licensing,
        product,
        false,
        true,
    );
    group(
        &mut reasons,
        needed,
        Bundle::Bundled,
        licensing,
        product,
        false,
        false,
    );
    if needed > 0 {
        warnings.push(Warning::new(
            rules::LIC_07,
            format!(
                "{} beyond the {covered} the concurrent bundled pool covers {} no {} access",
                count(needed, "agent", "agents"),
                if needed == 1 { "has" } else { "have" },
                product.label()
            ),
            format!("assign {} by SCIM, CSV or the portal (by SAML only where the account assigns WFM and QM through SAML: setting “WFM and QM can be assigned through SAML”, SAML-42)", count(needed, &format!("individual {} add-on", product.label()), &format!("individual {} add-ons", product.label()))),
        ));
    }
    ProductAccess {
        product,
        with_access: covered + used,
        without_access: 0,
        addons_held: held,
        addons_used: used,
        addons_needed: needed,
        reasons,
    }
}

fn unbundled_access(
    product: Product,
    held: u32,
    licensed: u32,
    warnings: &mut Vec<Warning>,
) -> ProductAccess {
    let mut reasons = Vec::new();
    let used = held.min(licensed);
    let needed = licensed - used;
    let named = Licensing::Named;
    group(
        &mut reasons,
        used,
        Bundle::Unbundled,
        named,
        product,
        false,
        true,
    );
    group(
        &mut reasons,
        needed,
        Bundle::Unbundled,
        named,
        product,
        false,
        false,
    );
    if needed > 0 {
        warnings.push(Warning::new(
            rules::LIC_06,
            format!(
                "{} no {} access: the unbundled license does not include it",
                count(needed, "licensed agent has", "licensed agents have"),
                product.label()
            ),
            format!(
                "assign {} to the agents who need it",
                count(
                    needed,
                    &format!("{} add-on", product.label()),
                    &format!("{} add-ons", product.label())
                )
            ),
        ));
    }
    ProductAccess {
        product,
        with_access: used,
        without_access: 0,
        addons_held: held,
        addons_used: used,
        addons_needed: needed,
        reasons,
    }
}

/// One group of `agents` who share a place in the pool and whether they hold the add-on: the
/// access and the rule come from [`addon_access`] (the directory decides each user through it
/// too); the words are the planner's, about a group.
fn group(
    reasons: &mut Vec<AccessReason>,
    agents: u32,
    bundle: Bundle,
    licensing: Licensing,
    product: Product,
    placed: bool,
    holds_addon: bool,
) {
    if agents == 0 {
        return;
    }
    let reason = addon_access(bundle, licensing, product, placed, holds_addon);
    let text = match reason {
        Reason::Bundled | Reason::AiNotLimited if product == Product::AiExpertAssist => {
            "the bundled license grants AI Expert Assist"
        }
        Reason::UnnamedAddOn => "beyond the pool, holds an individual add-on",
        Reason::UnnamedLacking => {
            "beyond the concurrent pool and holds no individual add-on: cannot use the product"
        }
        Reason::UnbundledAddOn => "holds an individual add-on",
        Reason::UnbundledLacking => {
            "the unbundled license grants Contact Center only and no add-on is held"
        }
        Reason::Bundled | Reason::BundledCovered => "covered by the bundled pool license",
        // Reasons `addon_access` never gives for a group: the directory's words for one user.
        other => other.text(),
    };
    push_reason(reasons, reason.rule(), agents, reason.grants(), text);
}

fn push_reason(
    reasons: &mut Vec<AccessReason>,
    rule: RuleId,
    agents: u32,
    access: bool,
    reason: &str,
) {
    if agents > 0 {
        reasons.push(AccessReason {
            rule,
            agents,
            access,
            reason: reason.to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lic_07_help_names_the_setting_instead_of_ruling_out_saml() {
        // LIC-07: 100 agents, 25 Elite concurrent: 75 need WFM and QM add-ons. Whether SAML can
        // assign them is the wfm_qm_through_saml setting (SAML-42), so the help names it rather
        // than saying "not by SAML", which is false with the setting on.
        let plan = plan(&input(100, Package::Elite, Licensing::Concurrent, 25));
        let helps: Vec<&str> = plan
            .warnings
            .iter()
            .filter(|w| w.rule == rules::LIC_07)
            .map(|w| w.help.as_str())
            .collect();
        assert!(!helps.is_empty());
        for help in helps {
            assert!(
                help.contains("setting “WFM and QM can be assigned through SAML”"),
                "{help}"
            );
            assert!(!help.contains("not by SAML"), "{help}");
        }
    }

    fn input(agents: u32, package: Package, licensing: Licensing, pool: u32) -> SeatInput {
        SeatInput {
            agents,
            package,
            licensing,
            bundle: None,
            pool,
            addons: AddOnCounts::default(),
        }
    }

    fn access(plan: &SeatPlan, product: Product) -> (u32, u32, u32) {
        plan.products
            .iter()
            .find(|p| p.product == product)
            .map(|p| (p.with_access, p.without_access, p.addons_needed))
            .unwrap_or((u32::MAX, u32::MAX, u32::MAX))
    }

    #[test]
    fn documented_example_100_agents_25_elite_concurrent() {
        // LIC-07: 100 agents, 25 Elite concurrent licenses -> 75 need WFM and QM add-ons.
        let plan = plan(&input(100, Package::Elite, Licensing::Concurrent, 25));
        assert_eq!(access(&plan, Product::ContactCenter), (100, 0, 0));
        assert_eq!(access(&plan, Product::WorkforceManagement), (25, 75, 75));
        assert_eq!(access(&plan, Product::QualityManagement), (25, 75, 75));
        assert_eq!(access(&plan, Product::AiExpertAssist), (100, 0, 0));
        let lic07: Vec<_> = plan
            .warnings
            .iter()
            .filter(|w| w.rule == rules::LIC_07)
            .collect();
        assert_eq!(lic07.len(), 2);
        assert!(lic07.iter().all(|w| w.message.starts_with("75 agents")));
    }

    #[test]
    fn add_ons_close_the_lic07_gap_and_surplus_is_reported() {
        let mut i = input(100, Package::Elite, Licensing::Concurrent, 25);
        i.addons.wfm = 80;
        i.addons.qm = 40;
        let plan = plan(&i);
        assert_eq!(access(&plan, Product::WorkforceManagement), (100, 0, 0));
        assert_eq!(access(&plan, Product::QualityManagement), (65, 35, 35));
        assert!(plan
            .warnings
            .iter()
            .any(|w| w.rule == rules::LIC_08 && w.message.starts_with("5 Workforce")));
    }

    #[test]
    fn named_pool_short_refuses_the_excess() {
        // LIC-01: named licenses are one per user; the shortfall is named.
        let plan = plan(&input(30, Package::Elite, Licensing::Named, 25));
        assert_eq!(access(&plan, Product::ContactCenter), (25, 5, 5));
        assert_eq!(access(&plan, Product::WorkforceManagement), (25, 5, 0));
        let warning = plan
            .warnings
            .iter()
            .find(|w| w.rule == rules::LIC_01)
            .map(|w| w.message.clone());
        assert!(warning.unwrap_or_default().contains("short by 5"));
    }

    #[test]
    fn unbundled_needs_every_add_on() {
        // LIC-06: Premium is unbundled; each add-on product needs its own add-on.
        let mut i = input(10, Package::Premium, Licensing::Named, 10);
        i.addons.ai_expert_assist = 4;
        let plan = plan(&i);
        assert_eq!(plan.bundle, Bundle::Unbundled);
        assert_eq!(access(&plan, Product::ContactCenter), (10, 0, 0));
        assert_eq!(access(&plan, Product::WorkforceManagement), (0, 10, 10));
        assert_eq!(access(&plan, Product::AiExpertAssist), (4, 6, 6));
    }

    #[test]
    fn concurrent_overage_mentions_grace_period() {
        // LIC-02 / LIC-03: concurrent pools are shared; overage beyond the grace period is billed.
        let plan = plan(&input(40, Package::Essentials, Licensing::Concurrent, 10));
        assert_eq!(access(&plan, Product::ContactCenter), (40, 0, 0));
        assert!(plan
            .warnings
            .iter()
            .any(|w| w.rule == rules::LIC_03 && w.message.contains("30-minute")));
        let fits = super::plan(&input(10, Package::Essentials, Licensing::Concurrent, 10));
        assert!(!fits.warnings.iter().any(|w| w.rule == rules::LIC_03));
    }

    proptest! {
        #[test]
        fn counts_always_add_up(agents in 0u32..5000, pool in 0u32..5000, wfm in 0u32..5000, qm in 0u32..5000,
                                ai in 0u32..5000, package in 0usize..3, licensing in 0usize..2, bundle in 0usize..3) {
            let i = SeatInput {
                agents, pool,
                package: Package::ALL.get(package).copied().unwrap_or(Package::Elite),
                licensing: Licensing::ALL.get(licensing).copied().unwrap_or(Licensing::Named),
                bundle: [None, Some(Bundle::Bundled), Some(Bundle::Unbundled)].get(bundle).copied().flatten(),
                addons: AddOnCounts { wfm, qm, ai_expert_assist: ai },
            };
            let first = plan(&i);
            prop_assert_eq!(&first, &plan(&i));
            for p in &first.products {
                prop_assert_eq!(p.with_access + p.without_access, agents);
                prop_assert!(p.addons_used <= p.addons_held);
                let with: u32 = p.reasons.iter().filter(|r| r.access).map(|r| r.agents).sum();
                let without: u32 = p.reasons.iter().filter(|r| !r.access).map(|r| r.agents).sum();
                prop_assert_eq!((with, without), (p.with_access, p.without_access));
            }
        }
    }
}
