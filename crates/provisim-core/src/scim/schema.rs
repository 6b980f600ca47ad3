//! The SCIM schemas provisim knows (RFC 7643 User, the enterprise extension, Zoom's user extension;
//! SCIM-02, SCIM-13): attribute names, types and allowed values, and the check that canonicalises
//! a resource (names to their schema spelling, `"False"` to `false`) or names what is wrong.

use super::ScimError;
use crate::explain::Step;
use crate::input::nearest;
use crate::rules;
use crate::settings::ScimDialect;
use serde_json::{Map, Value};

pub const CORE_USER: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
pub const CORE_GROUP: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
pub const ENTERPRISE: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
pub const ZOOM: &str = "urn:ietf:params:scim:schemas:extension:zoom:1.0:User";
pub const PATCH_OP: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
pub const ERROR: &str = "urn:ietf:params:scim:api:messages:2.0:Error";

/// An attribute's type (RFC 7643 §2.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    String,
    Boolean,
    Integer,
    DateTime,
    Reference,
    Complex(&'static [Attr]),
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::String => "String",
            Kind::Boolean => "Boolean",
            Kind::Integer => "Integer",
            Kind::DateTime => "DateTime",
            Kind::Reference => "Reference",
            Kind::Complex(_) => "Complex",
        }
    }
}

/// One attribute of a schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: &'static str,
    pub kind: Kind,
    pub multi: bool,
    pub read_only: bool,
    /// Canonical values, matched ignoring case; empty: any value.
    pub allowed: &'static [&'static str],
}

const fn a(name: &'static str, kind: Kind) -> Attr {
    Attr {
        name,
        kind,
        multi: false,
        read_only: false,
        allowed: &[],
    }
}
const fn multi(name: &'static str, kind: Kind) -> Attr {
    Attr {
        name,
        kind,
        multi: true,
        read_only: false,
        allowed: &[],
    }
}
const fn ro(attr: Attr) -> Attr {
    Attr {
        read_only: true,
        ..attr
    }
}
const fn one_of(attr: Attr, allowed: &'static [&'static str]) -> Attr {
    Attr { allowed, ..attr }
}

const NAME: &[Attr] = &[
    a("formatted", Kind::String),
    a("familyName", Kind::String),
    a("givenName", Kind::String),
    a("middleName", Kind::String),
    a("honorificPrefix", Kind::String),
    a("honorificSuffix", Kind::String),
];
const PLURAL: &[Attr] = &[
    a("value", Kind::String),
    a("display", Kind::String),
    a("type", Kind::String),
    a("primary", Kind::Boolean),
];
const PHOTO: &[Attr] = &[
    a("value", Kind::Reference),
    a("display", Kind::String),
    a("type", Kind::String),
    a("primary", Kind::Boolean),
];
const ADDRESS: &[Attr] = &[
    a("formatted", Kind::String),
    a("streetAddress", Kind::String),
    a("locality", Kind::String),
    a("region", Kind::String),
    a("postalCode", Kind::String),
    a("country", Kind::String),
    a("type", Kind::String),
    a("primary", Kind::Boolean),
];
const GROUP_REF: &[Attr] = &[
    a("value", Kind::String),
    a("$ref", Kind::Reference),
    a("display", Kind::String),
    a("type", Kind::String),
];
const META: &[Attr] = &[
    a("resourceType", Kind::String),
    a("created", Kind::DateTime),
    a("lastModified", Kind::DateTime),
    a("location", Kind::Reference),
    a("version", Kind::String),
];
const MANAGER: &[Attr] = &[
    a("value", Kind::String),
    a("$ref", Kind::Reference),
    a("displayName", Kind::String),
];
const MEMBER: &[Attr] = &[
    a("value", Kind::String),
    a("$ref", Kind::Reference),
    a("display", Kind::String),
    a("type", Kind::String),
];

/// RFC 7643 §4.1: the core User schema.
pub const USER: &[Attr] = &[
    ro(a("id", Kind::String)),
    a("externalId", Kind::String),
    a("userName", Kind::String),
    a("name", Kind::Complex(NAME)),
    a("displayName", Kind::String),
    a("nickName", Kind::String),
    a("profileUrl", Kind::Reference),
    a("title", Kind::String),
    a("userType", Kind::String),
    a("preferredLanguage", Kind::String),
    a("locale", Kind::String),
    a("timezone", Kind::String),
    a("active", Kind::Boolean),
    a("password", Kind::String),
    multi("emails", Kind::Complex(PLURAL)),
    multi("phoneNumbers", Kind::Complex(PLURAL)),
    multi("ims", Kind::Complex(PLURAL)),
    multi("photos", Kind::Complex(PHOTO)),
    multi("addresses", Kind::Complex(ADDRESS)),
    ro(multi("groups", Kind::Complex(GROUP_REF))),
    multi("entitlements", Kind::Complex(PLURAL)),
    multi("roles", Kind::Complex(PLURAL)),
    multi("x509Certificates", Kind::Complex(PLURAL)),
    ro(a("meta", Kind::Complex(META))),
];

/// RFC 7643 §4.3: the enterprise User extension.
pub const ENTERPRISE_USER: &[Attr] = &[
    a("employeeNumber", Kind::String),
    a("costCenter", Kind::String),
    a("organization", Kind::String),
    a("division", Kind::String),
    a("department", Kind::String),
    a("manager", Kind::Complex(MANAGER)),
];

/// Zoom's user extension (SCIM-03, SCIM-04, SCIM-13).
pub const ZOOM_USER: &[Attr] = &[
    one_of(
        a("userType", Kind::String),
        &["Basic", "Licensed", "On-Prem", "Pro", "Corp"],
    ),
    a("zoomContactCenterRole", Kind::String),
    one_of(
        a("zoomContactCenterPackage", Kind::String),
        &["Essentials", "Premium", "Elite"],
    ),
    one_of(
        multi("zoomContactCenterAddonsPlan", Kind::String),
        &[
            "AI Expert Assist",
            "Workforce Management",
            "Quality Management",
        ],
    ),
    a("zoomContactCenterRegion", Kind::String),
    a("zoomContactCenterUserTemplate", Kind::String),
    a("zoomPhoneExtNumber", Kind::Integer),
    a("zoomPhoneSite", Kind::String),
    a("zoomPhoneCallingPlan", Kind::String),
    a("zoomWhiteboard", Kind::Boolean),
    a("zoomTranslatedCaptions", Kind::Boolean),
    a("zoomWorkforceManagement", Kind::Boolean),
    a("zoomQualityManagement", Kind::Boolean),
    a("zoomScheduler", Kind::Boolean),
    a("zoomClipsPlus", Kind::Boolean),
    a("zoomDocs", Kind::Boolean),
    a("zoomRevenueAccelerator", Kind::Boolean),
    a("zoomRevenueAcceleratorRole", Kind::String),
];

/// RFC 7643 §4.2: the core Group schema.
pub const GROUP: &[Attr] = &[
    ro(a("id", Kind::String)),
    a("externalId", Kind::String),
    a("displayName", Kind::String),
    multi("members", Kind::Complex(MEMBER)),
    ro(a("meta", Kind::Complex(META))),
];

/// The extension schemas a User resource may carry, by URN.
pub const USER_EXTENSIONS: &[(&str, &[Attr])] = &[(ENTERPRISE, ENTERPRISE_USER), (ZOOM, ZOOM_USER)];

/// Finds an attribute ignoring case.
pub fn find(attrs: &'static [Attr], name: &str) -> Option<&'static Attr> {
    attrs.iter().find(|a| a.name.eq_ignore_ascii_case(name))
}

/// The attribute table of an extension URN (ignoring case).
pub fn extension(urn: &str) -> Option<(&'static str, &'static [Attr])> {
    USER_EXTENSIONS
        .iter()
        .find(|(u, _)| u.eq_ignore_ascii_case(urn))
        .copied()
}

/// An "unknown attribute" error naming the nearest known one.
pub fn unknown(
    name: &str,
    attrs: &'static [Attr],
    where_: &str,
    scim_type: &'static str,
) -> ScimError {
    let help = match nearest(name, attrs.iter().map(|a| a.name)) {
        Some(best) => format!("; did you mean `{best}`?"),
        None => String::new(),
    };
    ScimError::new(
        400,
        Some(scim_type),
        format!("unknown attribute `{name}` in {where_}{help}"),
        rules::SCIM_13,
    )
}

/// Checks a User (or Group) resource against its schemas and canonicalises it in place, as RFC
/// 7643 writes resources. Read-only attributes are dropped (with a note) unless `keep_read_only`.
pub fn check_resource(
    resource: &mut Value,
    core: &'static [Attr],
    notes: &mut Vec<Step>,
    keep_read_only: bool,
) -> Result<(), ScimError> {
    check_resource_in(resource, core, ScimDialect::Strict, notes, keep_read_only)
}

/// [`check_resource`] in a dialect: lenient reads a User's extension attribute given at the top
/// level (`"department": …`, as Entra ID's documented create request sends it) as the extension's
/// (SCIM-17).
pub fn check_resource_in(
    resource: &mut Value,
    core: &'static [Attr],
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
    keep_read_only: bool,
) -> Result<(), ScimError> {
    let Value::Object(object) = resource else {
        return Err(ScimError::new(
            400,
            Some("invalidSyntax"),
            "the resource is not a JSON object".to_string(),
            rules::SCIM_01,
        ));
    };
    let taken = std::mem::take(object);
    for (key, mut value) in taken {
        if key.eq_ignore_ascii_case("schemas") {
            object.insert("schemas".to_string(), value);
            continue;
        }
        if key.to_ascii_lowercase().starts_with("urn:") {
            let Some((urn, attrs)) = extension(&key) else {
                let known: Vec<&str> = USER_EXTENSIONS.iter().map(|(u, _)| *u).collect();
                let help = nearest(&key, known.iter().copied())
                    .map(|b| format!("; did you mean `{b}`?"))
                    .unwrap_or_default();
                return Err(ScimError::new(
                    400,
                    Some("invalidValue"),
                    format!("unknown schema extension `{key}`{help}"),
                    rules::SCIM_13,
                ));
            };
            let Value::Object(inner) = &mut value else {
                return Err(ScimError::new(
                    400,
                    Some("invalidValue"),
                    format!("`{urn}` must be an object of attributes"),
                    rules::SCIM_02,
                ));
            };
            let mut checked = Map::new();
            for (name, v) in std::mem::take(inner) {
                let attr =
                    find(attrs, &name).ok_or_else(|| unknown(&name, attrs, urn, "invalidValue"))?;
                checked.insert(
                    attr.name.to_string(),
                    check_value(attr, v, &format!("{urn}:{}", attr.name), notes)?,
                );
            }
            object.insert(urn.to_string(), Value::Object(checked));
            continue;
        }
        let is_user = find(core, "userName").is_some();
        let owner = USER_EXTENSIONS
            .iter()
            .filter(|_| is_user)
            .find_map(|(urn, attrs)| find(attrs, &key).map(|a| (*urn, a)));
        let attr = match (find(core, &key), owner) {
            (Some(attr), _) => attr,
            (None, Some((urn, attr))) if dialect == ScimDialect::Lenient => {
                notes.push(Step::new(rules::SCIM_17, format!(
                    "`{key}` is not a core attribute: read as `{urn}:{}`, as Entra ID means it (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: read as Entra ID means them)",
                    attr.name
                )));
                let checked = check_value(attr, value, &format!("{urn}:{}", attr.name), notes)?;
                let slot = object
                    .entry(urn.to_string())
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(extension) = slot {
                    extension.entry(attr.name.to_string()).or_insert(checked);
                }
                continue;
            }
            (None, Some((urn, attr))) => {
                return Err(ScimError::new(
                    400,
                    Some("invalidValue"),
                    format!(
                        "unknown attribute `{key}` in the core schema: it belongs to `{urn}`, so write `{urn}:{}` (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: refused as RFC 7644 says)",
                        attr.name
                    ),
                    rules::SCIM_17,
                ))
            }
            (None, None) => return Err(unknown(&key, core, "the core schema", "invalidValue")),
        };
        if attr.read_only && !keep_read_only {
            notes.push(Step::new(
                rules::SCIM_02,
                format!("`{}` is read-only: the value sent is ignored", attr.name),
            ));
            continue;
        }
        let checked = check_value(attr, value, attr.name, notes)?;
        object.insert(attr.name.to_string(), checked);
    }
    Ok(())
}

/// Checks (and canonicalises) one attribute's value.
pub fn check_value(
    attr: &Attr,
    value: Value,
    at: &str,
    notes: &mut Vec<Step>,
) -> Result<Value, ScimError> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    if attr.multi {
        let items = match value {
            Value::Array(items) => items,
            // A lone string of a multi-valued string attribute: comma-separated values, as IdPs send them.
            Value::String(s) if attr.kind == Kind::String => s
                .split(',')
                .map(|p| Value::String(p.trim().to_string()))
                .filter(|v| v != "")
                .collect(),
            single => {
                notes.push(Step::new(
                    rules::SCIM_02,
                    format!(
                        "`{at}` is multi-valued: the single value sent is taken as a list of one"
                    ),
                ));
                vec![single]
            }
        };
        // RFC 7643 §2.5: a null value is unassigned, inside a list as anywhere.
        let nulls = items.iter().filter(|v| v.is_null()).count();
        if nulls > 0 {
            notes.push(Step::new(
                rules::SCIM_20,
                format!(
                    "`{at}`: {} in the list {} unassigned (RFC 7643 §2.5), so left out",
                    crate::explain::count(nulls as u64, "null", "nulls"),
                    if nulls == 1 { "is" } else { "are" }
                ),
            ));
        }
        let checked: Result<Vec<Value>, ScimError> = items
            .into_iter()
            .filter(|v| !v.is_null())
            .map(|v| check_single(attr, v, at))
            .collect();
        return checked.map(Value::Array);
    }
    check_single(attr, value, at)
}

fn type_error(at: &str, attr: &Attr, value: &Value) -> ScimError {
    let got = match value {
        Value::Null => "null",
        Value::Bool(_) => "Boolean",
        Value::Number(_) => "Number",
        Value::String(_) => "String",
        Value::Array(_) => "array",
        Value::Object(_) => "Complex",
    };
    ScimError::new(
        400,
        Some("invalidValue"),
        format!(
            "attribute `{at}` is {}, but the value sent is {got} `{value}`",
            attr.kind.name()
        ),
        rules::SCIM_02,
    )
}

fn check_single(attr: &Attr, value: Value, at: &str) -> Result<Value, ScimError> {
    match attr.kind {
        Kind::Boolean => match &value {
            Value::Bool(_) => Ok(value),
            // SCIM-02 / SCIM-14: Entra ID without its compliance flag sends booleans as strings.
            Value::String(s) if s.eq_ignore_ascii_case("true") => Ok(Value::Bool(true)),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Ok(Value::Bool(false)),
            _ => Err(type_error(at, attr, &value)),
        },
        Kind::Integer => match &value {
            Value::Number(n) if n.is_i64() || n.is_u64() => Ok(value),
            // SCIM-14: an integer sent as a string is read as the Integer it is, and held (and
            // answered) as one.
            Value::String(s) => match s.trim().parse::<i64>() {
                Ok(n) => Ok(Value::from(n)),
                Err(_) => Err(type_error(at, attr, &value)),
            },
            _ => Err(type_error(at, attr, &value)),
        },
        Kind::String | Kind::DateTime | Kind::Reference => match &value {
            Value::String(s) => canonical(attr, s, at).map(Value::String),
            _ => Err(type_error(at, attr, &value)),
        },
        Kind::Complex(subs) => {
            let Value::Object(object) = value else {
                return Err(type_error(at, attr, &value));
            };
            let mut checked = Map::new();
            for (name, v) in object {
                // RFC 7643 §2.5: a null sub-attribute is unassigned (`"$ref": null`, `"country": null`).
                if v.is_null() {
                    continue;
                }
                let sub = find(subs, &name)
                    .ok_or_else(|| unknown(&name, subs, &format!("`{at}`"), "invalidValue"))?;
                checked.insert(
                    sub.name.to_string(),
                    check_single(sub, v, &format!("{at}.{}", sub.name))?,
                );
            }
            Ok(Value::Object(checked))
        }
    }
}

/// A value of an attribute with allowed values, spelled as the schema spells it.
fn canonical(attr: &Attr, value: &str, at: &str) -> Result<String, ScimError> {
    if attr.allowed.is_empty() {
        return Ok(value.to_string());
    }
    if let Some(known) = attr
        .allowed
        .iter()
        .find(|v| v.eq_ignore_ascii_case(value.trim()))
    {
        return Ok((*known).to_string());
    }
    let list = attr
        .allowed
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = nearest(value, attr.allowed.iter().copied())
        .map(|b| format!("did you mean `{b}`? "))
        .unwrap_or_default();
    Err(ScimError::new(
        400,
        Some("invalidValue"),
        format!("`{value}` is not a value of `{at}`: {help}valid values: {list}"),
        rules::SCIM_13,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check(mut v: Value) -> Result<Value, ScimError> {
        let mut notes = Vec::new();
        check_resource(&mut v, USER, &mut notes, false).map(|_| v)
    }

    #[test]
    fn names_are_canonicalised_and_string_booleans_read() {
        // SCIM-02: boolean strings are read case-insensitively.
        let v = check(json!({"USERNAME": "a", "active": "False", "urn:ietf:params:scim:schemas:extension:zoom:1.0:User": {"zoomwhiteboard": "TRUE"}})).unwrap();
        assert_eq!(v["userName"], "a");
        assert_eq!(v["active"], false);
        assert_eq!(v[ZOOM]["zoomWhiteboard"], true);
    }

    #[test]
    fn type_mismatch_names_both_types() {
        let e = check(json!({"active": 3})).unwrap_err();
        assert_eq!(
            e.detail,
            "attribute `active` is Boolean, but the value sent is Number `3`"
        );
        assert_eq!(e.scim_type, Some("invalidValue"));
    }

    #[test]
    fn unknown_zoom_attribute_names_the_closest() {
        // SCIM-13.
        let e = check(json!({"urn:ietf:params:scim:schemas:extension:zoom:1.0:User": {"zoomContactCenterPakage": "Elite"}})).unwrap_err();
        assert!(
            e.detail
                .contains("did you mean `zoomContactCenterPackage`?"),
            "{}",
            e.detail
        );
        let e = check(json!({"urn:ietf:params:scim:schemas:extension:zoom:1.0:User": {"zoomContactCenterPackage": "Elit"}})).unwrap_err();
        assert!(e.detail.contains("did you mean `Elite`?"), "{}", e.detail);
    }
}
