//! The IdP's own provisioning configuration imported (SCIM-08, SCIM-15): Entra ID's provisioning
//! schema or Okta's profile mappings, as downloaded, converted into the mapping table and scope of
//! `scim.idp`; every part the simulator does not evaluate is a warning located in the document.

use super::expression;
use super::mapping::{
    self, ApplyWhen, AttributeMapping, IdpSync, MappingKind, Scope, ScopeClause, ScopeGroup,
    ScopeOperator,
};
use crate::explain::Warning;
use crate::input::{nearest, InputError};
use crate::rules::{self, RuleId};
use schemars::JsonSchema;
use serde::Serialize;
use serde_json::{Map, Value};

/// Where the imported document sits in the scenario.
const AT: &str = "/scim/idp/import";

/// Which document was given, told by its shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ImportFormat {
    /// Entra ID's provisioning schema (`synchronizationRules`, Graph's `synchronization/jobs/{id}/schema`).
    EntraSchema,
    /// Okta's profile mappings (`/api/v1/mappings/{id}`: `properties`), one or a list.
    OktaMappings,
}

/// What an import brought in, so a person can see it.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
pub struct ImportReport {
    pub format: ImportFormat,
    /// The JSON pointer of the object mapping (Entra) or mapping (Okta) imported.
    pub from: String,
    /// Its name (Entra) or id (Okta).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The mapping table made, row by row, each with where it came from.
    pub rows: Vec<ImportedRow>,
    /// The scoping filter made (Entra), with every clause the simulator evaluates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Parts left out because the IdP itself would not use them (a disabled object mapping,
    /// `DONT_PUSH`).
    pub skipped: Vec<ImportNote>,
    /// Parts the simulator does not evaluate (also in the outcome's warnings).
    pub warnings: Vec<ImportNote>,
}

/// One row of the table made, and the JSON pointer of the part of the document it came from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ImportedRow {
    pub from: String,
    pub mapping: AttributeMapping,
}

/// A part of the imported document, located by JSON pointer, and what became of it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ImportNote {
    pub at: String,
    pub rule: RuleId,
    pub message: String,
    pub help: String,
}

impl ImportNote {
    /// As a warning of the outcome, naming where it is.
    pub fn warning(&self) -> Warning {
        Warning::new(
            self.rule,
            format!("imported configuration, at {}: {}", self.at, self.message),
            self.help.clone(),
        )
    }
}

/// The mapping table and scope an IdP sync runs with: its own, or those its `import` gives (with
/// the report of what came in). Only a malformed document (neither shape, wrong types) is an Err.
pub fn resolve(sync: &IdpSync) -> Result<(IdpSync, Option<ImportReport>), Vec<InputError>> {
    let Some(document) = &sync.import else {
        return Ok((sync.clone(), None));
    };
    let mut errors = Vec::new();
    if !sync.mappings.is_empty() {
        errors.push(
            InputError::new(
                "/scim/idp/mappings",
                "both `mappings` and `import` are given: the import gives the mapping table",
            )
            .with_help(
                "remove `mappings` to simulate the imported configuration, or remove `import`",
            ),
        );
    }
    let mut importer = Importer::default();
    let made = importer.document(document);
    errors.append(&mut importer.errors);
    // The import reads SCIM-08's table from the IdP's document: its errors are SCIM-08's.
    for error in &mut errors {
        error.rule.get_or_insert(rules::SCIM_08);
    }
    let Some(made) = made.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    if made.scope.is_some() && sync.scope.is_some() {
        errors.push(
            InputError::new(
                "/scim/idp/scope",
                "both `scope` and the imported configuration's scoping filter are given",
            )
            .with_help("remove `scope`: the import gives the scoping filter")
            .with_rule(rules::SCIM_08),
        );
    }
    let resolved = IdpSync {
        mappings: made.rows.iter().map(|r| r.mapping.clone()).collect(),
        users: sync.users.clone(),
        scope: made.scope.clone().or_else(|| sync.scope.clone()),
        import: None,
    };
    // The rows were checked as they were made; any problem left is located at its row.
    for mut error in mapping::validate(&resolved) {
        let row = error
            .path
            .strip_prefix("/scim/idp/mappings/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|i| i.parse::<usize>().ok())
            .and_then(|i| made.rows.get(i));
        error.path = row.map_or_else(|| made.from.clone(), |r| r.from.clone());
        errors.push(error);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let report = ImportReport {
        format: made.format,
        from: made.from,
        name: made.name,
        rows: made.rows,
        scope: made.scope,
        skipped: importer.skipped,
        warnings: importer.warnings,
    };
    Ok((resolved, Some(report)))
}

/// A table made from a document, before it is checked as a whole.
struct Made {
    format: ImportFormat,
    from: String,
    name: Option<String>,
    rows: Vec<ImportedRow>,
    scope: Option<Scope>,
}

#[derive(Default)]
struct Importer {
    errors: Vec<InputError>,
    warnings: Vec<ImportNote>,
    skipped: Vec<ImportNote>,
}

/// A JSON value's kind, for error messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A key as a JSON pointer token (RFC 6901).
fn token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

const SHAPES: &str = "give the whole document as downloaded: Entra ID's provisioning schema (`{\"synchronizationRules\": [{\"objectMappings\": […]}]}`, from Provisioning → Attribute mapping → advanced options → review your schema → Download, or Graph's `synchronization/jobs/{id}/schema`), or Okta's profile mappings (`{\"properties\": {…}}` from `/api/v1/mappings/{id}`, or a list of them)";

impl Importer {
    fn error(&mut self, at: &str, message: String, help: &str) {
        self.errors
            .push(InputError::new(at, message).with_help(help.to_string()));
    }

    fn warn(&mut self, at: String, rule: RuleId, message: String, help: impl Into<String>) {
        self.warnings.push(ImportNote {
            at,
            rule,
            message,
            help: help.into(),
        });
    }

    fn skip(&mut self, at: String, rule: RuleId, message: String) {
        self.skipped.push(ImportNote {
            at,
            rule,
            message,
            help: String::new(),
        });
    }

    fn object<'v>(
        &mut self,
        value: &'v Value,
        at: &str,
        what: &str,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            Value::Object(map) => Some(map),
            other => {
                self.error(
                    at,
                    format!("{what} is {}, not an object", kind(other)),
                    SHAPES,
                );
                None
            }
        }
    }

    /// An optional list (absent or null: none).
    fn list<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Option<&'v [Value]> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Array(items)) => Some(items),
            Some(other) => {
                self.error(
                    &format!("{at}/{key}"),
                    format!("`{key}` is {}, not a list", kind(other)),
                    SHAPES,
                );
                None
            }
        }
    }

    /// An optional string (absent or null: none).
    fn text<'v>(&mut self, map: &'v Map<String, Value>, key: &str, at: &str) -> Option<&'v str> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                self.error(
                    &format!("{at}/{key}"),
                    format!("`{key}` is {}, not a string", kind(other)),
                    SHAPES,
                );
                None
            }
        }
    }

    fn required_text<'v>(
        &mut self,
        map: &'v Map<String, Value>,
        key: &str,
        at: &str,
    ) -> Option<&'v str> {
        if map.get(key).is_none_or(Value::is_null) {
            self.error(at, format!("`{key}` is missing"), SHAPES);
            return None;
        }
        self.text(map, key, at)
    }

    fn boolean(&mut self, map: &Map<String, Value>, key: &str, at: &str) -> Option<bool> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                self.error(
                    &format!("{at}/{key}"),
                    format!("`{key}` is {}, not true or false", kind(other)),
                    SHAPES,
                );
                None
            }
        }
    }

    /// Tells the form by its shape.
    fn document(&mut self, document: &Value) -> Option<Made> {
        match document {
            Value::Object(map) if map.contains_key("synchronizationRules") => self.entra(map),
            Value::Object(map) if map.contains_key("properties") => {
                self.okta(&[(AT.to_string(), map)])
            }
            Value::Array(items)
                if !items.is_empty()
                    && items
                        .iter()
                        .all(|i| i.get("properties").is_some_and(Value::is_object)) =>
            {
                let mappings: Vec<(String, &Map<String, Value>)> = items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, m)| m.as_object().map(|m| (format!("{AT}/{i}"), m)))
                    .collect();
                self.okta(&mappings)
            }
            Value::Object(map) => {
                let keys: Vec<&str> = map.keys().map(String::as_str).collect();
                let near = keys
                    .iter()
                    .find_map(|k| nearest(k, ["synchronizationRules", "properties"]))
                    .map(|n| format!(" (did you mean `{n}`?)"))
                    .unwrap_or_default();
                self.error(
                    AT,
                    format!(
                        "neither an Entra ID provisioning schema (no `synchronizationRules`) nor Okta profile mappings (no `properties`){near}"
                    ),
                    SHAPES,
                );
                None
            }
            other => {
                self.error(
                    AT,
                    format!(
                        "the imported configuration is {}: neither an Entra ID provisioning schema nor Okta profile mappings",
                        kind(other)
                    ),
                    SHAPES,
                );
                None
            }
        }
    }

    // ---------------------------------------------------------------- Entra ID

    fn entra(&mut self, document: &Map<String, Value>) -> Option<Made> {
        let rules_at = format!("{AT}/synchronizationRules");
        let sync_rules = self.list(document, "synchronizationRules", AT)?;
        let mut chosen: Option<(String, &Map<String, Value>, Option<&str>)> = None;
        for (r, rule) in sync_rules.iter().enumerate() {
            let rule_at = format!("{rules_at}/{r}");
            let Some(rule) = self.object(rule, &rule_at, "a synchronization rule") else {
                continue;
            };
            let Some(object_mappings) = self.list(rule, "objectMappings", &rule_at) else {
                continue;
            };
            for (m, object_mapping) in object_mappings.iter().enumerate() {
                let at = format!("{rule_at}/objectMappings/{m}");
                let Some(om) = self.object(object_mapping, &at, "an object mapping") else {
                    continue;
                };
                let source = self.text(om, "sourceObjectName", &at).unwrap_or("");
                let target = self.text(om, "targetObjectName", &at).unwrap_or("");
                let name = self.text(om, "name", &at);
                let shown = name.unwrap_or(source);
                let enabled = self.boolean(om, "enabled", &at).unwrap_or(true);
                let users = source.eq_ignore_ascii_case("user")
                    && (target.eq_ignore_ascii_case("user") || target.ends_with(":User"));
                if !enabled {
                    self.skip(
                        at,
                        rules::SCIM_08,
                        format!(
                            "the object mapping `{shown}` is disabled: Entra ID does not run it"
                        ),
                    );
                } else if !users {
                    self.warn(
                        at,
                        rules::SCIM_08,
                        format!("the object mapping `{shown}` provisions `{source}` as `{target}`: the simulator provisions users only through the IdP's mappings; it is not imported"),
                        "give the group requests the IdP would send in `scim.requests`",
                    );
                } else if chosen.is_some() {
                    self.warn(
                        at,
                        rules::SCIM_08,
                        format!("a second enabled user mapping, `{shown}`: only the first is imported"),
                        "disable the mappings that do not provision Zoom, or import the one you mean alone",
                    );
                } else {
                    chosen = Some((at, om, name));
                }
            }
        }
        let Some((at, om, name)) = chosen else {
            if self.errors.is_empty() {
                self.error(
                    &rules_at,
                    "no enabled object mapping provisions users (`sourceObjectName` `User`)".to_string(),
                    "download the schema of the enterprise application that provisions Zoom, with its user mapping enabled",
                );
            }
            return None;
        };
        if let Some(flows) = self.text(om, "flowTypes", &at) {
            let flows: Vec<&str> = flows.split(',').map(str::trim).collect();
            for (flow, what) in [
                ("Add", "creates"),
                ("Update", "updates"),
                ("Delete", "disables or deletes"),
            ] {
                if !flows.iter().any(|f| f.eq_ignore_ascii_case(flow)) {
                    self.warn(
                        format!("{at}/flowTypes"),
                        rules::SCIM_08,
                        format!("the object mapping's flow types lack `{flow}`: the simulator still {what} users as needed"),
                        "Entra ID sends no such requests for this mapping: ignore them in the outcome",
                    );
                }
            }
        }
        let mut rows: Vec<(ImportedRow, u64)> = Vec::new();
        let attrs_at = format!("{at}/attributeMappings");
        match self.list(om, "attributeMappings", &at) {
            Some(list) => {
                for (i, row) in list.iter().enumerate() {
                    if let Some(made) = self.entra_row(row, format!("{attrs_at}/{i}")) {
                        rows.push(made);
                    }
                }
            }
            None => self.error(
                &attrs_at,
                "the user mapping has no `attributeMappings`".to_string(),
                SHAPES,
            ),
        }
        self.entra_matching(&mut rows, &attrs_at);
        let scope = match om.get("scope") {
            None | Some(Value::Null) => None,
            Some(scope) => self.entra_scope(scope, &format!("{at}/scope")),
        };
        Some(Made {
            format: ImportFormat::EntraSchema,
            from: at,
            name: name.map(str::to_string),
            rows: rows.into_iter().map(|(r, _)| r).collect(),
            scope,
        })
    }

    /// Marks the matching attribute: the lowest positive `matchingPriority` Zoom can filter on.
    fn entra_matching(&mut self, rows: &mut [(ImportedRow, u64)], attrs_at: &str) {
        let mut candidates: Vec<usize> = (0..rows.len())
            .filter(|i| rows.get(*i).is_some_and(|(_, p)| *p > 0))
            .collect();
        candidates.sort_by_key(|i| rows.get(*i).map_or(0, |(_, p)| *p));
        let mut matched = false;
        for i in candidates {
            let Some((row, priority)) = rows.get_mut(i) else {
                continue;
            };
            let filterable = mapping::FILTERABLE
                .iter()
                .any(|f| f.eq_ignore_ascii_case(&row.mapping.target));
            if matched {
                self.warn(
                    format!("{}/matchingPriority", row.from),
                    rules::SCIM_08,
                    format!("`{}` is a further matching attribute (priority {priority}): the simulator matches by the first only", row.mapping.target),
                    "a user the first attribute does not find is created, where Entra ID would try this one",
                );
            } else if filterable {
                row.mapping.matching = true;
                matched = true;
            } else {
                self.warn(
                    format!("{}/matchingPriority", row.from),
                    rules::SCIM_08,
                    format!(
                        "`{}` cannot be the matching attribute: Zoom cannot filter users on it",
                        row.mapping.target
                    ),
                    format!(
                        "match on one of: {}",
                        mapping::FILTERABLE.map(|f| format!("`{f}`")).join(", ")
                    ),
                );
            }
        }
        if !matched && self.errors.is_empty() {
            self.error(
                attrs_at,
                "no attribute mapping is a matching attribute Zoom can filter on (`matchingPriority` 1)".to_string(),
                "in Entra ID, edit the `userName` mapping: Match objects using this attribute: Yes, Matching precedence: 1",
            );
        }
    }

    /// One attribute mapping as a row, with its matching priority; None when it is not imported.
    fn entra_row(&mut self, value: &Value, at: String) -> Option<(ImportedRow, u64)> {
        let row = self.object(value, &at, "an attribute mapping")?;
        for key in row.keys() {
            if !matches!(
                key.as_str(),
                "defaultValue"
                    | "exportMissingReferences"
                    | "flowBehavior"
                    | "flowType"
                    | "matchingPriority"
                    | "source"
                    | "targetAttributeName"
            ) {
                self.warn(
                    format!("{at}/{}", token(key)),
                    rules::SCIM_08,
                    format!("`{key}` is not a field of an Entra ID attribute mapping: not read"),
                    "remove it, or check the document is the schema as downloaded",
                );
            }
        }
        let target = self.required_text(row, "targetAttributeName", &at)?;
        let source_at = format!("{at}/source");
        let Some(source) = row.get("source") else {
            self.error(&at, "`source` is missing".to_string(), SHAPES);
            return None;
        };
        let source = self.object(source, &source_at, "`source`")?;
        let default_if_null = self
            .text(row, "defaultValue", &at)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        let apply = match self.text(row, "flowType", &at) {
            None => ApplyWhen::Always,
            Some(f) if f.eq_ignore_ascii_case("Always") => ApplyWhen::Always,
            Some(f) if f.eq_ignore_ascii_case("ObjectAddOnly") => ApplyWhen::OnlyDuringCreation,
            Some(other) => {
                self.warn(
                    format!("{at}/flowType"),
                    rules::SCIM_08,
                    format!("the flow type `{other}` is not simulated: the mapping is imported as applied Always"),
                    "the simulator knows `Always` and `ObjectAddOnly` (Only during object creation); expect fewer updates from Entra ID than shown",
                );
                ApplyWhen::Always
            }
        };
        match self.text(row, "flowBehavior", &at) {
            None => {}
            Some(b) if b.eq_ignore_ascii_case("FlowWhenChanged") => {}
            Some(other) => self.warn(
                format!("{at}/flowBehavior"),
                rules::SCIM_08,
                format!("the flow behavior `{other}` is not simulated: a value is sent only when it differs from Zoom's (FlowWhenChanged)"),
                "Entra ID may send this attribute on every cycle",
            ),
        }
        let priority = match row.get("matchingPriority") {
            None | Some(Value::Null) => 0,
            Some(Value::Number(n)) if n.as_u64().is_some() => n.as_u64().unwrap_or(0),
            Some(other) => {
                self.error(
                    &format!("{at}/matchingPriority"),
                    format!("`matchingPriority` is {}, not a whole number", kind(other)),
                    "0 for a mapping that is not matched on; 1, 2, … for the matching precedence",
                );
                return None;
            }
        };
        let (kind, text) = self.entra_source(source, &source_at)?;
        if let Err(e) = mapping::target_path(target) {
            self.warn(
                format!("{at}/targetAttributeName"),
                rules::SCIM_08,
                format!("`{target}` is not an attribute of Zoom's SCIM schema: {e}; the mapping is not imported"),
                "Zoom ignores or refuses it; map to an attribute Zoom has (RULES.md SCIM-02, SCIM-13)",
            );
            return None;
        }
        Some((
            ImportedRow {
                from: at,
                mapping: AttributeMapping {
                    kind,
                    source: text,
                    default_if_null,
                    target: target.to_string(),
                    matching: false,
                    apply,
                },
            },
            priority,
        ))
    }

    /// A mapping's source as the table's type and source text.
    fn entra_source(
        &mut self,
        source: &Map<String, Value>,
        at: &str,
    ) -> Option<(MappingKind, String)> {
        let before = self.errors.len();
        let kind = self.required_text(source, "type", at)?;
        let name = self.text(source, "name", at);
        let written = self.text(source, "expression", at);
        if let Some(parameters) = self.list(source, "parameters", at) {
            for (i, p) in parameters.iter().enumerate() {
                let p_at = format!("{at}/parameters/{i}");
                if let Some(p) = self.object(p, &p_at, "a parameter") {
                    if let Some(v) = p.get("value") {
                        if let Some(v) =
                            self.object(v, &format!("{p_at}/value"), "a parameter's value")
                        {
                            self.required_text(v, "type", &format!("{p_at}/value"));
                        }
                    }
                }
            }
        }
        if self.errors.len() > before {
            return None;
        }
        match kind {
            k if k.eq_ignore_ascii_case("Attribute") => match name.filter(|n| !n.is_empty()) {
                Some(name) => Some((MappingKind::Direct, name.to_string())),
                None => {
                    self.error(
                        at,
                        "an `Attribute` source has no `name`".to_string(),
                        "name the source attribute, e.g. `\"name\": \"userPrincipalName\"`",
                    );
                    None
                }
            },
            k if k.eq_ignore_ascii_case("Constant") => {
                Some((MappingKind::Constant, name.unwrap_or_default().to_string()))
            }
            k if k.eq_ignore_ascii_case("Function") => {
                let text = match written.filter(|w| !w.trim().is_empty()) {
                    Some(w) => w.to_string(),
                    None => build(&Value::Object(source.clone())),
                };
                match expression::parse(&text) {
                    Ok(_) => Some((MappingKind::Expression, text)),
                    Err(e) => {
                        let e = e.split(" (supported").next().unwrap_or_default();
                        self.warn(
                            at.to_string(),
                            rules::SCIM_08,
                            format!("the expression `{text}` is not simulated ({e}); the mapping is not imported"),
                            "the simulator evaluates Join, Switch, ToLower, ToUpper, IIF, Coalesce, SingleAppRoleAssignment, Append, Not and Trim: add the mapping by hand in `scim.idp.mappings` with one of them, or leave it out",
                        );
                        None
                    }
                }
            }
            other => {
                let help = nearest(other, ["Attribute", "Constant", "Function"])
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                self.error(
                    &format!("{at}/type"),
                    format!("`{other}` is not a source type"),
                    &format!("{help}a source is of type `Attribute`, `Constant` or `Function`"),
                );
                None
            }
        }
    }

    fn entra_scope(&mut self, scope: &Value, at: &str) -> Option<Scope> {
        let scope = self.object(scope, at, "`scope`")?;
        let mut groups = Vec::new();
        for (g, group) in self
            .list(scope, "groups", at)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let g_at = format!("{at}/groups/{g}");
            let Some(group) = self.object(group, &g_at, "a scope group") else {
                continue;
            };
            let mut clauses = Vec::new();
            for (c, clause) in self
                .list(group, "clauses", &g_at)
                .unwrap_or_default()
                .iter()
                .enumerate()
            {
                let c_at = format!("{g_at}/clauses/{c}");
                if let Some(clause) = self.entra_clause(clause, &c_at) {
                    clauses.push(clause);
                }
            }
            groups.push(ScopeGroup { clauses });
        }
        Some(Scope { groups })
    }

    fn entra_clause(&mut self, clause: &Value, at: &str) -> Option<ScopeClause> {
        let clause = self.object(clause, at, "a scope clause")?;
        let operator = self.required_text(clause, "operatorName", at);
        let attribute = self.required_text(clause, "sourceOperandName", at);
        let mut values = Vec::new();
        match clause.get("targetOperand") {
            None | Some(Value::Null) => {}
            Some(operand) => {
                let operand_at = format!("{at}/targetOperand");
                let operand = self.object(operand, &operand_at, "`targetOperand`")?;
                for (i, v) in self
                    .list(operand, "values", &operand_at)
                    .unwrap_or_default()
                    .iter()
                    .enumerate()
                {
                    match v {
                        Value::String(s) => values.push(s.clone()),
                        Value::Number(n) => values.push(n.to_string()),
                        Value::Bool(b) => values.push(b.to_string()),
                        other => self.error(
                            &format!("{operand_at}/values/{i}"),
                            format!("a value is {}, not a string", kind(other)),
                            SHAPES,
                        ),
                    }
                }
            }
        }
        let (operator, attribute) = (operator?, attribute?);
        let normal = operator.trim().to_ascii_uppercase().replace(' ', "_");
        let known = match normal.as_str() {
            "EQUALS" => Some(ScopeOperator::Equals),
            "NOT_EQUALS" => Some(ScopeOperator::NotEquals),
            "IS_TRUE" => Some(ScopeOperator::IsTrue),
            "IS_FALSE" => Some(ScopeOperator::IsFalse),
            "IS_NULL" => Some(ScopeOperator::IsNull),
            "IS_NOT_NULL" => Some(ScopeOperator::IsNotNull),
            "GREATER_THAN" => Some(ScopeOperator::GreaterThan),
            "GREATER_THAN_OR_EQUALS" => Some(ScopeOperator::GreaterThanOrEquals),
            _ => None,
        };
        let Some(operator_kind) = known else {
            self.warn(
                format!("{at}/operatorName"),
                rules::SCIM_15,
                format!("the scoping operator `{operator}` on `{attribute}` is not evaluated: the clause is treated as met"),
                "the simulator evaluates EQUALS, NOT_EQUALS, IS_TRUE, IS_FALSE, IS_NULL, IS_NOT_NULL, Greater_Than and Greater_Than_OR_EQUALS; mark users the clause excludes `\"in_scope\": false`",
            );
            return None;
        };
        Some(ScopeClause {
            attribute: attribute.to_string(),
            operator: operator_kind,
            values,
        })
    }

    // ---------------------------------------------------------------- Okta

    fn okta(&mut self, mappings: &[(String, &Map<String, Value>)]) -> Option<Made> {
        let direction = |m: &Map<String, Value>, side: &str| {
            m.get(side)
                .and_then(|s| s.get("type"))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let chosen = mappings.iter().find(|(_, m)| {
            direction(m, "target").is_none_or(|t| t.eq_ignore_ascii_case("appuser"))
        });
        let Some((at, mapping)) = chosen else {
            let at = mappings
                .first()
                .map_or(AT.to_string(), |(a, _)| format!("{a}/target/type"));
            self.error(
                &at,
                "these profile mappings map an app's users into Okta (`target.type` `user`), not Okta's users to Zoom".to_string(),
                "download the mapping from Okta to the Zoom app: `GET /api/v1/mappings?sourceId={Okta user type id}&targetId={Zoom app id}` (its `target.type` is `appuser`)",
            );
            return None;
        };
        for (other, m) in mappings {
            if other != at {
                let name = |side: &str| {
                    m.get(side)
                        .and_then(|t| t.get("name"))
                        .and_then(Value::as_str)
                        .unwrap_or("?")
                        .to_string()
                };
                let message = if direction(m, "target")
                    .is_some_and(|t| t.eq_ignore_ascii_case("user"))
                {
                    format!("the mapping from `{}` into Okta's users is not the one that provisions Zoom: not imported", name("source"))
                } else {
                    format!(
                        "a further mapping from Okta to an app (`{}`): only the first is imported",
                        name("target")
                    )
                };
                self.skip(other.clone(), rules::SCIM_08, message);
            }
        }
        let name = self.text(mapping, "id", at).map(str::to_string);
        let properties_at = format!("{at}/properties");
        let properties = match mapping.get("properties") {
            Some(p) => self.object(p, &properties_at, "`properties`")?,
            None => {
                self.error(at, "`properties` is missing".to_string(), SHAPES);
                return None;
            }
        };
        let mut rows = Vec::new();
        for (key, property) in properties {
            let p_at = format!("{properties_at}/{}", token(key));
            let Some(property) = self.object(property, &p_at, "a property mapping") else {
                continue;
            };
            let expression = self.required_text(property, "expression", &p_at);
            match self.text(property, "pushStatus", &p_at) {
                None => {}
                Some(s) if s.eq_ignore_ascii_case("PUSH") => {}
                Some(s) if s.eq_ignore_ascii_case("DONT_PUSH") => {
                    self.skip(
                        p_at,
                        rules::SCIM_08,
                        format!("`{key}` is `DONT_PUSH`: Okta does not send it to the app"),
                    );
                    continue;
                }
                Some(other) => self.warn(
                    format!("{p_at}/pushStatus"),
                    rules::SCIM_08,
                    format!("the push status `{other}` is not simulated: the mapping is imported as `PUSH`"),
                    "Okta's push statuses are `PUSH` and `DONT_PUSH`",
                ),
            }
            let Some(expression) = expression else {
                continue;
            };
            let Some(target) = okta_target(key) else {
                let known: Vec<&str> = OKTA_ATTRIBUTES.iter().map(|(k, _)| *k).collect();
                let help = nearest(key, known.iter().copied())
                    .map(|n| format!("did you mean `{n}`? "))
                    .unwrap_or_default();
                self.warn(
                    p_at,
                    rules::SCIM_08,
                    format!("`{key}` is not an app attribute the simulator knows how Okta sends to Zoom: the mapping is not imported"),
                    format!("{help}the simulator knows Okta's SCIM 2.0 attributes ({}) and the names of Zoom's SCIM schema", known.join(", ")),
                );
                continue;
            };
            let (kind, source) = match okta_expression(expression) {
                Ok(made) => made,
                Err(e) => {
                    self.warn(
                        format!("{p_at}/expression"),
                        rules::SCIM_08,
                        format!("the Okta expression `{expression}` is not simulated ({e}); the mapping is not imported"),
                        "the simulator reads `user.…` (or `source.…`, `appuser.…`) attributes, \"strings\", `+`, String.toLowerCase, String.toUpperCase, String.join and String.append",
                    );
                    continue;
                }
            };
            rows.push(ImportedRow {
                from: p_at,
                mapping: AttributeMapping {
                    kind,
                    source,
                    default_if_null: None,
                    matching: target == "userName",
                    target,
                    apply: ApplyWhen::Always,
                },
            });
        }
        if !rows.iter().any(|r| r.mapping.matching) {
            self.warn(
                properties_at.clone(),
                rules::SCIM_08,
                "no mapping sets `userName`: Okta sends the application username (its default format, the Okta username `login`) and matches users by it; imported as `userName` ← `login`".to_string(),
                "if the Zoom app's username format is not the Okta username, add the `userName` mapping to the document",
            );
            rows.insert(
                0,
                ImportedRow {
                    from: properties_at,
                    mapping: AttributeMapping {
                        kind: MappingKind::Direct,
                        source: "login".to_string(),
                        default_if_null: None,
                        target: "userName".to_string(),
                        matching: true,
                        apply: ApplyWhen::Always,
                    },
                },
            );
        }
        Some(Made {
            format: ImportFormat::OktaMappings,
            from: at.clone(),
            name,
            rows,
            scope: None,
        })
    }
}

/// An Entra source written from its name and parameters, when it has no `expression`.
fn build(source: &Value) -> String {
    let field = |key: &str| source.get(key).and_then(Value::as_str).unwrap_or_default();
    match field("type") {
        t if t.eq_ignore_ascii_case("Attribute") => format!("[{}]", field("name")),
        t if t.eq_ignore_ascii_case("Constant") => quote(field("name")),
        _ => {
            let arguments: Vec<String> = source
                .get("parameters")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .map(|p| p.get("value").map(build).unwrap_or_default())
                        .collect()
                })
                .unwrap_or_default();
            format!("{}({})", field("name"), arguments.join(", "))
        }
    }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Okta's SCIM 2.0 app attributes and the SCIM attribute each is sent as.
const OKTA_ATTRIBUTES: [(&str, &str); 19] = [
    ("userName", "userName"),
    ("givenName", "name.givenName"),
    ("familyName", "name.familyName"),
    ("middleName", "name.middleName"),
    ("displayName", "displayName"),
    ("nickName", "nickName"),
    ("title", "title"),
    ("userType", "userType"),
    ("preferredLanguage", "preferredLanguage"),
    ("locale", "locale"),
    ("timezone", "timezone"),
    ("email", "emails[type eq \"work\"].value"),
    ("primaryPhone", "phoneNumbers[type eq \"work\"].value"),
    ("mobilePhone", "phoneNumbers[type eq \"mobile\"].value"),
    (
        "department",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
    ),
    (
        "employeeNumber",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
    ),
    (
        "costCenter",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter",
    ),
    (
        "organization",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:organization",
    ),
    (
        "division",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division",
    ),
];

/// The SCIM attribute an Okta app attribute is sent as: Okta's SCIM 2.0 names, or a name of
/// Zoom's SCIM schema itself (`externalId`, a Zoom extension attribute by its URN path).
fn okta_target(key: &str) -> Option<String> {
    let target = OKTA_ATTRIBUTES
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map_or(key, |(_, t)| *t);
    mapping::target_path(target)
        .ok()
        .map(|_| target.to_string())
}

/// A small part of Okta's expression language as the table's type and source: one attribute
/// (`user.firstName`), a "string", `+` between them, String.toLowerCase / toUpperCase / join /
/// append. Anything else is an Err saying what was not read.
fn okta_expression(text: &str) -> Result<(MappingKind, String), String> {
    let mut parser = Okta {
        chars: text.chars().collect(),
        at: 0,
    };
    let expr = parser.concat()?;
    parser.space();
    if parser.at < parser.chars.len() {
        let rest: String = parser
            .chars
            .get(parser.at..)
            .unwrap_or_default()
            .iter()
            .collect();
        return Err(format!("`{rest}` is not read"));
    }
    let made = match expr {
        OktaExpr::Attribute(name) => (MappingKind::Direct, name),
        OktaExpr::Text(text) => (MappingKind::Constant, text),
        other => {
            let text = other.entra();
            expression::parse(&text)?;
            (MappingKind::Expression, text)
        }
    };
    Ok(made)
}

enum OktaExpr {
    Attribute(String),
    Text(String),
    Call(&'static str, Vec<OktaExpr>),
}

impl OktaExpr {
    /// The same in Entra ID's expression language, which the simulator evaluates.
    fn entra(&self) -> String {
        match self {
            OktaExpr::Attribute(name) => format!("[{name}]"),
            OktaExpr::Text(text) => quote(text),
            OktaExpr::Call(name, args) => format!(
                "{name}({})",
                args.iter()
                    .map(OktaExpr::entra)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

struct Okta {
    chars: Vec<char>,
    at: usize,
}

impl Okta {
    fn space(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_whitespace()) {
            self.at += 1;
        }
    }

    fn concat(&mut self) -> Result<OktaExpr, String> {
        let mut parts = vec![self.term()?];
        loop {
            self.space();
            if self.chars.get(self.at) != Some(&'+') {
                break;
            }
            self.at += 1;
            parts.push(self.term()?);
        }
        if parts.len() == 1 {
            return parts.pop().ok_or_else(String::new);
        }
        parts.insert(0, OktaExpr::Text(String::new()));
        Ok(OktaExpr::Call("Join", parts))
    }

    fn term(&mut self) -> Result<OktaExpr, String> {
        self.space();
        match self.chars.get(self.at).copied() {
            Some(quote @ ('"' | '\'')) => {
                self.at += 1;
                let mut out = String::new();
                loop {
                    match self.chars.get(self.at).copied() {
                        None => return Err("an unterminated string".to_string()),
                        Some('\\') => {
                            if let Some(c) = self.chars.get(self.at + 1).copied() {
                                out.push(c);
                            }
                            self.at += 2;
                        }
                        Some(c) if c == quote => {
                            self.at += 1;
                            return Ok(OktaExpr::Text(out));
                        }
                        Some(c) => {
                            out.push(c);
                            self.at += 1;
                        }
                    }
                }
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let start = self.at;
                while self
                    .chars
                    .get(self.at)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.')
                {
                    self.at += 1;
                }
                let name: String = self
                    .chars
                    .get(start..self.at)
                    .unwrap_or_default()
                    .iter()
                    .collect();
                self.space();
                if self.chars.get(self.at) == Some(&'(') {
                    self.at += 1;
                    let function = match name.as_str() {
                        "String.toLowerCase" => "ToLower",
                        "String.toUpperCase" => "ToUpper",
                        "String.join" => "Join",
                        "String.append" => "Append",
                        other => return Err(format!("the function `{other}` is not simulated")),
                    };
                    let mut args = Vec::new();
                    loop {
                        args.push(self.concat()?);
                        self.space();
                        match self.chars.get(self.at) {
                            Some(',') => self.at += 1,
                            Some(')') => {
                                self.at += 1;
                                break;
                            }
                            _ => return Err(format!("expected `,` or `)` in `{name}(…)`")),
                        }
                    }
                    return Ok(OktaExpr::Call(function, args));
                }
                ["user.", "source.", "appuser."]
                    .iter()
                    .find_map(|p| name.strip_prefix(p))
                    .filter(|rest| !rest.is_empty() && !rest.contains('.'))
                    .map(|rest| OktaExpr::Attribute(rest.to_string()))
                    .ok_or_else(|| format!("`{name}` is not a profile attribute (`user.…`)"))
            }
            Some(c) => Err(format!("`{c}` is not read")),
            None => Err("the expression ends early".to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // SCIM-08: Okta's expressions as Entra's, which the simulator evaluates.
    #[test]
    fn okta_expressions_become_table_rows() {
        assert_eq!(
            okta_expression("user.firstName"),
            Ok((MappingKind::Direct, "firstName".into()))
        );
        assert_eq!(
            okta_expression("\"Licensed\""),
            Ok((MappingKind::Constant, "Licensed".into()))
        );
        assert_eq!(
            okta_expression("user.firstName + \" \" + user.lastName"),
            Ok((
                MappingKind::Expression,
                "Join(\"\", [firstName], \" \", [lastName])".into()
            ))
        );
        assert_eq!(
            okta_expression("String.toLowerCase(source.email)"),
            Ok((MappingKind::Expression, "ToLower([email])".into()))
        );
        assert!(
            okta_expression("user.department != null ? user.department : 'x'")
                .unwrap_err()
                .contains("is not read")
        );
        assert!(okta_expression("String.substringBefore(user.email, \"@\")")
            .unwrap_err()
            .contains("`String.substringBefore` is not simulated"));
        assert!(okta_expression("org.name")
            .unwrap_err()
            .contains("not a profile attribute"));
    }

    // SCIM-08: a Function source without `expression` is written from its parameters.
    #[test]
    fn a_function_is_built_from_its_parameters() {
        let source = serde_json::json!({"type": "Function", "name": "Join", "parameters": [
            {"key": "separator", "value": {"type": "Constant", "name": " "}},
            {"key": "source1", "value": {"type": "Attribute", "name": "givenName"}},
            {"key": "source2", "value": {"type": "Function", "name": "ToUpper", "parameters": [
                {"key": "source", "value": {"type": "Attribute", "name": "surname"}}]}}]});
        assert_eq!(
            build(&source),
            "Join(\" \", [givenName], ToUpper([surname]))"
        );
    }

    // SCIM-15: groups are OR'ed, clauses AND'ed.
    #[test]
    fn scope_groups_are_alternatives() {
        let clause = |attribute: &str, operator, values: &[&str]| ScopeClause {
            attribute: attribute.into(),
            operator,
            values: values.iter().map(|v| (*v).to_string()).collect(),
        };
        let scope = Scope {
            groups: vec![
                ScopeGroup {
                    clauses: vec![
                        clause("department", ScopeOperator::Equals, &["Sales"]),
                        clause("accountEnabled", ScopeOperator::IsTrue, &[]),
                    ],
                },
                ScopeGroup {
                    clauses: vec![clause("employeeId", ScopeOperator::GreaterThan, &["100"])],
                },
            ],
        };
        let user = |v: serde_json::Value| v.as_object().cloned().unwrap_or_default();
        assert!(scope
            .admits(&user(
                serde_json::json!({"department": "Sales", "accountEnabled": "True"})
            ))
            .is_ok());
        assert!(scope
            .admits(&user(serde_json::json!({"employeeId": "101"})))
            .is_ok());
        let why = scope
            .admits(&user(
                serde_json::json!({"department": "Sales", "employeeId": "7"}),
            ))
            .unwrap_err();
        assert_eq!(
            why,
            "`accountEnabled` is true: false, it is empty; nor `employeeId` is greater than `100`: false, it is `7`"
        );
    }
}
