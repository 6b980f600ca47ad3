//! License rules (RULES.md LIC-*): Contact Center packages, named and concurrent pools, bundles.

pub mod directory;
pub mod eligibility;
pub mod seats;

use crate::explain::Step;
use crate::rules::{self, RuleId};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize, Serializer};

/// A Contact Center package (LIC-04).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Package {
    Essentials,
    Premium,
    Elite,
}

impl Package {
    pub const ALL: [Package; 3] = [Package::Essentials, Package::Premium, Package::Elite];

    pub fn label(self) -> &'static str {
        match self {
            Package::Essentials => "Essentials",
            Package::Premium => "Premium",
            Package::Elite => "Elite",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Package::Essentials => "essentials",
            Package::Premium => "premium",
            Package::Elite => "elite",
        }
    }

    /// The bundle a package comes as when the input does not say (LIC-05: Elite is the bundled one).
    pub fn default_bundle(self) -> Bundle {
        match self {
            Package::Elite => Bundle::Bundled,
            Package::Essentials | Package::Premium => Bundle::Unbundled,
        }
    }

    /// LIC-05's step when the input gives no bundle: the package's default, as the seat planner
    /// and the directory's pools both trace it.
    pub fn default_bundle_step(self) -> Step {
        Step::new(
            rules::LIC_05,
            format!(
                "no bundle given: {} is taken as {} (LIC-05 names Elite as the bundled license)",
                self.label(),
                self.default_bundle().word()
            ),
        )
    }
}

/// How licenses of a pool are held (LIC-01, LIC-02).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Licensing {
    /// One license per user (LIC-01).
    Named,
    /// Shared by any number of users, limited by simultaneous use (LIC-02).
    Concurrent,
}

impl Licensing {
    pub const ALL: [Licensing; 2] = [Licensing::Named, Licensing::Concurrent];

    pub fn key(self) -> &'static str {
        match self {
            Licensing::Named => "named",
            Licensing::Concurrent => "concurrent",
        }
    }
}

/// Whether one license grants WFM, QM and AI Expert Assist too (LIC-05) or only Contact Center (LIC-06).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Bundle {
    Bundled,
    Unbundled,
}

impl Bundle {
    /// The word for traces: `bundled`, `unbundled`.
    pub fn word(self) -> &'static str {
        match self {
            Bundle::Bundled => "bundled",
            Bundle::Unbundled => "unbundled",
        }
    }
}

/// A product a Contact Center user may or may not have access to (LIC-08).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    ContactCenter,
    WorkforceManagement,
    QualityManagement,
    AiExpertAssist,
}

impl Product {
    pub fn label(self) -> &'static str {
        match self {
            Product::ContactCenter => "Contact Center",
            Product::WorkforceManagement => "Workforce Management",
            Product::QualityManagement => "Quality Management",
            Product::AiExpertAssist => "AI Expert Assist",
        }
    }
}

/// Why a user has or lacks a product; each reason belongs to one rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// The user holds no Contact Center package.
    NoPackage,
    /// The user holds a package for which no pool is described.
    NoPool,
    NamedHeld,
    NamedRefused,
    ConcurrentShared,
    /// The license was refused, so no add-on product either.
    NoLicense,
    Bundled,
    BundledCovered,
    UnnamedAddOn,
    UnnamedLacking,
    AiNotLimited,
    UnbundledAddOn,
    UnbundledLacking,
}

impl Reason {
    /// Whether an add-on reason gives the product ([`addon_access`]'s answers).
    pub fn grants(self) -> bool {
        matches!(
            self,
            Reason::Bundled
                | Reason::BundledCovered
                | Reason::AiNotLimited
                | Reason::UnnamedAddOn
                | Reason::UnbundledAddOn
        )
    }

    pub fn rule(self) -> RuleId {
        match self {
            Reason::NoPackage | Reason::NoPool | Reason::NoLicense => rules::LIC_08,
            Reason::NamedHeld | Reason::NamedRefused => rules::LIC_01,
            Reason::ConcurrentShared => rules::LIC_02,
            Reason::Bundled | Reason::BundledCovered => rules::LIC_05,
            Reason::UnnamedAddOn | Reason::UnnamedLacking | Reason::AiNotLimited => rules::LIC_07,
            Reason::UnbundledAddOn | Reason::UnbundledLacking => rules::LIC_06,
        }
    }

    pub fn text(self) -> &'static str {
        match self {
            Reason::NoPackage => "holds no Contact Center package",
            Reason::NoPool => "holds the package; no pool is described for it, so its size is not checked",
            Reason::NamedHeld => "holds one of the pool's named licenses",
            Reason::NamedRefused => "the named pool is full: assigning this user a license is refused",
            Reason::ConcurrentShared => "shares the concurrent pool (any number of users may hold it)",
            Reason::NoLicense => "has no Contact Center license, so no add-on product either",
            Reason::Bundled => "the bundled license grants it",
            Reason::BundledCovered => "covered by the concurrent bundled pool",
            Reason::UnnamedAddOn => "beyond the concurrent bundled pool, holds the individual add-on",
            Reason::UnnamedLacking => "beyond the concurrent bundled pool and holds no individual add-on: cannot use it",
            Reason::AiNotLimited => "the bundled license grants it to every holder: LIC-07 names WFM and QM only (Assumption)",
            Reason::UnbundledAddOn => "holds the individual add-on",
            Reason::UnbundledLacking => "the unbundled license grants Contact Center only and no add-on is held",
        }
    }
}

impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text())
    }
}

/// LIC-05, LIC-06 and LIC-07: whether a licensed agent reaches an add-on `product`, and why. A
/// bundled license (LIC-05) grants WFM, QM and AI Expert Assist; held concurrently, WFM and QM
/// reach only the agents the pool covers (`placed`, LIC-07's designation) and the others need the
/// individual add-on (AI Expert Assist is not limited: LIC-07's Assumption). An unbundled license
/// (LIC-06) grants none: only the individual add-on does. The seat planner (by counts) and the
/// directory (user by user) both decide through this.
pub fn addon_access(
    bundle: Bundle,
    held_as: Licensing,
    product: Product,
    placed: bool,
    holds_addon: bool,
) -> Reason {
    let concurrent = held_as == Licensing::Concurrent;
    match bundle {
        Bundle::Bundled if !concurrent => Reason::Bundled,
        Bundle::Bundled if product == Product::AiExpertAssist => Reason::AiNotLimited,
        Bundle::Bundled if placed => Reason::BundledCovered,
        Bundle::Bundled if holds_addon => Reason::UnnamedAddOn,
        Bundle::Bundled => Reason::UnnamedLacking,
        Bundle::Unbundled if holds_addon => Reason::UnbundledAddOn,
        Bundle::Unbundled => Reason::UnbundledLacking,
    }
}
