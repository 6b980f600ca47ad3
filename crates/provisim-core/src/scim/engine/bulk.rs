//! `POST /Bulk` (SCIM-19, RFC 7644 §3.7): operations applied in order through the same handler as
//! single requests, `bulkId:` references replaced by the ids of resources created in the same
//! request, `failOnErrors`, and the endpoint's limits (SCIM-18).

use super::{Ctx, Outcome};
use crate::explain::Step;
use crate::rules;
use crate::scim::filter::find_key;
use crate::scim::{discovery, schema, Method, ScimError, ScimRequest};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub const BULK_REQUEST: &str = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
pub const BULK_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

fn syntax(detail: String) -> ScimError {
    ScimError::new(400, Some("invalidSyntax"), detail, rules::SCIM_19)
}

/// One operation of a BulkRequest, as read.
struct Op {
    method: Method,
    path: String,
    bulk_id: Option<String>,
    version: Option<String>,
    data: Option<Value>,
}

fn read_op(i: usize, op: &Value) -> Result<Op, ScimError> {
    let text = |key: &str| {
        find_key(op, key)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let method_text =
        text("method").ok_or_else(|| syntax(format!("operation {i} has no `method`")))?;
    let method = match method_text.to_ascii_uppercase().as_str() {
        "POST" => Method::POST,
        "PUT" => Method::PUT,
        "PATCH" => Method::PATCH,
        "DELETE" => Method::DELETE,
        _ => {
            return Err(syntax(format!(
            "operation {i}: `{method_text}` is not a bulk method (valid: POST, PUT, PATCH, DELETE)"
        )))
        }
    };
    let path = text("path").ok_or_else(|| syntax(format!("operation {i} has no `path`")))?;
    let bulk_id = text("bulkId");
    if method == Method::POST && bulk_id.is_none() {
        return Err(syntax(format!(
            "operation {i}: a POST needs a `bulkId` (RFC 7644 §3.7)"
        )));
    }
    Ok(Op {
        method,
        path,
        bulk_id,
        version: text("version"),
        data: find_key(op, "data").cloned(),
    })
}

/// The `bulkId:` references of a value (and of the path).
fn references(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => {
            if let Some(id) = s.strip_prefix("bulkId:") {
                out.push(id.to_string());
            }
        }
        Value::Array(items) => items.iter().for_each(|v| references(v, out)),
        Value::Object(object) => object.values().for_each(|v| references(v, out)),
        _ => {}
    }
}

fn resolve(value: &Value, ids: &BTreeMap<String, String>) -> Value {
    match value {
        Value::String(s) => match s.strip_prefix("bulkId:").and_then(|b| ids.get(b)) {
            Some(id) => Value::String(id.clone()),
            None => value.clone(),
        },
        Value::Array(items) => Value::Array(items.iter().map(|v| resolve(v, ids)).collect()),
        Value::Object(object) => Value::Object(
            object
                .iter()
                .map(|(k, v)| (k.clone(), resolve(v, ids)))
                .collect(),
        ),
        other => other.clone(),
    }
}

fn resolve_path(path: &str, ids: &BTreeMap<String, String>) -> String {
    path.split('/')
        .map(|segment| {
            segment
                .strip_prefix("bulkId:")
                .and_then(|b| ids.get(b))
                .cloned()
                .unwrap_or_else(|| segment.to_string())
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `POST /Bulk` (SCIM-19): the operations in order, `bulkId` references resolved, `failOnErrors`
/// honoured, each operation answered.
pub(super) fn handle(ctx: &mut Ctx) -> Outcome {
    let endpoint = *ctx.endpoint;
    if ctx.request.method != Method::POST {
        return Err(ScimError::new(
            405,
            None,
            "a bulk request is a POST (RFC 7644 §3.7)".to_string(),
            rules::SCIM_19,
        ));
    }
    if !endpoint.bulk {
        return Err(ScimError::new(
            501,
            None,
            "this endpoint does not support bulk operations (setting “Zoom's SCIM endpoint takes /Bulk requests” is off; bulk.supported false in /ServiceProviderConfig)".to_string(),
            rules::SCIM_18,
        ));
    }
    let body = ctx
        .request
        .body
        .clone()
        .ok_or_else(|| syntax("the request has no body".to_string()))?;
    let size = body.to_string().len();
    if size > endpoint.bulk_max_payload {
        return Err(ScimError::new(
            413,
            None,
            format!(
                "The size of the bulk operation exceeds the maxPayloadSize ({}).",
                endpoint.bulk_max_payload
            ),
            rules::SCIM_19,
        ));
    }
    let listed = find_key(&body, "schemas")
        .and_then(Value::as_array)
        .is_some_and(|s| {
            s.iter().any(|u| {
                u.as_str()
                    .is_some_and(|u| u.eq_ignore_ascii_case(BULK_REQUEST))
            })
        });
    if !listed {
        ctx.trace.push(Step::new(
            rules::SCIM_19,
            format!("the body does not list `{BULK_REQUEST}` in `schemas`; read as a BulkRequest anyway"),
        ));
    }
    let operations = find_key(&body, "Operations")
        .and_then(Value::as_array)
        .ok_or_else(|| syntax("a BulkRequest needs an `Operations` array".to_string()))?;
    if operations.len() > endpoint.bulk_max_operations {
        return Err(ScimError::new(
            413,
            None,
            format!(
                "The number of operations ({}) exceeds the maxOperations ({}).",
                operations.len(),
                endpoint.bulk_max_operations
            ),
            rules::SCIM_19,
        ));
    }
    let fail_on_errors = match find_key(&body, "failOnErrors") {
        None | Some(Value::Null) => None,
        Some(v) => Some(v.as_u64().filter(|n| *n >= 1).ok_or_else(|| {
            ScimError::new(
                400,
                Some("invalidValue"),
                format!("`failOnErrors` {v} is not an integer of at least 1"),
                rules::SCIM_19,
            )
        })?),
    };
    let ops: Vec<Op> = operations
        .iter()
        .enumerate()
        .map(|(i, op)| read_op(i, op))
        .collect::<Result<_, _>>()?;

    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut failed_ids: Vec<String> = Vec::new();
    let mut answers: Vec<(usize, Value)> = Vec::new();
    let mut pending: Vec<usize> = (0..ops.len()).collect();
    let mut errors = 0u64;
    let mut stopped = false;
    while !pending.is_empty() && !stopped {
        // The first pending operation whose references are all resolved (or can never be).
        let ready = pending.iter().position(|&i| {
            let Some(op) = ops.get(i) else { return true };
            let mut refs = Vec::new();
            if let Some(data) = &op.data {
                references(data, &mut refs);
            }
            for segment in op.path.split('/') {
                if let Some(b) = segment.strip_prefix("bulkId:") {
                    refs.push(b.to_string());
                }
            }
            refs.iter().all(|r| {
                ids.contains_key(r)
                    || failed_ids.contains(r)
                    || !pending
                        .iter()
                        .any(|&j| ops.get(j).and_then(|o| o.bulk_id.as_deref()) == Some(r.as_str()))
            })
        });
        let (at, unresolvable) = match ready {
            Some(at) => (at, false),
            // Every pending operation waits for another: the references form a cycle.
            None => (0, true),
        };
        let index = pending.remove(at);
        let Some(op) = ops.get(index) else { continue };
        let mut line = Map::new();
        line.insert("method".into(), json!(op.method));
        if let Some(b) = &op.bulk_id {
            line.insert("bulkId".into(), json!(b));
        }
        let mut refs = Vec::new();
        if let Some(data) = &op.data {
            references(data, &mut refs);
        }
        let missing: Vec<&String> = refs.iter().filter(|r| !ids.contains_key(*r)).collect();
        let outcome = if unresolvable || !missing.is_empty() {
            let names: Vec<String> = missing.iter().map(|m| format!("`bulkId:{m}`")).collect();
            Err(ScimError::new(
                409,
                None,
                format!(
                    "{} cannot be resolved: {}",
                    names.join(", "),
                    if unresolvable {
                        "the operations reference each other in a cycle"
                    } else {
                        "no operation of this request created it"
                    }
                ),
                rules::SCIM_19,
            ))
        } else {
            let path = resolve_path(&op.path, &ids);
            let data = op.data.as_ref().map(|d| resolve(d, &ids));
            // RFC 7644 §3.7's PATCH example gives the operations as `data` itself.
            let data = match (op.method, data) {
                (Method::PATCH, Some(Value::Array(list))) => {
                    Some(json!({"schemas": [schema::PATCH_OP], "Operations": list}))
                }
                (_, other) => other,
            };
            let full = format!("/scim2/{}", path.trim_start_matches('/'));
            match precondition(ctx, op, &full) {
                Err(e) => Err(e),
                Ok(()) => Ok(ScimRequest {
                    method: op.method,
                    path: full,
                    body: data,
                }),
            }
        };
        let status = match outcome {
            Err(error) => {
                // RFC 7644 §3.7: `location` is required in a response line, except when a POST
                // failed (it created nothing).
                if op.method != Method::POST {
                    line.insert(
                        "location".into(),
                        json!(format!(
                            "{}/{}",
                            discovery::BASE,
                            resolve_path(&op.path, &ids).trim_start_matches('/')
                        )),
                    );
                }
                line.insert("status".into(), json!(error.status.to_string()));
                line.insert("response".into(), error.body());
                ctx.trace.push(Step::new(
                    error.rule,
                    format!(
                        "operation {index} ({:?} {}): {} {}",
                        op.method, op.path, error.status, error.detail
                    ),
                ));
                error.status
            }
            Ok(request) => {
                let sub = super::handle(
                    ctx.directory,
                    ctx.account,
                    ctx.settings,
                    &request,
                    ctx.result.index,
                    ctx.result.source,
                );
                ctx.trace.push(Step::new(
                    rules::SCIM_19,
                    format!(
                        "operation {index} ({:?} {}{}): {}",
                        op.method,
                        op.path,
                        op.bulk_id
                            .as_deref()
                            .map(|b| format!(", bulkId {b}"))
                            .unwrap_or_default(),
                        sub.status
                    ),
                ));
                ctx.trace.extend(sub.trace.iter().cloned());
                ctx.warnings.extend(sub.warnings.iter().cloned());
                ctx.result.changes.extend(sub.changes.iter().cloned());
                let meta = sub.response.as_ref().and_then(|r| find_key(r, "meta"));
                let location = meta
                    .and_then(|m| find_key(m, "location"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .or_else(|| {
                        (op.method != Method::POST).then(|| {
                            format!(
                                "{}/{}",
                                discovery::BASE,
                                request.path.trim_start_matches("/scim2/")
                            )
                        })
                    });
                if let Some(location) = location {
                    line.insert("location".into(), json!(location));
                }
                if let Some(version) = meta.and_then(|m| find_key(m, "version")) {
                    line.insert("version".into(), version.clone());
                }
                line.insert("status".into(), json!(sub.status.to_string()));
                if sub.status >= 400 {
                    if let Some(r) = &sub.response {
                        line.insert("response".into(), r.clone());
                    }
                } else if let (Some(b), Some(id)) = (
                    &op.bulk_id,
                    sub.response
                        .as_ref()
                        .and_then(|r| find_key(r, "id"))
                        .and_then(Value::as_str),
                ) {
                    ids.insert(b.clone(), id.to_string());
                }
                sub.status
            }
        };
        if status >= 400 {
            if let Some(b) = &op.bulk_id {
                failed_ids.push(b.clone());
            }
            errors += 1;
            if fail_on_errors.is_some_and(|n| errors >= n) {
                stopped = true;
                ctx.trace.push(Step::new(
                    rules::SCIM_19,
                    format!(
                        "failOnErrors {}: {} reached, {} not processed",
                        fail_on_errors.unwrap_or(0),
                        crate::explain::count(errors, "error", "errors"),
                        match pending.len() {
                            1 => "the other operation is".to_string(),
                            n => format!("the other {n} operations are"),
                        }
                    ),
                ));
            }
        }
        answers.push((index, Value::Object(line)));
    }
    // The response lists the operations in the request's order.
    answers.sort_by_key(|(i, _)| *i);
    let lines: Vec<Value> = answers.into_iter().map(|(_, v)| v).collect();
    Ok((
        200,
        Some(json!({"schemas": [BULK_RESPONSE], "Operations": lines})),
    ))
}

/// The `version` of an operation (its If-Match): 412 when the resource has changed since.
fn precondition(ctx: &Ctx, op: &Op, path: &str) -> Result<(), ScimError> {
    let Some(expected) = &op.version else {
        return Ok(());
    };
    let id = path.rsplit('/').next().unwrap_or("");
    let Some(current) = ctx
        .directory
        .position(id)
        .and_then(|i| ctx.directory.entries.get(i))
        .map(|e| e.stamp.version())
    else {
        return Ok(());
    };
    // RFC 7644's examples escape the slash of the weak marker (`W\/"…"`): the same version.
    if expected.replace("\\/", "/") == current {
        Ok(())
    } else {
        Err(ScimError::new(
            412,
            None,
            format!("Failed to update. Resource changed on the server: its version is {current}, the operation expects {expected}"),
            rules::SCIM_19,
        ))
    }
}
