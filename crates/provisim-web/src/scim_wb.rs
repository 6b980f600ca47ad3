//! The SCIM request workbench: the account, its users and the requests an IdP sends, and what Zoom
//! answers to each (status, response, what changes, why), then the directory after them.

use leptos::prelude::*;
use provisim_core::scim::engine::{RequestResult, ScimReport, Source};
use provisim_core::scim::import::{ImportFormat, ImportNote, ImportReport};
use provisim_core::scim::mapping::{ApplyWhen, IdpSync, MappingKind, Scope, ScopeOperator};
use serde_json::Value;

use crate::browser;
use crate::rule_ref::RuleRef;
use crate::trace::{changes_table_or, warning_list_as};
use crate::workbench::{self, Doc, Shell, MAX_FILE_BYTES};

/// The scenario a first visit starts from.
pub const STARTER: &str = include_str!("../../../web/examples/scim-starter.json");

/// A status code in words, with its tone: colour is never the only signal.
pub fn status_words(status: u16) -> (&'static str, &'static str) {
    match status {
        200 => ("OK", "good"),
        201 => ("Created", "good"),
        204 => ("No Content", "good"),
        400 => ("Bad Request", "bad"),
        401 => ("Unauthorized", "bad"),
        403 => ("Forbidden", "bad"),
        404 => ("Not Found", "bad"),
        409 => ("Conflict", "bad"),
        429 => ("Too Many Requests", "bad"),
        s if s < 300 => ("Success", "good"),
        s if s < 500 => ("Client error", "bad"),
        _ => ("Error", "bad"),
    }
}

#[component]
pub fn ScimWorkbench(doc: Doc) -> impl IntoView {
    let (evaluated, shown) = workbench::evaluate(doc, provisim_core::api::simulate_scim);
    let add = move |template: &'static str| {
        let added = doc.scenario.with_untracked(|s| add_request(s, template));
        if let Some(text) = added {
            doc.scenario.set(text);
        }
    };
    let form = ViewFn::from(move || {
        view! {
            <div class="quick-add" role="group" aria-label="Add a request">
                <span class="hint">"Add a request:"</span>
                <button type="button" class="secondary small" data-testid="add-post" on:click=move |_| add("post")>"POST a user"</button>
                <button type="button" class="secondary small" data-testid="add-patch" on:click=move |_| add("patch")>"PATCH a user"</button>
                <button type="button" class="secondary small" data-testid="add-get" on:click=move |_| add("get")>"GET with a filter"</button>
            </div>
            <IdpImportPanel doc=doc/>
        }
    });
    view! {
        <Shell doc=doc title="SCIM requests"
            lede="What Zoom answers to each SCIM 2.0 request your IdP sends: the status, the response, what changes for the user and why (SCIM-*, TPL-*)."
            scenario_errors=Signal::derive(move || evaluated.with(|e| e.scenario_errors.clone()))
            file_errors=Signal::derive(move || evaluated.with(|e| e.file_errors.clone()))
            form=form>
            {workbench::outcome_view(shown, report_view)}
        </Shell>
    }
}

/// The request a starter button adds: `post`, `patch` (of `target`, a user's id) or a GET.
fn template_request(template: &str, target: &str) -> Value {
    match template {
        "post" => serde_json::json!({
            "method": "POST",
            "path": "/scim2/Users",
            "body": {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": NEW_USER,
                "name": {"givenName": "New", "familyName": "User"},
                "emails": [{"value": NEW_USER, "primary": true, "type": "work"}],
                "active": true
            }
        }),
        "patch" => serde_json::json!({
            "method": "PATCH",
            "path": format!("/scim2/Users/{target}"),
            "body": {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{"op": "replace", "path": "active", "value": false}]
            }
        }),
        _ => serde_json::json!({
            "method": "GET",
            "path": format!("/scim2/Users?filter=userName eq \"{NEW_USER}\"")
        }),
    }
}

/// The user the POST starter creates.
const NEW_USER: &str = "new.user@example.com";

/// The SCIM id of the user a request appended to `scim.requests` would find last in the
/// directory: the newest one there after the requests (one created earlier in the list, or one
/// of the scenario's directory, with its id from `scim.identities` if it has one), as the engine
/// gives them. `None` when the directory is empty then, or the scenario cannot be simulated.
pub fn patch_target(scenario: &Value) -> Option<String> {
    let mut requests_only = scenario.clone();
    // The IdP's mapped requests and the portal's templates run after `scim.requests`: leave them
    // out, so that the user is one the appended request finds.
    if let Some(scim) = requests_only.get_mut("scim").and_then(Value::as_object_mut) {
        scim.remove("idp");
        scim.remove("portal");
    }
    let text = serde_json::to_string(&requests_only).ok()?;
    let report = provisim_core::api::simulate_scim(&text).ok()?;
    report.directory.last().map(|d| d.id.clone())
}

/// Appends a request template to the scenario's `scim.requests`; `None` when the text is not an
/// object (the JSON editor says why). The PATCH starter patches a user the directory holds at
/// that point of the list; with none, it creates one first (the POST starter) and patches it.
pub fn add_request(scenario: &str, template: &str) -> Option<String> {
    let mut value: Value = serde_json::from_str(scenario).ok()?;
    if template == "patch" {
        let target = match patch_target(&value) {
            Some(id) => id,
            None => {
                push_request(&mut value, template_request("post", ""))?;
                patch_target(&value).unwrap_or_else(|| NEW_USER.to_string())
            }
        };
        push_request(&mut value, template_request("patch", &target))?;
    } else {
        push_request(&mut value, template_request(template, ""))?;
    }
    let mut text = serde_json::to_string_pretty(&value).ok()?;
    text.push('\n');
    Some(text)
}

/// Appends `request` to the scenario's `scim.requests`; `None` when the scenario, its `scim` or
/// its `requests` are not of the right shape.
fn push_request(value: &mut Value, request: Value) -> Option<()> {
    let root = value.as_object_mut()?;
    let scim = root
        .entry("scim")
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()?;
    scim.entry("requests")
        .or_insert_with(|| serde_json::json!([]))
        .as_array_mut()?
        .push(request);
    Some(())
}

/// Puts the IdP's downloaded configuration into the scenario as `scim.idp.import`, in place of the
/// mapping table and scoping filter it gives. `Err` says, in words, why the file cannot be imported
/// (not JSON, neither Entra's nor Okta's shape, the scenario not an object); nothing is changed then.
pub fn with_import(scenario: &str, name: &str, file: &str) -> Result<String, String> {
    let document: Value = serde_json::from_str(file).map_err(|e| {
        format!(
            "`{name}` is not JSON (line {}, column {}: {e}): download the provisioning schema again and open the .json file as it came",
            e.line(),
            e.column()
        )
    })?;
    let sync = IdpSync {
        import: Some(document.clone()),
        ..IdpSync::default()
    };
    if let Err(errors) = provisim_core::scim::import::resolve(&sync) {
        let first = errors
            .first()
            .map(|e| {
                let at = e.path.strip_prefix("/scim/idp/import").unwrap_or(&e.path);
                let at = if at.is_empty() { "the document" } else { at };
                format!(
                    "{at}: {}{}",
                    e.message,
                    e.help
                        .as_ref()
                        .map(|h| format!(" ({h})"))
                        .unwrap_or_default()
                )
            })
            .unwrap_or_default();
        return Err(format!("`{name}` cannot be imported: {first}"));
    }
    let mut value: Value = serde_json::from_str(scenario).map_err(|_| {
        "the scenario's JSON has problems: fix them in the JSON editor, then import again"
            .to_string()
    })?;
    let not_object = || {
        "the scenario is not a JSON object: fix it in the JSON editor, then import again"
            .to_string()
    };
    let scim = value
        .as_object_mut()
        .ok_or_else(not_object)?
        .entry("scim")
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()
        .ok_or_else(not_object)?;
    let idp = scim
        .entry("idp")
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()
        .ok_or_else(not_object)?;
    idp.remove("mappings");
    idp.remove("scope");
    idp.insert("import".to_string(), document);
    idp.entry("users").or_insert_with(|| serde_json::json!([]));
    let mut text = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}

/// Open or drop the IdP's downloaded provisioning configuration: it becomes the mapping table.
#[component]
fn IdpImportPanel(doc: Doc) -> impl IntoView {
    let status = RwSignal::new(None::<Result<String, String>>);
    let dragging = RwSignal::new(false);
    let take = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            let read = browser::read_file(file, MAX_FILE_BYTES).await;
            let outcome = read.and_then(|(name, text)| {
                doc.scenario
                    .with_untracked(|current| with_import(current, &name, &text))
                    .map(|made| (name, made))
            });
            match outcome {
                Ok((name, made)) => {
                    doc.replace(
                        format!("`{name}` is now the IdP's configuration"),
                        made,
                        None,
                    );
                    status.set(Some(Ok(format!(
                        "Imported `{name}`: its mappings and scoping filter replace the ones the scenario had. The outcome lists every row and what was left out."
                    ))));
                }
                Err(why) => status.set(Some(Err(why))),
            }
        });
    };
    let on_pick = move |ev: web_sys::Event| {
        if let Some(file) = browser::picked_file(&ev) {
            take(file);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        dragging.set(false);
        if let Some(file) = browser::dropped_file(&ev) {
            take(file);
        }
    };
    view! {
        <div class="file-panel idp-import" class:dragging=move || dragging.get() data-testid="idp-import"
            on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
            on:dragleave=move |_| dragging.set(false)
            on:drop=on_drop>
            <div class="label-row">
                <span class="label">"Your IdP's provisioning configuration"</span>
                <span class="file-button">
                    <input type="file" id="scim-idp-import-file" class="file-input" accept=".json,application/json"
                        data-testid="idp-import-file" aria-describedby="scim-idp-import-hint" on:change=on_pick/>
                    <label for="scim-idp-import-file" class="button secondary small">"Import a file…"</label>
                </span>
            </div>
            <p class="hint" id="scim-idp-import-hint">
                "Open or drop the file your IdP exports, and its mappings provision the IdP's users here. "
                "Entra ID: the app's Provisioning → Attribute mapping → Show advanced options → Review your schema here → Download. "
                "Okta: the profile mappings (GET /api/v1/mappings). It stays in this browser."
            </p>
            <div role="status" data-testid="idp-import-status">
                {move || status.get().map(|s| match s {
                    Ok(message) => view! { <p class="ok-text">"✓ "{crate::prose::prose(&message)}</p> }.into_any(),
                    Err(message) => view! { <p class="bad-text" role="alert">"✕ "{crate::prose::prose(&message)}</p> }.into_any(),
                })}
            </div>
        </div>
    }
}

/// A mapping row's kind and when it applies, in words.
fn mapping_words(kind: MappingKind, apply: ApplyWhen) -> (&'static str, &'static str) {
    let kind = match kind {
        MappingKind::Direct => "attribute",
        MappingKind::Constant => "constant",
        MappingKind::Expression => "expression",
    };
    let apply = match apply {
        ApplyWhen::Always => "always",
        ApplyWhen::OnlyDuringCreation => "only when the user is created",
    };
    (kind, apply)
}

/// A scoping filter in words: groups joined by "or", clauses by "and".
pub fn scope_words(scope: &Scope) -> String {
    scope
        .groups
        .iter()
        .map(|g| {
            g.clauses
                .iter()
                .map(|c| {
                    let values = c.values.join("\" or \"");
                    match c.operator {
                        ScopeOperator::Equals => format!("{} is \"{values}\"", c.attribute),
                        ScopeOperator::NotEquals => format!("{} is not \"{values}\"", c.attribute),
                        ScopeOperator::IsTrue => format!("{} is true", c.attribute),
                        ScopeOperator::IsFalse => format!("{} is false", c.attribute),
                        ScopeOperator::IsNull => format!("{} is empty", c.attribute),
                        ScopeOperator::IsNotNull => format!("{} is not empty", c.attribute),
                        ScopeOperator::GreaterThan => format!("{} > {values}", c.attribute),
                        ScopeOperator::GreaterThanOrEquals => format!("{} ≥ {values}", c.attribute),
                    }
                })
                .collect::<Vec<_>>()
                .join(" and ")
        })
        .collect::<Vec<_>>()
        .join("; or ")
}

fn note_list(notes: &[ImportNote], testid: &'static str) -> impl IntoView {
    let items = notes
        .iter()
        .map(|n| {
            view! {
                <li>
                    <p>{crate::prose::prose(&n.message)}" "<span class="hint">"at "<code>{n.at.clone()}</code></span></p>
                    <p class="help">{crate::prose::prose(&n.help)}" "<RuleRef rule=n.rule/></p>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="notes" data-testid=testid>{items}</ul> }
}

/// What the import brought in: the mapping table row by row, the scope, and what was left out.
fn import_view(import: ImportReport) -> impl IntoView {
    let from = match import.format {
        ImportFormat::EntraSchema => "Entra ID's provisioning schema",
        ImportFormat::OktaMappings => "Okta's profile mappings",
    };
    let name = import
        .name
        .clone()
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    let rows = import
        .rows
        .iter()
        .map(|r| {
            let (kind, apply) = mapping_words(r.mapping.kind, r.mapping.apply);
            view! {
                <tr>
                    <td><code>{r.mapping.target.clone()}</code>{r.mapping.matching.then_some(" (matching)")}</td>
                    <td>{kind}</td>
                    <td><code>{r.mapping.source.clone()}</code>{r.mapping.default_if_null.clone().map(|d| format!(" (if empty: {d})"))}</td>
                    <td>{apply}</td>
                    <td><code class="hint">{r.from.clone()}</code></td>
                </tr>
            }
        })
        .collect_view();
    let count = import.rows.len();
    let scope = import.scope.as_ref().map(|s| {
        view! { <p data-testid="import-scope">"Scoping filter: only users where "{scope_words(s)}" are provisioned. "<RuleRef rule=provisim_core::rules::SCIM_15/></p> }
    });
    let skipped = (!import.skipped.is_empty()).then(|| {
        view! { <h4>{format!("Left out, as the IdP itself would ({})", import.skipped.len())}</h4>{note_list(&import.skipped, "import-skipped")} }
    });
    let warnings = (!import.warnings.is_empty()).then(|| {
        view! { <h4>{format!("Not simulated ({})", import.warnings.len())}</h4>{note_list(&import.warnings, "import-warnings")} }
    });
    view! {
        <section class="outcome-block" aria-label="The imported configuration" data-testid="idp-import-report">
            <h3>{format!("The imported configuration: {from}{name}")}</h3>
            <p class="hint">{format!("{count} {} from {}.", if count == 1 { "mapping row" } else { "mapping rows" }, import.from)}</p>
            <table class="data" data-testid="import-rows">
                <thead><tr><th scope="col">"Zoom attribute"</th><th scope="col">"Kind"</th><th scope="col">"Source"</th><th scope="col">"Applied"</th><th scope="col">"From"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {scope}
            {skipped}
            {warnings}
        </section>
    }
}

fn report_view(report: ScimReport) -> impl IntoView {
    let failed = report.results.iter().filter(|r| r.status >= 400).count();
    let total = report.results.len();
    let (symbol, tone, headline) = if report.quarantine {
        (
            "⊘",
            "refused",
            "The IdP would put this provisioning in quarantine".to_string(),
        )
    } else if failed > 0 {
        ("!", "refused", format!("{failed} of {total} requests fail"))
    } else if total == 0 {
        (
            "…",
            "neutral",
            "Nothing to simulate yet: add a request (the buttons below the editor add common ones)"
                .to_string(),
        )
    } else {
        (
            "✓",
            "ok",
            if total == 1 {
                "1 request succeeds".to_string()
            } else {
                format!("All {total} requests succeed")
            },
        )
    };
    // Which requests fail and why, under the headline: the count alone says nothing to fix.
    let failures = (failed > 0).then(|| {
        let items = report
            .results
            .iter()
            .filter(|r| r.status >= 400)
            .map(|r| {
                let n = r.index + 1;
                let (words, _) = status_words(r.status);
                let method = r.method.word();
                let why = r
                    .response
                    .as_ref()
                    .and_then(|v| v.get("detail"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_default();
                view! {
                    <li>
                        <button type="button" class="link" on:click=move |_| browser::focus_later(vec![format!("request-{n}")])>{format!("Request {n}")}</button>
                        {format!(" ({method} {}) — {} {words}", r.path, r.status)}
                        {(!why.is_empty()).then(|| view! { ": "{crate::prose::prose(&why)} })}
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="failures" data-testid="scim-failures">{items}</ul> }
    });
    let duration = report.duration_seconds.map(|s| {
        view! { <p class="hint" data-testid="scim-duration">{format!("At the rate limit, the requests take about {s:.1} s (SCIM-10).")}</p> }
    });
    // A request's warnings show on its card; the list above the cards keeps the others, so that
    // each warning shows once.
    let general: Vec<_> = report
        .warnings
        .iter()
        .filter(|w| !report.results.iter().any(|r| r.warnings.contains(w)))
        .cloned()
        .collect();
    let requests = report
        .results
        .into_iter()
        .map(|r| view! { <RequestCard result=r/> })
        .collect_view();
    let directory = report
        .directory
        .iter()
        .map(|d| {
            let json = serde_json::to_string_pretty(&d.user).unwrap_or_default();
            view! {
                <tr>
                    <td><code>{d.id.clone()}</code></td>
                    <td>{d.user.email.clone()}</td>
                    <td>
                        <details><summary>"The user"</summary><pre class="code" tabindex="0">{json}</pre></details>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let groups = (!report.groups.is_empty()).then(|| {
        let rows = report
            .groups
            .iter()
            .map(|g| view! { <tr><td><code>{g.id.clone()}</code></td><td>{g.display_name.clone()}</td><td>{g.members.join(", ")}</td></tr> })
            .collect_view();
        view! {
            <section class="outcome-block" aria-label="Groups">
                <h3>"Groups"</h3>
                <table class="data"><thead><tr><th scope="col">"Id"</th><th scope="col">"Name"</th><th scope="col">"Members"</th></tr></thead><tbody>{rows}</tbody></table>
            </section>
        }
    });
    let timeline = report.timeline.map(|t| {
        let rows = t
            .entries
            .iter()
            .map(|e| {
                let lands = match &e.scope {
                    Some(why) => format!("not provisioned: {why}"),
                    None => format!("within {} min", e.lands_within_minutes),
                };
                view! { <tr><td>{e.user.clone()}</td><td>{e.action}</td><td>{lands}</td></tr> }
            })
            .collect_view();
        view! {
            <section class="outcome-block" aria-label="When the IdP's changes land" data-testid="scim-timeline">
                <h3>"When the IdP's changes land "<RuleRef rule=provisim_core::rules::SCIM_09/></h3>
                <p class="hint">{t.note.clone()}</p>
                <table class="data"><thead><tr><th scope="col">"User"</th><th scope="col">"Action"</th><th scope="col">"Lands"</th></tr></thead><tbody>{rows}</tbody></table>
            </section>
        }
    });
    view! {
        <div class=format!("decision {tone}") data-testid="scim-decision" data-failed=failed.to_string()>
            <div class="decision-symbol" aria-hidden="true">{symbol}</div>
            <div class="decision-text"><h3 class="decision-title">{crate::prose::prose(&headline)}</h3>{failures}{duration}</div>
        </div>
        {warning_list_as(&general, "scim-warnings")}
        <div class="requests">{requests}</div>
        <section class="outcome-block" aria-label="The directory after the requests">
            <h3>"The directory after the requests"</h3>
            <table class="data" data-testid="scim-directory"><thead><tr><th scope="col">"Id"</th><th scope="col">"Email"</th><th scope="col">"Details"</th></tr></thead><tbody>{directory}</tbody></table>
        </section>
        {groups}
        {report.import.map(import_view)}
        {timeline}
    }
}

#[component]
fn RequestCard(result: RequestResult) -> impl IntoView {
    let n = result.index + 1;
    let (words, tone) = status_words(result.status);
    let method = result.method.word();
    let source = match result.source {
        Source::Idp => Some("sent by the IdP's mappings"),
        Source::Portal => Some("a template applied in the web portal"),
        Source::Request => None,
    };
    let response = result
        .response
        .as_ref()
        .and_then(|r| serde_json::to_string_pretty(r).ok());
    let body = result
        .body
        .as_ref()
        .and_then(|b| serde_json::to_string_pretty(b).ok());
    let steps = workbench::steps_list(&result.trace, "request-trace");
    view! {
        <article class="request" id=format!("request-{n}") tabindex="-1" data-testid=format!("request-{n}") data-status=result.status.to_string()>
            <header class="request-head">
                <span class="request-number">{format!("#{n}")}</span>
                <code class="request-line">{format!("{method} {}", result.path)}</code>
                <span class=format!("badge {tone}") data-testid=format!("request-{n}-status")>{format!("{} {words}", result.status)}</span>
            </header>
            {source.map(|s| view! { <p class="hint">{s}</p> })}
            {result.user.clone().map(|u| view! { <p class="hint">"User: "{u}</p> })}
            {warning_list_as(&result.warnings, "request-warnings")}
            {changes_table_or(&result.changes, "Nothing changes.")}
            <details class="request-details">
                <summary>"How Zoom decided"</summary>
                {steps}
                {body.map(|b| view! { <h4>"Request body"</h4><pre class="code" tabindex="0">{b}</pre> })}
                {response.map(|r| view! { <h4>"Response"</h4><pre class="code" tabindex="0" data-testid=format!("request-{n}-response")>{r}</pre> })}
            </details>
        </article>
    }
}
