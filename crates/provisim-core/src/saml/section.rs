//! The sections of Advanced Information Mapping, in the processing order of SAML-02, with what each
//! one does, which plan it needs, and which resulting values it accepts.

use crate::model::{license_key, Account, Plan};
use crate::rules::{self, RuleId};
use crate::settings::Settings;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A section of Advanced Information Mapping. The declaration order **is** the processing order
/// (SAML-02): the order seed 001 lists them, License Assignment first, Sign in to Sub Account before
/// the sections it keeps from sub-account users, a section listed twice at its first position.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    License,
    Webinar,
    LargeMeeting,
    TranslatedCaptions,
    WorkforceManagement,
    QualityManagement,
    Scheduler,
    VisitorManagement,
    WorkplaceForClinicians,
    CustomAiCompanion,
    EventsUnlimited,
    SessionsPayPerAttendee,
    EventsPayPerAttendee,
    RevenueAccelerator,
    Whiteboard,
    SubAccount,
    UserRole,
    UserGroup,
    UserGroupAdmin,
    Channel,
    RecordingLocation,
    ZoomRoomsAdmin,
    ContactGroup,
    PhoneCallingPlan,
    PhoneRole,
    PhoneSite,
    ClipsPlus,
    MailAndCalendar,
    Docs,
    CustomAvatars,
    ComplianceManagement,
    Division,
    WorkplaceForFrontline,
    AutoDialerPlus,
    ZraRole,
    CcRole,
    CcPackage,
    CcAddons,
    CcTeam,
    CcSupervisor,
    CcRegion,
    CcNewUserTemplate,
}

/// What a section does with a match, and without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SectionKind {
    /// SAML-10, 11, 12.
    License,
    /// SAML-13, 14 (SAML-05 for Webinar and Large Meeting; SAML-42 for WFM and QM).
    AddOn,
    /// SAML-17: a match assigns; no match leaves it.
    ListedLicense,
    /// SAML-16.
    RevenueAccelerator,
    /// SAML-15.
    Whiteboard,
    /// SAML-20.
    SubAccount,
    /// SAML-21.
    UserRole,
    /// SAML-22.
    UserGroup,
    /// SAML-23, SAML-24: a match overwrites the list; no match leaves it.
    AdminList,
    /// SAML-30.
    CallingPlan,
    /// SAML-32.
    PhoneSite,
    /// SAML-40, 41.
    CcNewUserTemplate,
    /// No documented special semantics: a match sets the value; no match leaves it (SAML-17's Assumption).
    Plain,
}

impl Section {
    pub const ALL: [Section; 42] = [
        Section::License,
        Section::Webinar,
        Section::LargeMeeting,
        Section::TranslatedCaptions,
        Section::WorkforceManagement,
        Section::QualityManagement,
        Section::Scheduler,
        Section::VisitorManagement,
        Section::WorkplaceForClinicians,
        Section::CustomAiCompanion,
        Section::EventsUnlimited,
        Section::SessionsPayPerAttendee,
        Section::EventsPayPerAttendee,
        Section::RevenueAccelerator,
        Section::Whiteboard,
        Section::SubAccount,
        Section::UserRole,
        Section::UserGroup,
        Section::UserGroupAdmin,
        Section::Channel,
        Section::RecordingLocation,
        Section::ZoomRoomsAdmin,
        Section::ContactGroup,
        Section::PhoneCallingPlan,
        Section::PhoneRole,
        Section::PhoneSite,
        Section::ClipsPlus,
        Section::MailAndCalendar,
        Section::Docs,
        Section::CustomAvatars,
        Section::ComplianceManagement,
        Section::Division,
        Section::WorkplaceForFrontline,
        Section::AutoDialerPlus,
        Section::ZraRole,
        Section::CcRole,
        Section::CcPackage,
        Section::CcAddons,
        Section::CcTeam,
        Section::CcSupervisor,
        Section::CcRegion,
        Section::CcNewUserTemplate,
    ];

    /// The key used in scenarios and in the user's maps (`webinar`, `cc_package`, …).
    pub fn key(self) -> &'static str {
        self.facts().0
    }

    /// The name Zoom's admin portal gives the section.
    pub fn label(self) -> &'static str {
        self.facts().1
    }

    pub fn kind(self) -> SectionKind {
        self.facts().2
    }

    /// The plan the account must hold for the section to exist (SAML-07).
    pub fn plan(self) -> Option<Plan> {
        self.facts().3
    }

    /// SAML-07: whether the section exists on the account (it needs no plan, or the account holds
    /// it). The engine and the lint both ask this.
    pub fn available_on(self, account: &Account) -> bool {
        self.plan().is_none_or(|plan| account.plans.contains(&plan))
    }

    /// SAML-13: whether an add-on section that matches nothing removes the add-on. Webinars and
    /// Large Meeting always do (SAML-05); the others as the setting “An add-on is removed when its
    /// section matches nothing” says (an Assumption). The engine and the lint both ask this.
    pub fn removes_on_no_match(self, settings: &Settings) -> bool {
        settings.addon_removal == crate::settings::AddOnRemoval::AllAddOns
            || matches!(self, Section::Webinar | Section::LargeMeeting)
    }

    /// SAML-42 (a Conflict): whether the section is inert because WFM and QM are not assigned
    /// through SAML (the setting “WFM and QM can be assigned through SAML” off). The engine and the
    /// lint both ask this.
    pub fn inert_by_setting(self, settings: &Settings) -> bool {
        matches!(
            self,
            Section::WorkforceManagement | Section::QualityManagement
        ) && !settings.wfm_qm_through_saml
    }

    /// The rule that documents the section's behaviour.
    pub fn rule(self) -> RuleId {
        match self {
            Section::Webinar | Section::LargeMeeting => rules::SAML_05,
            Section::WorkforceManagement | Section::QualityManagement => rules::SAML_42,
            _ => match self.kind() {
                SectionKind::License => rules::SAML_10,
                SectionKind::AddOn => rules::SAML_13,
                SectionKind::ListedLicense | SectionKind::Plain if self.is_contact_center() => {
                    rules::SAML_40
                }
                SectionKind::ListedLicense | SectionKind::Plain => rules::SAML_17,
                SectionKind::RevenueAccelerator => rules::SAML_16,
                SectionKind::Whiteboard => rules::SAML_15,
                SectionKind::SubAccount => rules::SAML_20,
                SectionKind::UserRole => rules::SAML_21,
                SectionKind::UserGroup => rules::SAML_22,
                SectionKind::AdminList if self == Section::ZoomRoomsAdmin => rules::SAML_24,
                SectionKind::AdminList => rules::SAML_23,
                SectionKind::CallingPlan => rules::SAML_30,
                SectionKind::PhoneSite => rules::SAML_32,
                SectionKind::CcNewUserTemplate => rules::SAML_41,
            },
        }
    }

    pub fn is_contact_center(self) -> bool {
        matches!(
            self,
            Section::CcRole
                | Section::CcPackage
                | Section::CcAddons
                | Section::CcTeam
                | Section::CcSupervisor
                | Section::CcRegion
                | Section::CcNewUserTemplate
        )
    }

    /// The sections the seeds themselves exempt the owner from (SAML-08: 21, 22, 30).
    pub fn owner_exempt_by_seed(self) -> bool {
        matches!(
            self,
            Section::UserRole | Section::UserGroup | Section::PhoneCallingPlan
        )
    }

    /// The fixed values a section accepts, where it has a fixed list.
    pub fn allowed_values(self) -> Option<&'static [&'static str]> {
        match self {
            Section::License => Some(&["basic", "licensed", "on_prem", "none"]),
            Section::Webinar => Some(&["500", "1000", "3000", "5000", "10000"]),
            Section::LargeMeeting => Some(&["500", "1000"]),
            Section::CcPackage => Some(&["essentials", "premium", "elite"]),
            Section::CcAddons => Some(&["ai_expert_assist"]),
            _ => None,
        }
    }

    /// How many values one rule's result may hold: groups take up to 20 (SAML-22), lists take many.
    pub fn max_values(self) -> usize {
        match self {
            Section::UserGroup => 20,
            Section::UserGroupAdmin | Section::ZoomRoomsAdmin | Section::CcAddons => usize::MAX,
            _ => 1,
        }
    }

    #[allow(clippy::too_many_lines)]
    fn facts(self) -> (&'static str, &'static str, SectionKind, Option<Plan>) {
        use SectionKind as K;
        match self {
            Section::License => ("license", "License Assignment", K::License, None),
            Section::Webinar => ("webinar", "Zoom Webinars", K::AddOn, None),
            Section::LargeMeeting => ("large_meeting", "Large Meeting", K::AddOn, None),
            Section::TranslatedCaptions => (
                "translated_captions",
                "Zoom Translated Captions",
                K::AddOn,
                Some(Plan::TranslatedCaptions),
            ),
            Section::WorkforceManagement => (
                "workforce_management",
                "Zoom Workforce Management",
                K::AddOn,
                Some(Plan::ContactCenter),
            ),
            Section::QualityManagement => (
                "quality_management",
                "Zoom Quality Management",
                K::AddOn,
                Some(Plan::ContactCenter),
            ),
            Section::Scheduler => ("scheduler", "Zoom Scheduler", K::AddOn, None),
            Section::VisitorManagement => {
                ("visitor_management", "Visitor Management", K::AddOn, None)
            }
            Section::WorkplaceForClinicians => (
                "workplace_for_clinicians",
                "Zoom Workplace for Clinicians",
                K::AddOn,
                None,
            ),
            Section::CustomAiCompanion => (
                "custom_ai_companion",
                "Zoom Custom AI Companion",
                K::AddOn,
                None,
            ),
            Section::EventsUnlimited => (
                "events_unlimited",
                "Zoom Events Unlimited",
                K::ListedLicense,
                None,
            ),
            Section::SessionsPayPerAttendee => (
                "sessions_pay_per_attendee",
                "Zoom Sessions - Pay Per Attendee",
                K::ListedLicense,
                None,
            ),
            Section::EventsPayPerAttendee => (
                "events_pay_per_attendee",
                "Zoom Events - Pay Per Attendee",
                K::ListedLicense,
                None,
            ),
            Section::RevenueAccelerator => (
                license_key::REVENUE_ACCELERATOR,
                "Zoom Revenue Accelerator",
                K::RevenueAccelerator,
                Some(Plan::RevenueAccelerator),
            ),
            Section::Whiteboard => (
                license_key::WHITEBOARD,
                "Zoom Whiteboard",
                K::Whiteboard,
                Some(Plan::Whiteboard),
            ),
            Section::SubAccount => ("sub_account", "Sign in to Sub Account", K::SubAccount, None),
            Section::UserRole => ("user_role", "User Role", K::UserRole, None),
            Section::UserGroup => ("user_group", "User Group", K::UserGroup, None),
            Section::UserGroupAdmin => ("user_group_admin", "User Group Admin", K::AdminList, None),
            Section::Channel => ("channel", "Channel", K::Plain, None),
            Section::RecordingLocation => {
                ("recording_location", "Recording Location", K::Plain, None)
            }
            Section::ZoomRoomsAdmin => ("zoom_rooms_admin", "Zoom Rooms Admin", K::AdminList, None),
            Section::ContactGroup => ("contact_group", "Contact Group", K::Plain, None),
            Section::PhoneCallingPlan => (
                "phone_calling_plan",
                "Zoom Phone Calling Plan",
                K::CallingPlan,
                Some(Plan::PhoneCallingPlans),
            ),
            Section::PhoneRole => ("phone_role", "Zoom Phone Role", K::Plain, None),
            Section::PhoneSite => ("phone_site", "Zoom Phone Site", K::PhoneSite, None),
            Section::ClipsPlus => ("clips_plus", "Zoom Clips Plus", K::Plain, None),
            Section::MailAndCalendar => (
                "mail_and_calendar",
                "Zoom Mail and Calendar",
                K::Plain,
                None,
            ),
            Section::Docs => ("docs", "Zoom Docs", K::Plain, None),
            Section::CustomAvatars => ("custom_avatars", "Zoom Custom Avatars", K::Plain, None),
            Section::ComplianceManagement => (
                "compliance_management",
                "Compliance Management",
                K::Plain,
                None,
            ),
            Section::Division => ("division", "Division", K::Plain, None),
            Section::WorkplaceForFrontline => (
                "workplace_for_frontline",
                "Zoom Workplace for Frontline",
                K::Plain,
                None,
            ),
            Section::AutoDialerPlus => {
                ("auto_dialer_plus", "Zoom Auto Dialer Plus", K::Plain, None)
            }
            Section::ZraRole => (
                "zra_role",
                "Zoom Revenue Accelerator Role",
                K::Plain,
                Some(Plan::RevenueAccelerator),
            ),
            Section::CcRole => (
                "cc_role",
                "Zoom Contact Center Role",
                K::Plain,
                Some(Plan::ContactCenter),
            ),
            Section::CcPackage => (
                "cc_package",
                "Zoom Contact Center Package",
                K::Plain,
                Some(Plan::ContactCenter),
            ),
            Section::CcAddons => (
                "cc_addons",
                "Zoom Contact Center Add-ons",
                K::Plain,
                Some(Plan::ContactCenter),
            ),
            Section::CcTeam => (
                "cc_team",
                "Zoom Contact Center Team",
                K::Plain,
                Some(Plan::ContactCenter),
            ),
            Section::CcSupervisor => (
                "cc_supervisor",
                "Zoom Contact Center Supervisor",
                K::Plain,
                Some(Plan::ContactCenter),
            ),
            Section::CcRegion => (
                "cc_region",
                "Zoom Contact Center Region",
                K::Plain,
                Some(Plan::ContactCenter),
            ),
            Section::CcNewUserTemplate => (
                "cc_new_user_template",
                "Zoom Contact Center New User Template",
                K::CcNewUserTemplate,
                Some(Plan::ContactCenter),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn processing_order_follows_seed_001() {
        // SAML-02: License first, add-ons, licenses, Whiteboard, Sub Account, then role and groups.
        let mut sorted = Section::ALL.to_vec();
        sorted.sort();
        assert_eq!(sorted, Section::ALL.to_vec());
        let position = |s: Section| {
            Section::ALL
                .iter()
                .position(|x| *x == s)
                .unwrap_or(usize::MAX)
        };
        assert_eq!(position(Section::License), 0);
        assert!(position(Section::Whiteboard) < position(Section::SubAccount));
        assert!(position(Section::SubAccount) < position(Section::UserRole));
        assert!(position(Section::PhoneSite) < position(Section::ClipsPlus));
        // A section 001 lists twice takes its first position: WFM and QM stay among the add-ons.
        assert!(position(Section::QualityManagement) < position(Section::SubAccount));
        assert_eq!(Section::ALL.last(), Some(&Section::CcNewUserTemplate));
    }

    #[test]
    fn keys_match_the_scenario_format() {
        for section in Section::ALL {
            let json = serde_json::to_value(section).unwrap_or_default();
            assert_eq!(json.as_str(), Some(section.key()), "{section:?}");
        }
    }
}
