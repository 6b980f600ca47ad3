//! License rules (RULES.md LIC-*): Contact Center packages, named and concurrent pools, bundles.

pub mod directory;
pub mod seats;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

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
