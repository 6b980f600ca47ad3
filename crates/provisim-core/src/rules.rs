//! The rule catalogue (RULES.md, built in): rule IDs as constants and their text for the fronts.

/// A rule ID from the catalogue, such as `"SAML-04"`.
pub type RuleId = &'static str;

/// The catalogue as shipped with this build (a copy of the project's RULES.md).
pub const CATALOGUE: &str = include_str!("../rules/RULES.md");

macro_rules! rule_ids {
    ($($name:ident = $id:literal),* $(,)?) => {
        $(#[doc = concat!("Rule ", $id, " of the catalogue.")] pub const $name: RuleId = $id;)*
        /// Every rule ID the engine knows, in catalogue order.
        pub const ALL: &[RuleId] = &[$($id),*];
    };
}

rule_ids! {
    LIC_01 = "LIC-01", LIC_02 = "LIC-02", LIC_03 = "LIC-03", LIC_04 = "LIC-04", LIC_05 = "LIC-05",
    LIC_06 = "LIC-06", LIC_07 = "LIC-07", LIC_08 = "LIC-08", LIC_09 = "LIC-09",
    SAML_01 = "SAML-01", SAML_02 = "SAML-02", SAML_03 = "SAML-03", SAML_04 = "SAML-04",
    SAML_05 = "SAML-05", SAML_06 = "SAML-06", SAML_07 = "SAML-07", SAML_08 = "SAML-08",
    SAML_09 = "SAML-09", SAML_10 = "SAML-10", SAML_11 = "SAML-11", SAML_12 = "SAML-12",
    SAML_13 = "SAML-13", SAML_14 = "SAML-14", SAML_15 = "SAML-15", SAML_16 = "SAML-16",
    SAML_17 = "SAML-17", SAML_20 = "SAML-20", SAML_21 = "SAML-21", SAML_22 = "SAML-22",
    SAML_23 = "SAML-23", SAML_24 = "SAML-24", SAML_30 = "SAML-30", SAML_31 = "SAML-31",
    SAML_32 = "SAML-32", SAML_40 = "SAML-40", SAML_41 = "SAML-41", SAML_42 = "SAML-42",
    SCIM_01 = "SCIM-01", SCIM_02 = "SCIM-02", SCIM_03 = "SCIM-03", SCIM_04 = "SCIM-04",
    SCIM_05 = "SCIM-05", SCIM_06 = "SCIM-06", SCIM_07 = "SCIM-07", SCIM_08 = "SCIM-08",
    SCIM_09 = "SCIM-09", SCIM_10 = "SCIM-10", SCIM_11 = "SCIM-11", SCIM_12 = "SCIM-12",
    SCIM_13 = "SCIM-13", SCIM_14 = "SCIM-14", SCIM_15 = "SCIM-15", SCIM_16 = "SCIM-16",
    SCIM_17 = "SCIM-17", SCIM_18 = "SCIM-18", SCIM_19 = "SCIM-19", SCIM_20 = "SCIM-20",
    CSV_01 = "CSV-01", CSV_02 = "CSV-02", CSV_03 = "CSV-03", CSV_04 = "CSV-04",
    TPL_01 = "TPL-01", TPL_02 = "TPL-02", TPL_03 = "TPL-03",
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
