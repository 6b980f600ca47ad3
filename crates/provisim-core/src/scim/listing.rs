//! Listing and returning resources (SCIM-20, RFC 7644 §3.4.2–3.4.3, §3.9): the query parameters of a
//! GET or of a `POST …/.search` body, pages (`startIndex`, `count`), and the attributes returned
//! (`attributes`, `excludedAttributes`).

use super::discovery::Endpoint;
use super::filter::{self, find_key, AttrPath};
use super::ScimError;
use crate::explain::Step;
use crate::rules;
use crate::settings::ScimDialect;
use serde_json::{json, Map, Value};

pub const LIST_RESPONSE: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
pub const SEARCH_REQUEST: &str = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

/// The query of a request: from the URL's query string or a SearchRequest body.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    pub filter: Option<String>,
    pub start_index: Option<i64>,
    pub count: Option<i64>,
    pub attributes: Vec<String>,
    pub excluded: Vec<String>,
    pub sort_by: Option<String>,
}

fn bad(detail: String) -> ScimError {
    ScimError::new(400, Some("invalidValue"), detail, rules::SCIM_20)
}

fn number(name: &str, text: &str) -> Result<i64, ScimError> {
    text.trim().parse::<i64>().map_err(|_| {
        bad(format!(
            "`{name}={text}` is not an integer (RFC 7644 §3.4.2.4)"
        ))
    })
}

fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Query {
    /// The parameters of a query string (already split from the path), percent-decoded.
    pub fn from_query_string(
        query: &str,
        decode: impl Fn(&str) -> String,
    ) -> Result<Query, ScimError> {
        let mut out = Query::default();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let value = decode(value);
            match key.to_ascii_lowercase().as_str() {
                "filter" => out.filter = Some(value),
                "startindex" => out.start_index = Some(number("startIndex", &value)?),
                "count" => out.count = Some(number("count", &value)?),
                "attributes" => out.attributes = list(&value),
                "excludedattributes" => out.excluded = list(&value),
                "sortby" => out.sort_by = Some(value),
                _ => {}
            }
        }
        Ok(out)
    }

    /// The parameters of a `POST …/.search` body (RFC 7644 §3.4.3).
    pub fn from_search(body: &Value) -> Result<Query, ScimError> {
        if !body.is_object() {
            return Err(ScimError::new(
                400,
                Some("invalidSyntax"),
                "a search is a SearchRequest object".to_string(),
                rules::SCIM_20,
            ));
        }
        let text = |key: &str| {
            find_key(body, key)
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let names = |key: &str| match find_key(body, key) {
            Some(Value::Array(items)) => items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect(),
            Some(Value::String(s)) => list(s),
            _ => Vec::new(),
        };
        let int = |key: &str| -> Result<Option<i64>, ScimError> {
            match find_key(body, key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Number(n)) => n
                    .as_i64()
                    .map(Some)
                    .ok_or_else(|| bad(format!("`{key}` {n} is not an integer"))),
                Some(Value::String(s)) => number(key, s).map(Some),
                Some(other) => Err(bad(format!("`{key}` {other} is not an integer"))),
            }
        };
        Ok(Query {
            filter: text("filter"),
            start_index: int("startIndex")?,
            count: int("count")?,
            attributes: names("attributes"),
            excluded: names("excludedAttributes"),
            sort_by: text("sortBy"),
        })
    }

    /// Whether the request chose the attributes returned.
    pub fn chooses_attributes(&self) -> bool {
        !self.attributes.is_empty() || !self.excluded.is_empty()
    }

    /// The parsed filter, or 400 `invalidFilter`.
    pub fn parsed_filter(
        &self,
        dialect: ScimDialect,
        notes: &mut Vec<Step>,
    ) -> Result<Option<filter::Filter>, ScimError> {
        self.filter
            .as_ref()
            .map(|text| {
                filter::parse_with(text, dialect, notes).map_err(|e| {
                    ScimError::new(
                        400,
                        Some("invalidFilter"),
                        format!("filter `{text}`: {e}"),
                        rules::SCIM_01,
                    )
                })
            })
            .transpose()
    }

    /// A ListResponse page of `all` (the resources matching the filter, in the directory's order;
    /// SCIM-20: 1-based `startIndex`, `count`, `totalResults`).
    pub fn page(&self, all: Vec<Value>, endpoint: &Endpoint, notes: &mut Vec<Step>) -> Value {
        if let Some(sort) = &self.sort_by {
            notes.push(Step::new(rules::SCIM_20, format!(
                "`sortBy={sort}` is ignored: Zoom's endpoint does not sort (sort.supported false, an Assumption of SCIM-18); resources come in the directory's order (SCIM-20)"
            )));
        }
        let total = all.len();
        // RFC 7644 §3.4.2.4: a startIndex below 1 is 1, a negative count is 0, and a page never
        // holds more than asked, nor more than the endpoint's maxResults.
        let start = self.start_index.unwrap_or(1).max(1);
        let asked = self.count.map(|c| c.max(0));
        let limit = match asked {
            Some(c) => usize::try_from(c)
                .unwrap_or(usize::MAX)
                .min(endpoint.max_results),
            None => endpoint.max_results,
        };
        if asked.is_some_and(|c| usize::try_from(c).unwrap_or(usize::MAX) > endpoint.max_results) {
            notes.push(Step::new(rules::SCIM_20, format!(
                "count {} is above the endpoint's maxResults {}: the page holds at most {} (SCIM-20)",
                asked.unwrap_or(0),
                endpoint.max_results,
                endpoint.max_results
            )));
        }
        let skip = usize::try_from(start - 1).unwrap_or(usize::MAX);
        let page: Vec<Value> = all
            .into_iter()
            .skip(skip)
            .take(limit)
            .map(|r| self.project(&r))
            .collect();
        if total > skip + page.len() {
            notes.push(Step::new(rules::SCIM_20, format!(
                "{total} resources match; this page returns {} from startIndex {start}: ask for startIndex {} for the next (SCIM-20)",
                page.len(),
                start + i64::try_from(page.len()).unwrap_or(0)
            )));
        }
        json!({
            "schemas": [LIST_RESPONSE],
            "totalResults": total,
            "startIndex": start,
            "itemsPerPage": page.len(),
            "Resources": page,
        })
    }

    /// The resource with only the attributes asked for (RFC 7644 §3.9); `id` and `schemas` are
    /// always returned.
    pub fn project(&self, resource: &Value) -> Value {
        let Value::Object(object) = resource else {
            return resource.clone();
        };
        let paths = |names: &[String]| -> Vec<AttrPath> {
            names
                .iter()
                .filter_map(|n| filter::parse_attr_path(n).ok())
                .collect()
        };
        let mut out = if self.attributes.is_empty() {
            object.clone()
        } else {
            let mut out = Map::new();
            for key in ["schemas", "id"] {
                if let Some(v) = object.get(key) {
                    out.insert(key.to_string(), v.clone());
                }
            }
            for path in paths(&self.attributes) {
                copy(object, &mut out, &path);
            }
            out
        };
        for path in paths(&self.excluded) {
            if path.urn.is_none()
                && (path.name.eq_ignore_ascii_case("id")
                    || path.name.eq_ignore_ascii_case("schemas"))
            {
                continue;
            }
            remove(&mut out, &path);
        }
        Value::Object(out)
    }
}

fn key_of(object: &Map<String, Value>, name: &str) -> Option<String> {
    object
        .keys()
        .find(|k| k.eq_ignore_ascii_case(name))
        .cloned()
}

/// Copies one attribute path of `from` into `to`.
fn copy(from: &Map<String, Value>, to: &mut Map<String, Value>, path: &AttrPath) {
    let (source, target) = match &path.urn {
        Some(urn) => {
            let Some(key) = key_of(from, urn) else {
                return;
            };
            let Some(Value::Object(inner)) = from.get(&key) else {
                return;
            };
            let slot = to.entry(key).or_insert_with(|| Value::Object(Map::new()));
            let Value::Object(target) = slot else {
                return;
            };
            (inner, target)
        }
        None => (from, to),
    };
    let Some(key) = key_of(source, &path.name) else {
        return;
    };
    let Some(value) = source.get(&key) else {
        return;
    };
    match &path.sub {
        None => {
            target.insert(key, value.clone());
        }
        Some(sub) => {
            let pick = |v: &Value| -> Option<Value> {
                let object = v.as_object()?;
                let k = key_of(object, sub)?;
                let mut one = Map::new();
                one.insert(k.clone(), object.get(&k)?.clone());
                Some(Value::Object(one))
            };
            let picked = match value {
                Value::Array(items) => Some(Value::Array(items.iter().filter_map(pick).collect())),
                other => pick(other),
            };
            if let Some(picked) = picked {
                match (target.get_mut(&key), picked) {
                    (Some(Value::Object(existing)), Value::Object(more)) => existing.extend(more),
                    (_, picked) => {
                        target.insert(key, picked);
                    }
                }
            }
        }
    }
}

/// Removes one attribute path.
fn remove(object: &mut Map<String, Value>, path: &AttrPath) {
    let target = match &path.urn {
        Some(urn) => {
            let Some(key) = key_of(object, urn) else {
                return;
            };
            match object.get_mut(&key) {
                Some(Value::Object(inner)) => inner,
                _ => return,
            }
        }
        None => object,
    };
    let Some(key) = key_of(target, &path.name) else {
        return;
    };
    match &path.sub {
        None => {
            target.remove(&key);
        }
        Some(sub) => match target.get_mut(&key) {
            Some(Value::Object(inner)) => inner.retain(|k, _| !k.eq_ignore_ascii_case(sub)),
            Some(Value::Array(items)) => {
                for item in items.iter_mut().filter_map(Value::as_object_mut) {
                    item.retain(|k, _| !k.eq_ignore_ascii_case(sub));
                }
            }
            _ => {}
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::settings::Settings;

    fn query(text: &str) -> Query {
        Query::from_query_string(text, str::to_string).unwrap_or_default()
    }

    #[test]
    fn pages_follow_rfc7644_3_4_2_4() {
        // SCIM-20: startIndex is 1-based, count limits the page, the answer says both.
        let all: Vec<Value> = (1..=5).map(|i| json!({"id": format!("u{i}")})).collect();
        let endpoint = Endpoint::new(&Settings::default());
        let page = query("startIndex=2&count=2").page(all.clone(), &endpoint, &mut Vec::new());
        assert_eq!(page["totalResults"], 5);
        assert_eq!(page["startIndex"], 2);
        assert_eq!(page["itemsPerPage"], 2);
        assert_eq!(page["Resources"], json!([{"id": "u2"}, {"id": "u3"}]));
        let page = query("startIndex=0&count=-3").page(all, &endpoint, &mut Vec::new());
        assert_eq!(page["startIndex"], 1, "below 1 is 1");
        assert_eq!(page["itemsPerPage"], 0, "a negative count is 0");
        assert!(Query::from_query_string("count=ten", str::to_string).is_err());
    }

    #[test]
    fn attributes_and_excluded_attributes_choose_what_is_returned() {
        // SCIM-20, RFC 7644 §3.9: id and schemas always come back.
        let user = json!({"schemas": ["s"], "id": "1", "userName": "b", "name": {"givenName": "B", "familyName": "J"},
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "D", "employeeNumber": "7"}});
        assert_eq!(
            query("attributes=userName,name.givenName,urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department").project(&user),
            json!({"schemas": ["s"], "id": "1", "userName": "b", "name": {"givenName": "B"},
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User": {"department": "D"}})
        );
        let group = json!({"id": "g", "displayName": "G", "members": [{"value": "1"}]});
        assert_eq!(
            query("excludedAttributes=members,id").project(&group),
            json!({"id": "g", "displayName": "G"})
        );
    }
}
