//! The rule catalogue (RULES.md, built in): rule IDs as constants and their text for the fronts.

/// A rule ID from the catalogue, such as `"SAML-04"`.
pub type RuleId = &'static str;

/// The catalogue as shipped with this build (a copy of the project's RULES.md).
pub const CATALOGUE: &str = include_str!("../rules/RULES.md");

macro_rules! rule_ids {
    ($($name:ident = $id:literal in $home:literal),* $(,)?) => {
        $(#[doc = concat!("Rule ", $id, " of the catalogue, decided in `crate::", $home, "`.")]
        pub const $name: RuleId = $id;)*
        /// Every rule ID the engine knows, in catalogue order.
        pub const ALL: &[RuleId] = &[$($id),*];
        /// Where each rule is decided: the one function, method, type or table (a path from the
        /// crate root) whose doc comment names the ID. "Where is rule X" is one lookup here;
        /// `crates/xtask/tests/rule_homes.rs` fails when a home is gone or its doc does not name
        /// the rule.
        pub const HOMES: &[(RuleId, &str)] = &[$(($id, $home)),*];
    };
}

rule_ids! {
    LIC_01 = "LIC-01" in "license::directory::PoolState::assign",
    LIC_02 = "LIC-02" in "capacity::simulate",
    LIC_03 = "LIC-03" in "capacity::simulate",
    LIC_04 = "LIC-04" in "license::Package",
    LIC_05 = "LIC-05" in "license::addon_access",
    LIC_06 = "LIC-06" in "license::addon_access",
    LIC_07 = "LIC-07" in "license::addon_access",
    LIC_08 = "LIC-08" in "license::directory::Pools::assign",
    LIC_09 = "LIC-09" in "license::eligibility::basic_limit_crossed",
    SAML_01 = "SAML-01" in "saml::engine::simulate",
    SAML_02 = "SAML-02" in "saml::section::Section",
    SAML_03 = "SAML-03" in "saml::matching::contains",
    SAML_04 = "SAML-04" in "saml::matching::first_winner",
    SAML_05 = "SAML-05" in "saml::engine::Run::add_on",
    SAML_06 = "SAML-06" in "saml::engine::Run::basic_mapping",
    SAML_07 = "SAML-07" in "saml::section::Section::available_on",
    SAML_08 = "SAML-08" in "saml::engine::owner_exempt",
    SAML_09 = "SAML-09" in "saml::engine::Run::basic_mapping",
    SAML_10 = "SAML-10" in "saml::engine::Run::license",
    SAML_11 = "SAML-11" in "saml::MappingRule::refuses_sign_in",
    SAML_12 = "SAML-12" in "saml::engine::Run::license",
    SAML_13 = "SAML-13" in "saml::section::Section::removes_on_no_match",
    SAML_14 = "SAML-14" in "saml::engine::Run::add_on",
    SAML_15 = "SAML-15" in "saml::engine::Run::listed_license",
    SAML_16 = "SAML-16" in "saml::engine::Run::revenue_accelerator",
    SAML_17 = "SAML-17" in "saml::engine::Run::listed_license",
    SAML_20 = "SAML-20" in "saml::engine::Run::sub_account",
    SAML_21 = "SAML-21" in "saml::engine::Run::user_role",
    SAML_22 = "SAML-22" in "saml::engine::Run::list",
    SAML_23 = "SAML-23" in "saml::engine::Run::list",
    SAML_24 = "SAML-24" in "saml::engine::Run::list",
    SAML_30 = "SAML-30" in "saml::engine::Run::phone",
    SAML_31 = "SAML-31" in "saml::engine::Run::phone",
    SAML_32 = "SAML-32" in "saml::engine::Run::phone",
    SAML_40 = "SAML-40" in "saml::engine::Run::plain",
    SAML_41 = "SAML-41" in "saml::engine::Run::cc_template",
    SAML_42 = "SAML-42" in "saml::section::Section::inert_by_setting",
    SCIM_01 = "SCIM-01" in "scim::engine::handle",
    SCIM_02 = "SCIM-02" in "scim::engine::Projection::identity",
    SCIM_03 = "SCIM-03" in "scim::engine::Projection::revenue_accelerator",
    SCIM_04 = "SCIM-04" in "scim::engine::Projection::contact_center",
    SCIM_05 = "SCIM-05" in "scim::engine::Projection::template",
    SCIM_06 = "SCIM-06" in "scim::engine::users",
    SCIM_07 = "SCIM-07" in "scim::engine::Projection::license_type",
    SCIM_08 = "SCIM-08" in "scim::mapping::Table::user",
    SCIM_09 = "SCIM-09" in "scim::mapping::Table::finish",
    SCIM_10 = "SCIM-10" in "scim::engine::simulate",
    SCIM_11 = "SCIM-11" in "scim::engine::Projection::zra_role",
    SCIM_12 = "SCIM-12" in "scim::engine::Projection::contact_center",
    SCIM_13 = "SCIM-13" in "scim::schema::ZOOM_USER",
    SCIM_14 = "SCIM-14" in "scim::patch::parse",
    SCIM_15 = "SCIM-15" in "scim::mapping::Scope::admits",
    SCIM_16 = "SCIM-16" in "scim::engine::simulate",
    SCIM_17 = "SCIM-17" in "scim::filter::qualify",
    SCIM_18 = "SCIM-18" in "scim::discovery::Endpoint",
    SCIM_19 = "SCIM-19" in "scim::engine::bulk::handle",
    SCIM_20 = "SCIM-20" in "scim::listing::Query::page",
    CSV_01 = "CSV-01" in "csv_upload::columns::COLUMNS",
    CSV_02 = "CSV-02" in "csv_upload::columns::Field::write",
    CSV_03 = "CSV-03" in "csv_upload::check",
    CSV_04 = "CSV-04" in "csv_upload::check",
    TPL_01 = "TPL-01" in "model::CcTemplate::holds",
    TPL_02 = "TPL-02" in "scim::engine::apply_portal_template",
    TPL_03 = "TPL-03" in "model::CcTemplate::apply",
}

/// The catalogue row of a rule: its text without the ID and source columns, or `None` when the
/// catalogue has no such ID.
pub fn text(id: &str) -> Option<&'static str> {
    CATALOGUE.lines().find_map(|line| {
        let rest = line
            .strip_prefix("| ")?
            .strip_prefix(id)?
            .strip_prefix(" | ")?;
        // The last column is the source; drop it.
        let end = rest
            .trim_end()
            .trim_end_matches('|')
            .rfind(" | ")
            .unwrap_or(rest.len());
        rest.get(..end).map(str::trim)
    })
}

/// Every ID that the catalogue lists, in its order.
pub fn catalogue_ids() -> Vec<&'static str> {
    CATALOGUE
        .lines()
        .filter_map(|line| {
            let rest = line.strip_prefix("| ")?;
            let id = rest.split(' ').next()?;
            let (family, number) = id.split_once('-')?;
            let known = matches!(family, "LIC" | "SAML" | "SCIM" | "CSV" | "TPL");
            (known && number.chars().all(|c| c.is_ascii_digit())).then_some(id)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constants_and_catalogue_list_the_same_ids() {
        let mut catalogue = catalogue_ids();
        catalogue.sort_unstable();
        let mut known: Vec<&str> = ALL.to_vec();
        known.sort_unstable();
        assert_eq!(known, catalogue);
    }

    #[test]
    fn text_returns_the_rule_column() {
        let lic07 = text(LIC_07).unwrap_or_default();
        assert!(
            lic07.contains("100 agents, 25 Elite concurrent licenses"),
            "{lic07}"
        );
        assert!(
            !lic07.ends_with("000"),
            "source column must be dropped: {lic07}"
        );
        assert_eq!(text("LIC-99"), None);
    }
}
