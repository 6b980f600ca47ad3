//! PATCH (RFC 7644 §3.5.2): operations parsed as IdPs send them (SCIM-14: `"Replace"` or
//! `"replace"`, with a path or a pathless object of dotted keys) and applied to a resource.

use super::filter::{self, find_key, AttrPath, PatchPath};
use super::schema::{self, Attr, Kind};
use super::ScimError;
use crate::explain::Step;
use crate::rules;
use crate::settings::ScimDialect;
use serde_json::{Map, Value};

/// The operation of a PATCH.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpKind {
    Add,
    Remove,
    Replace,
}

/// One PATCH operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    pub op: OpKind,
    pub path: Option<PatchPath>,
    pub path_text: Option<String>,
    pub value: Option<Value>,
}

/// Parses a PatchOp body; `notes` says how it was read (SCIM-14: ops read case-insensitively, as
/// Entra ID sends them capitalised; a missing schema).
pub fn parse(
    body: &Value,
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
) -> Result<Vec<Operation>, ScimError> {
    let bad = |detail: String| ScimError::new(400, Some("invalidSyntax"), detail, rules::SCIM_01);
    let schemas_ok = find_key(body, "schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter().any(|u| {
                u.as_str()
                    .is_some_and(|u| u.eq_ignore_ascii_case(schema::PATCH_OP))
            })
        });
    if !schemas_ok {
        notes.push(Step::new(
            rules::SCIM_02,
            format!(
                "the body does not list `{}` in `schemas`; read as a PatchOp anyway",
                schema::PATCH_OP
            ),
        ));
    }
    let operations = find_key(body, "Operations")
        .and_then(Value::as_array)
        .ok_or_else(|| bad("a PatchOp needs an `Operations` array".to_string()))?;
    if operations.is_empty() {
        return Err(bad("`Operations` is empty".to_string()));
    }
    let mut capitalised: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for (i, operation) in operations.iter().enumerate() {
        let op_text = find_key(operation, "op")
            .and_then(Value::as_str)
            .ok_or_else(|| bad(format!("operation {i} has no `op`")))?;
        let op = match op_text.to_ascii_lowercase().as_str() {
            "add" => OpKind::Add,
            "remove" => OpKind::Remove,
            "replace" => OpKind::Replace,
            _ => {
                return Err(bad(format!(
                    "operation {i}: `{op_text}` is not a PATCH op (valid: add, remove, replace)"
                )))
            }
        };
        if op_text.chars().next().is_some_and(char::is_uppercase) && !capitalised.contains(&op_text)
        {
            capitalised.push(op_text);
        }
        let path_text = find_key(operation, "path")
            .and_then(Value::as_str)
            .map(str::to_string);
        let path = match &path_text {
            Some(text) => Some(filter::parse_patch_path_with(text, dialect, notes).map_err(
                |e| {
                    ScimError::new(
                        400,
                        Some("invalidPath"),
                        format!("operation {i}: path `{text}`: {e}"),
                        rules::SCIM_01,
                    )
                },
            )?),
            None => None,
        };
        let value = find_key(operation, "value").cloned();
        if op != OpKind::Remove && value.is_none() {
            return Err(bad(format!("operation {i} (`{op_text}`) has no `value`")));
        }
        if op == OpKind::Remove && path.is_none() {
            return Err(ScimError::new(
                400,
                Some("noTarget"),
                format!("operation {i}: `remove` needs a `path`"),
                rules::SCIM_01,
            ));
        }
        out.push(Operation {
            op,
            path,
            path_text,
            value,
        });
    }
    if !capitalised.is_empty() {
        let sent: Vec<String> = capitalised.iter().map(|o| format!("`{o}`")).collect();
        notes.push(Step::new(rules::SCIM_14, format!(
            "capitalised {} ({}) as Entra ID sends them without its SCIM-compliance flag: read as lowercase (SCIM-14)",
            if sent.len() == 1 { "op" } else { "ops" },
            sent.join(", ")
        )));
    }
    Ok(out)
}

/// Applies operations in order to a resource whose core schema is `core`.
pub fn apply(
    resource: &mut Value,
    operations: &[Operation],
    core: &'static [Attr],
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
) -> Result<(), ScimError> {
    for operation in operations {
        match (&operation.path, &operation.value) {
            (Some(path), value) => apply_path(
                resource,
                operation.op,
                path,
                value.as_ref(),
                core,
                dialect,
                notes,
            )?,
            (None, Some(Value::Object(attributes))) => {
                for (key, value) in attributes {
                    apply_key(resource, operation.op, key, value, core, dialect, notes)?;
                }
            }
            (None, _) => {
                return Err(ScimError::new(
                    400,
                    Some("invalidValue"),
                    "without a path, the value must be an object of attributes".to_string(),
                    rules::SCIM_01,
                ))
            }
        }
    }
    Ok(())
}

/// A key of a pathless add/replace: an attribute, an extension URN holding attributes, or a path
/// (Entra ID's compliant style sends `"name.givenName"` and URN-qualified keys, SCIM-14).
fn apply_key(
    resource: &mut Value,
    op: OpKind,
    key: &str,
    value: &Value,
    core: &'static [Attr],
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
) -> Result<(), ScimError> {
    if let Some((urn, _)) = schema::extension(key) {
        let Value::Object(attributes) = value else {
            return Err(ScimError::new(
                400,
                Some("invalidValue"),
                format!("`{urn}` must be an object of attributes"),
                rules::SCIM_02,
            ));
        };
        for (name, v) in attributes {
            let path = PatchPath {
                attr: AttrPath {
                    urn: Some(urn.to_string()),
                    name: name.clone(),
                    sub: None,
                },
                filter: None,
                sub_after_filter: None,
            };
            apply_path(resource, op, &path, Some(v), core, dialect, notes)?;
        }
        return Ok(());
    }
    let path = filter::parse_patch_path_with(key, dialect, notes).map_err(|e| {
        ScimError::new(
            400,
            Some("invalidPath"),
            format!("`{key}`: {e}"),
            rules::SCIM_01,
        )
    })?;
    apply_path(resource, op, &path, Some(value), core, dialect, notes)
}

fn attr_for(
    path: &AttrPath,
    core: &'static [Attr],
) -> Result<(&'static Attr, Option<&'static str>), ScimError> {
    match &path.urn {
        Some(urn) => {
            let (urn, attrs) = schema::extension(urn).ok_or_else(|| {
                ScimError::new(
                    400,
                    Some("invalidPath"),
                    format!("unknown schema extension `{urn}`"),
                    rules::SCIM_13,
                )
            })?;
            let attr = schema::find(attrs, &path.name)
                .ok_or_else(|| schema::unknown(&path.name, attrs, urn, "invalidPath"))?;
            Ok((attr, Some(urn)))
        }
        None => {
            if path.name.eq_ignore_ascii_case("schemas") {
                return Err(ScimError::new(
                    400,
                    Some("mutability"),
                    "`schemas` cannot be patched".to_string(),
                    rules::SCIM_01,
                ));
            }
            let attr = schema::find(core, &path.name).ok_or_else(|| {
                schema::unknown(&path.name, core, "the core schema", "invalidPath")
            })?;
            Ok((attr, None))
        }
    }
}

/// The object holding the attribute (the resource, or its extension object), created on demand.
fn container<'v>(
    resource: &'v mut Value,
    urn: Option<&str>,
    create: bool,
) -> Option<&'v mut Map<String, Value>> {
    let object = resource.as_object_mut()?;
    match urn {
        None => Some(object),
        Some(urn) => {
            let key = object
                .keys()
                .find(|k| k.eq_ignore_ascii_case(urn))
                .cloned()
                .unwrap_or_else(|| urn.to_string());
            if !object.contains_key(&key) {
                if !create {
                    return None;
                }
                object.insert(key.clone(), Value::Object(Map::new()));
            }
            object.get_mut(&key)?.as_object_mut()
        }
    }
}

/// Takes a key of `object` ignoring case, renaming it to the schema spelling.
fn canonical_key(object: &mut Map<String, Value>, name: &'static str) {
    if object.contains_key(name) {
        return;
    }
    if let Some(existing) = object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
    {
        if let Some(v) = object.remove(&existing) {
            object.insert(name.to_string(), v);
        }
    }
}

fn apply_path(
    resource: &mut Value,
    op: OpKind,
    path: &PatchPath,
    value: Option<&Value>,
    core: &'static [Attr],
    dialect: ScimDialect,
    notes: &mut Vec<Step>,
) -> Result<(), ScimError> {
    let (attr, urn) = attr_for(&path.attr, core)?;
    // Entra ID sends a single-valued complex attribute as a list of one (`"path": "manager",
    // "value": [{"value": "…"}]`, SCIM-17): lenient takes the one value; strict leaves the list,
    // which the schema check then refuses.
    let single;
    let value = match value {
        Some(Value::Array(items))
            if !attr.multi
                && items.len() == 1
                && matches!(attr.kind, Kind::Complex(_))
                && dialect == ScimDialect::Lenient =>
        {
            notes.push(Step::new(rules::SCIM_17, format!(
                "`{}` is single-valued: the list of one value sent is read as that value, as Entra ID means it (SCIM-17, setting “Requests that break RFC 7644 the way Entra ID's documented ones do are”: read as Entra ID means them)",
                attr.name
            )));
            single = items.first().cloned();
            single.as_ref()
        }
        other => other,
    };
    if attr.read_only {
        return Err(ScimError::new(
            400,
            Some("mutability"),
            format!("`{}` is read-only", attr.name),
            rules::SCIM_01,
        ));
    }
    let shown = path.attr.to_string();
    let Some(object) = container(resource, urn, op != OpKind::Remove) else {
        return Ok(());
    };
    canonical_key(object, attr.name);
    let sub = path
        .attr
        .sub
        .as_deref()
        .or(path.sub_after_filter.as_deref());
    let sub_attr = match (sub, attr.kind) {
        (None, _) => None,
        (Some(sub), Kind::Complex(subs)) => Some(schema::find(subs, sub).ok_or_else(|| {
            schema::unknown(sub, subs, &format!("`{}`", attr.name), "invalidPath")
        })?),
        (Some(sub), _) => {
            return Err(ScimError::new(
                400,
                Some("invalidPath"),
                format!("`{}` has no sub-attribute `{sub}`", attr.name),
                rules::SCIM_01,
            ))
        }
    };

    if let Some(filter) = &path.filter {
        if !attr.multi {
            return Err(ScimError::new(
                400,
                Some("invalidFilter"),
                format!("`{}` is not multi-valued: it takes no filter", attr.name),
                rules::SCIM_01,
            ));
        }
        let items = object
            .entry(attr.name.to_string())
            .or_insert_with(|| Value::Array(Vec::new()));
        if !items.is_array() {
            *items = Value::Array(vec![items.take()]);
        }
        let Value::Array(items) = items else {
            return Ok(());
        };
        let hits: Vec<usize> = items
            .iter()
            .enumerate()
            .filter(|(_, v)| filter::matches(filter, v))
            .map(|(i, _)| i)
            .collect();
        match (op, sub_attr) {
            (OpKind::Remove, None) => {
                let mut i = 0;
                items.retain(|_| {
                    let keep = !hits.contains(&i);
                    i += 1;
                    keep
                });
            }
            (OpKind::Remove, Some(sub)) => {
                for i in &hits {
                    if let Some(Value::Object(item)) = items.get_mut(*i) {
                        item.retain(|k, _| !k.eq_ignore_ascii_case(sub.name));
                    }
                }
            }
            (_, _) if hits.is_empty() && op == OpKind::Replace => {
                return Err(ScimError::new(
                    400,
                    Some("noTarget"),
                    format!(
                        "no value of `{}` matches the filter of `{}`",
                        attr.name,
                        path_display(path)
                    ),
                    rules::SCIM_01,
                ));
            }
            (_, Some(sub)) if hits.is_empty() => {
                // `add` to a value path that matches nothing: a new value built from the filter's
                // equality tests and the sub-attribute (what IdPs expect for `emails[type eq "work"].value`).
                let mut item = Map::new();
                seed_from_filter(filter, &mut item);
                item.insert(sub.name.to_string(), value.cloned().unwrap_or(Value::Null));
                notes.push(Step::new(
                    rules::SCIM_02,
                    format!(
                        "`{}` matched no value: a new one is added",
                        path_display(path)
                    ),
                ));
                items.push(Value::Object(item));
            }
            (_, Some(sub)) => {
                for i in &hits {
                    if let Some(Value::Object(item)) = items.get_mut(*i) {
                        item.retain(|k, _| !k.eq_ignore_ascii_case(sub.name));
                        item.insert(sub.name.to_string(), value.cloned().unwrap_or(Value::Null));
                    }
                }
            }
            (_, None) => {
                let new = value.cloned().unwrap_or(Value::Null);
                if hits.is_empty() {
                    items.push(new);
                } else {
                    for i in &hits {
                        if let Some(item) = items.get_mut(*i) {
                            *item = new.clone();
                        }
                    }
                }
            }
        }
        return Ok(());
    }

    match (op, sub_attr) {
        (OpKind::Remove, None) => {
            match (value, attr.multi) {
                // Remove listed values of a multi-valued attribute (how IdPs remove group members).
                (Some(Value::Array(gone)), true) => {
                    if let Some(Value::Array(items)) = object.get_mut(attr.name) {
                        items.retain(|item| !gone.iter().any(|g| same_value(item, g)));
                    }
                }
                _ => {
                    object.remove(attr.name);
                }
            }
        }
        (OpKind::Remove, Some(sub)) => match object.get_mut(attr.name) {
            Some(Value::Object(inner)) => {
                inner.retain(|k, _| !k.eq_ignore_ascii_case(sub.name));
            }
            Some(Value::Array(items)) => {
                for item in items.iter_mut().filter_map(Value::as_object_mut) {
                    item.retain(|k, _| !k.eq_ignore_ascii_case(sub.name));
                }
            }
            _ => {}
        },
        (_, Some(sub)) => {
            let slot = object
                .entry(attr.name.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = slot {
                inner.retain(|k, _| !k.eq_ignore_ascii_case(sub.name));
                inner.insert(sub.name.to_string(), value.cloned().unwrap_or(Value::Null));
            } else {
                return Err(ScimError::new(
                    400,
                    Some("invalidPath"),
                    format!("`{shown}`: `{}` is not complex", attr.name),
                    rules::SCIM_01,
                ));
            }
        }
        (OpKind::Add, None) if attr.multi => {
            let new: Vec<Value> = match value.cloned().unwrap_or(Value::Null) {
                Value::Array(items) => items,
                Value::Null => Vec::new(),
                single => vec![single],
            };
            let slot = object
                .entry(attr.name.to_string())
                .or_insert_with(|| Value::Array(Vec::new()));
            if !slot.is_array() {
                *slot = Value::Array(vec![slot.take()]);
            }
            if let Value::Array(items) = slot {
                // A value already present (the same `value` sub-attribute) is not added twice.
                for v in new {
                    if !items.iter().any(|existing| same_value(existing, &v)) {
                        items.push(v);
                    }
                }
            }
        }
        (_, None) => {
            let new = value.cloned().unwrap_or(Value::Null);
            match (object.get_mut(attr.name), &new, attr.multi) {
                // Complex, single-valued: the sub-attributes given replace theirs; the others stay (RFC 7644 §3.5.2.3).
                (Some(Value::Object(existing)), Value::Object(given), false) => {
                    for (k, v) in given {
                        existing.retain(|key, _| !key.eq_ignore_ascii_case(k));
                        existing.insert(k.clone(), v.clone());
                    }
                }
                _ => {
                    object.insert(attr.name.to_string(), new);
                }
            }
        }
    }
    Ok(())
}

fn path_display(path: &PatchPath) -> String {
    let mut text = path.attr.to_string();
    if path.filter.is_some() {
        text.push_str("[…]");
    }
    if let Some(sub) = &path.sub_after_filter {
        text.push('.');
        text.push_str(sub);
    }
    text
}

/// Two values of a multi-valued attribute are the same when their `value` sub-attributes are.
fn same_value(item: &Value, gone: &Value) -> bool {
    match (find_key(item, "value"), find_key(gone, "value")) {
        (Some(a), Some(b)) => a == b,
        _ => item == gone,
    }
}

fn seed_from_filter(filter: &filter::Filter, item: &mut Map<String, Value>) {
    match filter {
        filter::Filter::Compare(path, filter::CompareOp::Eq, value) if path.sub.is_none() => {
            item.insert(path.name.clone(), value.clone());
        }
        filter::Filter::And(a, b) => {
            seed_from_filter(a, item);
            seed_from_filter(b, item);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn patch(resource: Value, body: Value) -> Result<Value, ScimError> {
        let mut notes = Vec::new();
        let ops = parse(&body, ScimDialect::Lenient, &mut notes)?;
        let mut r = resource;
        apply(&mut r, &ops, schema::USER, ScimDialect::Lenient, &mut notes)?;
        schema::check_resource(&mut r, schema::USER, &mut notes, true)?;
        Ok(r)
    }

    fn ops(list: Value) -> Value {
        json!({"schemas": [schema::PATCH_OP], "Operations": list})
    }

    #[test]
    fn entra_styles_give_the_same_change() {
        // SCIM-14: non-compliant (capitalised op, string boolean, path) and compliant (pathless
        // object of dotted keys) requests produce the same resource.
        let user =
            json!({"userName": "a", "active": true, "name": {"givenName": "A", "familyName": "B"}});
        let legacy = patch(user.clone(), ops(json!([
            {"op": "Replace", "path": "active", "value": "False"},
            {"op": "Replace", "path": "name.givenName", "value": "Ann"},
            {"op": "Add", "path": "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department", "value": "Sales"}
        ]))).unwrap();
        let compliant = patch(
            user,
            ops(json!([{"op": "replace", "value": {
                "active": false, "name.givenName": "Ann",
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department": "Sales"
            }}])),
        )
        .unwrap();
        assert_eq!(legacy, compliant);
        assert_eq!(legacy["active"], false);
        assert_eq!(legacy["name"]["familyName"], "B");
    }

    #[test]
    fn value_filters_select_elements() {
        let user = json!({"userName": "a", "emails": [{"type": "work", "value": "a@x.com"}, {"type": "home", "value": "a@y.org"}]});
        let r = patch(user.clone(), ops(json!([{"op": "replace", "path": "emails[type eq \"work\"].value", "value": "a@z.com"}]))).unwrap();
        assert_eq!(r["emails"][0]["value"], "a@z.com");
        assert_eq!(r["emails"][1]["value"], "a@y.org");
        let r = patch(
            user.clone(),
            ops(json!([{"op": "remove", "path": "emails[type eq \"home\"]"}])),
        )
        .unwrap();
        assert_eq!(r["emails"].as_array().map(Vec::len), Some(1));
        let e = patch(
            user,
            ops(
                json!([{"op": "replace", "path": "emails[type eq \"other\"].value", "value": "x"}]),
            ),
        )
        .unwrap_err();
        assert_eq!(e.scim_type, Some("noTarget"));
    }

    #[test]
    fn add_to_a_missing_value_path_creates_the_value() {
        let r = patch(json!({"userName": "a"}), ops(json!([{"op": "add", "path": "emails[type eq \"work\"].value", "value": "a@x.com"}]))).unwrap();
        assert_eq!(r["emails"], json!([{"type": "work", "value": "a@x.com"}]));
    }

    #[test]
    fn unknown_path_and_read_only_are_errors() {
        let e = patch(
            json!({"userName": "a"}),
            ops(json!([{"op": "replace", "path": "nickame", "value": "x"}])),
        )
        .unwrap_err();
        assert_eq!(e.scim_type, Some("invalidPath"));
        assert!(
            e.detail.contains("did you mean `nickName`?"),
            "{}",
            e.detail
        );
        let e = patch(
            json!({"userName": "a"}),
            ops(json!([{"op": "replace", "path": "id", "value": "x"}])),
        )
        .unwrap_err();
        assert_eq!(e.scim_type, Some("mutability"));
        let e = patch(json!({"userName": "a"}), ops(json!([{"op": "remove"}]))).unwrap_err();
        assert_eq!(e.scim_type, Some("noTarget"));
    }
}
