//! The columns of a Contact Center bulk CSV (CSV-01) as Zoom names them, and how each cell reads,
//! validates and writes the user's setting. A cell's canonical text is what the safe CSV writes.

use crate::license::Package;
use crate::model::ContactCenter;

/// The column naming the user.
pub const EMAIL_HEADER: &str = "Email";

/// A setting a CSV column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Role,
    Package,
    Addons,
    ClientIntegrations,
    AgentQueues,
    SupervisorQueues,
    Skills,
    Region,
    VoiceVideoCapacity,
    EmailLoad,
    MaxMessagingEngagements,
    MessagingLoad,
    Access,
}

/// A column: Zoom's header, other spellings accepted, and its setting.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub header: &'static str,
    aliases: &'static [&'static str],
    pub field: Field,
}

/// The columns of CSV-01, in Zoom's order.
pub const COLUMNS: [Column; 13] = [
    col("Role", &[], Field::Role),
    col("License (Package)", &["license", "package"], Field::Package),
    col("Add-ons", &["addons", "add ons"], Field::Addons),
    col(
        "Client Integrations",
        &["client integrations (crm enablement)", "crm enablement"],
        Field::ClientIntegrations,
    ),
    col("Agent Queues", &[], Field::AgentQueues),
    col("Supervisor Queues", &[], Field::SupervisorQueues),
    col("Skills", &[], Field::Skills),
    col("Region", &[], Field::Region),
    col(
        "Voice and Video Engagement Capacity",
        &[],
        Field::VoiceVideoCapacity,
    ),
    col("Email Load to Accept Calls", &[], Field::EmailLoad),
    col(
        "Maximum Concurrent Messaging Engagements",
        &[],
        Field::MaxMessagingEngagements,
    ),
    col("Messaging Load to Accept Calls", &[], Field::MessagingLoad),
    col(
        "User Access to Contact Center",
        &["user access"],
        Field::Access,
    ),
];

const fn col(header: &'static str, aliases: &'static [&'static str], field: Field) -> Column {
    Column {
        header,
        aliases,
        field,
    }
}

/// The Contact Center add-ons by their CSV label and key.
const ADDONS: [(&str, &str); 3] = [
    ("AI Expert Assist", "ai_expert_assist"),
    ("Workforce Management", "workforce_management"),
    ("Quality Management", "quality_management"),
];

/// A header as compared: lowercase, single spaces.
pub fn normalise(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

pub fn is_email(key: &str) -> bool {
    matches!(key, "email" | "user email" | "email address")
}

/// The column with this (normalised) header or alias.
pub fn find(key: &str) -> Option<&'static Column> {
    COLUMNS
        .iter()
        .find(|c| normalise(c.header) == key || c.aliases.contains(&key))
}

/// `` `Role`, `License (Package)`, … `` for help texts.
pub fn list() -> String {
    COLUMNS
        .iter()
        .map(|c| format!("`{}`", c.header))
        .collect::<Vec<_>>()
        .join(", ")
}

fn split(cell: &str, separator: &str) -> Vec<String> {
    let parts: Vec<&str> = if separator.is_empty() {
        vec![cell]
    } else {
        cell.split(separator).collect()
    };
    let mut out: Vec<String> = Vec::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        if !out.iter().any(|o| o == part) {
            out.push(part.to_string());
        }
    }
    out
}

fn number(value: Option<u32>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl Field {
    pub fn header(self) -> &'static str {
        COLUMNS
            .iter()
            .find(|c| c.field == self)
            .map_or("", |c| c.header)
    }

    /// The user's field as a JSON pointer.
    pub fn pointer(self) -> &'static str {
        match self {
            Field::Role => "/contact_center/role",
            Field::Package => "/contact_center/package",
            Field::Addons => "/contact_center/addons",
            Field::ClientIntegrations => "/contact_center/client_integrations",
            Field::AgentQueues => "/contact_center/agent_queues",
            Field::SupervisorQueues => "/contact_center/supervisor_queues",
            Field::Skills => "/contact_center/skills",
            Field::Region => "/contact_center/region",
            Field::VoiceVideoCapacity => "/contact_center/voice_video_capacity",
            Field::EmailLoad => "/contact_center/email_load",
            Field::MaxMessagingEngagements => "/contact_center/max_messaging_engagements",
            Field::MessagingLoad => "/contact_center/messaging_load",
            Field::Access => "/contact_center/access_enabled",
        }
    }

    /// Validates a cell (already trimmed) into its canonical text; an empty cell is valid (it
    /// clears the setting, CSV-02). The error is (what is wrong, what would be valid).
    pub fn parse(self, cell: &str, separator: &str) -> Result<String, (String, String)> {
        if cell.is_empty() {
            return Ok(String::new());
        }
        match self {
            Field::Role | Field::Region => Ok(cell.to_string()),
            Field::Package => Package::ALL
                .iter()
                .find(|p| p.label().eq_ignore_ascii_case(cell))
                .map(|p| p.label().to_string())
                .ok_or_else(|| {
                    let labels: Vec<&str> = Package::ALL.iter().map(|p| p.label()).collect();
                    (
                        format!("`{cell}` is not a Contact Center package"),
                        valid(cell, &labels),
                    )
                }),
            Field::Addons => {
                let mut out = Vec::new();
                for item in split(cell, separator) {
                    let Some((label, _)) = ADDONS.iter().find(|(label, key)| {
                        label.eq_ignore_ascii_case(&item) || key.eq_ignore_ascii_case(&item)
                    }) else {
                        let labels: Vec<&str> = ADDONS.iter().map(|(l, _)| *l).collect();
                        return Err((
                            format!("`{item}` is not a Contact Center add-on"),
                            valid(&item, &labels),
                        ));
                    };
                    out.push(*label);
                }
                Ok(out.join(separator))
            }
            Field::ClientIntegrations
            | Field::AgentQueues
            | Field::SupervisorQueues
            | Field::Skills => Ok(split(cell, separator).join(separator)),
            Field::VoiceVideoCapacity
            | Field::EmailLoad
            | Field::MaxMessagingEngagements
            | Field::MessagingLoad => cell.parse::<u32>().map(|n| n.to_string()).map_err(|_| {
                (
                    format!("`{cell}` is not a whole number"),
                    "give a whole number of 0 or more, or leave the cell empty to clear it"
                        .to_string(),
                )
            }),
            Field::Access => match cell.to_ascii_lowercase().as_str() {
                "enabled" | "enable" | "true" | "yes" | "on" => Ok("Enabled".to_string()),
                "disabled" | "disable" | "false" | "no" | "off" => Ok("Disabled".to_string()),
                _ => Err((
                    format!("`{cell}` is neither enabled nor disabled"),
                    "valid values: `Enabled`, `Disabled`".to_string(),
                )),
            },
        }
    }

    /// The user's setting as canonical cell text (empty: not set).
    pub fn read(self, cc: &ContactCenter, separator: &str) -> String {
        match self {
            Field::Role => cc.role.clone().unwrap_or_default(),
            Field::Package => cc
                .package
                .map(|p| p.label().to_string())
                .unwrap_or_default(),
            Field::Addons => cc
                .addons
                .iter()
                .map(|key| {
                    ADDONS
                        .iter()
                        .find(|(_, k)| k == key)
                        .map_or(key.as_str(), |(label, _)| label)
                })
                .collect::<Vec<_>>()
                .join(separator),
            Field::ClientIntegrations => cc.client_integrations.join(separator),
            Field::AgentQueues => cc.agent_queues.join(separator),
            Field::SupervisorQueues => cc.supervisor_queues.join(separator),
            Field::Skills => cc.skills.join(separator),
            Field::Region => cc.region.clone().unwrap_or_default(),
            Field::VoiceVideoCapacity => number(cc.voice_video_capacity),
            Field::EmailLoad => number(cc.email_load),
            Field::MaxMessagingEngagements => number(cc.max_messaging_engagements),
            Field::MessagingLoad => number(cc.messaging_load),
            Field::Access => match cc.access_enabled {
                Some(true) => "Enabled".to_string(),
                Some(false) => "Disabled".to_string(),
                None => String::new(),
            },
        }
    }

    /// Sets the user's setting from canonical cell text; empty text clears it (CSV-02).
    pub fn write(self, cc: &mut ContactCenter, text: &str, separator: &str) {
        let text_opt = (!text.is_empty()).then(|| text.to_string());
        let list = split(text, separator);
        let num = text.parse::<u32>().ok();
        match self {
            Field::Role => cc.role = text_opt,
            Field::Package => {
                cc.package = Package::ALL
                    .into_iter()
                    .find(|p| p.label().eq_ignore_ascii_case(text));
            }
            Field::Addons => {
                cc.addons = list
                    .iter()
                    .filter_map(|item| {
                        ADDONS
                            .iter()
                            .find(|(label, key)| {
                                label.eq_ignore_ascii_case(item) || key.eq_ignore_ascii_case(item)
                            })
                            .map(|(_, key)| (*key).to_string())
                    })
                    .collect();
            }
            Field::ClientIntegrations => cc.client_integrations = list,
            Field::AgentQueues => cc.agent_queues = list,
            Field::SupervisorQueues => cc.supervisor_queues = list,
            Field::Skills => cc.skills = list,
            Field::Region => cc.region = text_opt,
            Field::VoiceVideoCapacity => cc.voice_video_capacity = num,
            Field::EmailLoad => cc.email_load = num,
            Field::MaxMessagingEngagements => cc.max_messaging_engagements = num,
            Field::MessagingLoad => cc.messaging_load = num,
            Field::Access => {
                cc.access_enabled = match text {
                    "Enabled" => Some(true),
                    "Disabled" => Some(false),
                    _ => None,
                }
            }
        }
    }
}

/// `did you mean `X`? valid values: …` for a value outside a fixed list.
fn valid(given: &str, values: &[&str]) -> String {
    let list = values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    match crate::input::nearest(given, values.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? valid values: {list}"),
        None => format!("valid values: {list}"),
    }
}
