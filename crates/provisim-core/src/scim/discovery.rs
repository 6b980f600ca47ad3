//! What Zoom's SCIM endpoint supports, in one description (SCIM-18), and the discovery endpoints
//! of RFC 7644 §4 answered from it: `/ServiceProviderConfig`, `/ResourceTypes`, `/Schemas`. The
//! engine reads the same description (page size, sorting, versions, bulk limits).

use super::schema::{self, Attr, Kind};
use super::ScimError;
use crate::rules;
use crate::settings::Settings;
use serde_json::{json, Map, Value};

/// Where Zoom's SCIM resources live (SCIM-01: `/scim2`, the base seed 003 gives).
pub const BASE: &str = "https://api.zoom.us/scim2";

/// Zoom's endpoint as the simulator models it. Documented: PATCH and filters; the rest is the
/// Assumption of SCIM-18 (bulk is a setting).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Endpoint {
    pub patch: bool,
    pub filter: bool,
    /// The most resources one list page holds (RFC 7644 §3.4.2.4).
    pub max_results: usize,
    pub sort: bool,
    pub etag: bool,
    pub change_password: bool,
    pub bulk: bool,
    pub bulk_max_operations: usize,
    pub bulk_max_payload: usize,
}

impl Endpoint {
    /// The description under the scenario's settings.
    pub fn new(settings: &Settings) -> Endpoint {
        Endpoint {
            patch: true,
            filter: true,
            max_results: 100,
            sort: false,
            etag: true,
            change_password: false,
            bulk: settings.scim_bulk,
            bulk_max_operations: 1000,
            bulk_max_payload: 1_048_576,
        }
    }

    /// `GET /ServiceProviderConfig` (RFC 7643 §5).
    pub fn service_provider_config(&self) -> Value {
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
            "documentationUri": "https://developers.zoom.us/docs/api/scim/",
            "patch": {"supported": self.patch},
            "bulk": {"supported": self.bulk, "maxOperations": if self.bulk { self.bulk_max_operations } else { 0 }, "maxPayloadSize": if self.bulk { self.bulk_max_payload } else { 0 }},
            "filter": {"supported": self.filter, "maxResults": self.max_results},
            "changePassword": {"supported": self.change_password},
            "sort": {"supported": self.sort},
            "etag": {"supported": self.etag},
            "authenticationSchemes": [{
                "type": "oauthbearertoken",
                "name": "OAuth Bearer Token",
                "description": "Authentication with an OAuth 2.0 bearer token (SCIM-16: Entra ID's Zoom connector needs OAuth)",
                "primary": true
            }],
            "meta": {"resourceType": "ServiceProviderConfig", "location": format!("{BASE}/ServiceProviderConfig")}
        })
    }
}

/// The resource types (RFC 7643 §6).
pub fn resource_types() -> Vec<Value> {
    vec![
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "User",
            "name": "User",
            "endpoint": "/Users",
            "description": "User Account",
            "schema": schema::CORE_USER,
            "schemaExtensions": [
                {"schema": schema::ENTERPRISE, "required": false},
                {"schema": schema::ZOOM, "required": false}
            ],
            "meta": {"resourceType": "ResourceType", "location": format!("{BASE}/ResourceTypes/User")}
        }),
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
            "id": "Group",
            "name": "Group",
            "endpoint": "/Groups",
            "description": "Group",
            "schema": schema::CORE_GROUP,
            "meta": {"resourceType": "ResourceType", "location": format!("{BASE}/ResourceTypes/Group")}
        }),
    ]
}

/// The schemas (RFC 7643 §7), written from the attribute tables the engine checks resources with.
pub fn schemas() -> Vec<Value> {
    [
        (schema::CORE_USER, "User", "User Account", schema::USER),
        (schema::CORE_GROUP, "Group", "Group", schema::GROUP),
        (
            schema::ENTERPRISE,
            "EnterpriseUser",
            "Enterprise User",
            schema::ENTERPRISE_USER,
        ),
        (schema::ZOOM, "ZoomUser", "Zoom User", schema::ZOOM_USER),
    ]
    .into_iter()
    .map(|(id, name, description, attrs)| {
        json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
            "id": id,
            "name": name,
            "description": description,
            "attributes": attrs.iter().map(|a| attribute(a, id == schema::CORE_USER)).collect::<Vec<_>>(),
            "meta": {"resourceType": "Schema", "location": format!("{BASE}/Schemas/{id}")}
        })
    })
    .collect()
}

fn attribute(attr: &Attr, user: bool) -> Value {
    let mut out = Map::new();
    let kind = match attr.kind {
        Kind::String => "string",
        Kind::Boolean => "boolean",
        Kind::Integer => "integer",
        Kind::DateTime => "dateTime",
        Kind::Reference => "reference",
        Kind::Complex(_) => "complex",
    };
    let user_name = user && attr.name == "userName";
    out.insert("name".into(), json!(attr.name));
    out.insert("type".into(), json!(kind));
    out.insert("multiValued".into(), json!(attr.multi));
    out.insert("required".into(), json!(user_name));
    out.insert("caseExact".into(), json!(attr.name == "id"));
    if !attr.allowed.is_empty() {
        out.insert("canonicalValues".into(), json!(attr.allowed));
    }
    out.insert(
        "mutability".into(),
        json!(if attr.read_only {
            "readOnly"
        } else if attr.name == "password" {
            "writeOnly"
        } else {
            "readWrite"
        }),
    );
    out.insert(
        "returned".into(),
        json!(match attr.name {
            "id" => "always",
            "password" => "never",
            _ => "default",
        }),
    );
    out.insert(
        "uniqueness".into(),
        json!(if user_name || attr.name == "id" {
            "server"
        } else {
            "none"
        }),
    );
    if kind == "reference" {
        out.insert("referenceTypes".into(), json!(["external"]));
    }
    if let Kind::Complex(subs) = attr.kind {
        out.insert(
            "subAttributes".into(),
            Value::Array(subs.iter().map(|s| attribute(s, false)).collect()),
        );
    }
    Value::Object(out)
}

/// One discovery resource by id (`/ResourceTypes/User`, `/Schemas/{urn}`), or 404.
pub fn one(all: Vec<Value>, id: &str, what: &str) -> Result<Value, ScimError> {
    let ids: Vec<String> = all
        .iter()
        .filter_map(|v| v.get("id").and_then(Value::as_str).map(str::to_string))
        .collect();
    all.into_iter()
        .find(|v| {
            v.get("id")
                .and_then(Value::as_str)
                .is_some_and(|i| i.eq_ignore_ascii_case(id))
        })
        .ok_or_else(|| {
            ScimError::new(
                404,
                None,
                format!("no {what} `{id}`: the endpoint has {}", ids.join(", ")),
                rules::SCIM_18,
            )
        })
}
