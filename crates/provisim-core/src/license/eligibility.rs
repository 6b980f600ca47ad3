//! Who may be given what, whichever way the change comes (SAML, SCIM, a batch, lint): the account's
//! Basic-user limit (LIC-09) and the Revenue Accelerator's prerequisites (SAML-16, and SCIM-03 by
//! its Assumption). The engines call these; none of them writes the rule again.

use crate::model::LicenseType;

/// LIC-09: the most Basic users one account holds ("Zoom only allows a maximum of 9,999 basic
/// users").
pub const MAX_BASIC_USERS: u32 = 9_999;

/// LIC-09: whether making one user `after` — a new user when `before` is `None`, else a change
/// from `before` — takes an account holding `basic_users` Basic users above [`MAX_BASIC_USERS`].
pub fn basic_limit_crossed(
    before: Option<LicenseType>,
    after: LicenseType,
    basic_users: u32,
) -> bool {
    after == LicenseType::Basic
        && before != Some(LicenseType::Basic)
        && basic_users >= MAX_BASIC_USERS
}

/// LIC-09: whether `total` Basic users (a count after a batch or a provisioning scope) is more than
/// Zoom allows.
pub fn over_basic_limit(total: u64) -> bool {
    total > u64::from(MAX_BASIC_USERS)
}

/// LIC-09: the warning's sentence for [`basic_limit_crossed`], the same from every engine.
pub fn basic_limit_message(email: &str, basic_users: u32) -> String {
    format!(
        "making {email} a Basic user takes the account to {} Basic users: Zoom allows at most 9,999",
        u64::from(basic_users) + 1
    )
}

/// Why a user cannot be given a Revenue Accelerator (ZRA) license (SAML-16).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZraRefusal {
    /// The user's meeting data transit and residency is On-Prem (a per-user setting).
    OnPremResidency,
    /// Only licensed users can be assigned ZRA.
    NotLicensed,
}

/// SAML-16 (and, by SCIM-03's Assumption, SCIM): whether a user of `license`, with or without
/// On-Prem meeting data residency, may be given ZRA; the On-Prem residency is checked first.
pub fn zra_refusal(license: LicenseType, on_prem_data_residency: bool) -> Option<ZraRefusal> {
    if on_prem_data_residency {
        Some(ZraRefusal::OnPremResidency)
    } else if license != LicenseType::Licensed {
        Some(ZraRefusal::NotLicensed)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lic_09_only_a_new_or_downgraded_basic_user_at_the_limit_crosses_it() {
        let full = MAX_BASIC_USERS;
        assert!(basic_limit_crossed(None, LicenseType::Basic, full));
        assert!(basic_limit_crossed(
            Some(LicenseType::Licensed),
            LicenseType::Basic,
            full
        ));
        assert!(!basic_limit_crossed(
            Some(LicenseType::Basic),
            LicenseType::Basic,
            full
        ));
        assert!(!basic_limit_crossed(None, LicenseType::Licensed, full));
        assert!(!basic_limit_crossed(None, LicenseType::Basic, full - 1));
        assert!(over_basic_limit(10_000));
        assert!(!over_basic_limit(9_999));
        assert_eq!(
            basic_limit_message("a@x.com", full),
            "making a@x.com a Basic user takes the account to 10000 Basic users: Zoom allows at most 9,999"
        );
    }

    #[test]
    fn saml_16_on_prem_residency_is_checked_before_the_license() {
        assert_eq!(
            zra_refusal(LicenseType::Basic, true),
            Some(ZraRefusal::OnPremResidency)
        );
        assert_eq!(
            zra_refusal(LicenseType::Basic, false),
            Some(ZraRefusal::NotLicensed)
        );
        assert_eq!(
            zra_refusal(LicenseType::OnPrem, false),
            Some(ZraRefusal::NotLicensed)
        );
        assert_eq!(zra_refusal(LicenseType::Licensed, false), None);
    }
}
