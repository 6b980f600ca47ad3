//! The SCIM request workbench: the account, its users and the requests an IdP sends, and what Zoom
//! answers to each (status, response, what changes, why), then the directory after them.

use leptos::prelude::*;
use provisim_core::scim::engine::{RequestResult, ScimReport};
use serde_json::Value;

use crate::rule_ref::RuleRef;
use crate::trace::{changes_table_or, warning_list_as};
use crate::workbench::{self, Doc, Shell};

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
    let (evaluated, shown) = workbench::evaluate(doc, provisim_core::scim::run);
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

/// Appends a request template to the scenario's `scim.requests`; `None` when the text is not an
/// object (the JSON editor says why).
pub fn add_request(scenario: &str, template: &str) -> Option<String> {
    let mut value: Value = serde_json::from_str(scenario).ok()?;
    let request = match template {
        "post" => serde_json::json!({
            "method": "POST",
            "path": "/scim2/Users",
            "body": {
                "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
                "userName": "new.user@example.com",
                "name": {"givenName": "New", "familyName": "User"},
                "emails": [{"value": "new.user@example.com", "primary": true, "type": "work"}],
                "active": true
            }
        }),
        "patch" => serde_json::json!({
            "method": "PATCH",
            "path": "/scim2/Users/{id}",
            "body": {
                "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                "Operations": [{"op": "replace", "path": "active", "value": false}]
            }
        }),
        _ => serde_json::json!({
            "method": "GET",
            "path": "/scim2/Users?filter=userName eq \"new.user@example.com\""
        }),
    };
    let root = value.as_object_mut()?;
    let scim = root
        .entry("scim")
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()?;
    scim.entry("requests")
        .or_insert_with(|| serde_json::json!([]))
        .as_array_mut()?
        .push(request);
    let mut text = serde_json::to_string_pretty(&value).ok()?;
    text.push('\n');
    Some(text)
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
    let duration = report.duration_seconds.map(|s| {
        view! { <p class="hint" data-testid="scim-duration">{format!("At the rate limit, the requests take about {s:.1} s (SCIM-10).")}</p> }
    });
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
                        <details><summary>"The user"</summary><pre class="code">{json}</pre></details>
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
                <h4>"Groups"</h4>
                <table class="data"><thead><tr><th scope="col">"Id"</th><th scope="col">"Name"</th><th scope="col">"Members"</th></tr></thead><tbody>{rows}</tbody></table>
            </section>
        }
    });
    let timeline = report.timeline.map(|t| {
        let rows = t
            .entries
            .iter()
            .map(|e| view! { <tr><td>{e.user.clone()}</td><td>{e.action}</td><td>{format!("within {} min", e.lands_within_minutes)}</td></tr> })
            .collect_view();
        view! {
            <section class="outcome-block" aria-label="When the IdP's changes land" data-testid="scim-timeline">
                <h4>"When the IdP's changes land "<RuleRef rule=provisim_core::rules::SCIM_09/></h4>
                <p class="hint">{t.note.clone()}</p>
                <table class="data"><thead><tr><th scope="col">"User"</th><th scope="col">"Action"</th><th scope="col">"Lands"</th></tr></thead><tbody>{rows}</tbody></table>
            </section>
        }
    });
    view! {
        <div class=format!("decision {tone}") data-testid="scim-decision" data-failed=failed.to_string()>
            <div class="decision-symbol" aria-hidden="true">{symbol}</div>
            <div class="decision-text"><h4 class="decision-title">{headline}</h4>{duration}</div>
        </div>
        {warning_list_as(&report.warnings, "scim-warnings")}
        <div class="requests">{requests}</div>
        <section class="outcome-block" aria-label="The directory after the requests">
            <h4>"The directory after the requests"</h4>
            <table class="data" data-testid="scim-directory"><thead><tr><th scope="col">"Id"</th><th scope="col">"Email"</th><th scope="col">"Details"</th></tr></thead><tbody>{directory}</tbody></table>
        </section>
        {groups}
        {timeline}
    }
}

#[component]
fn RequestCard(result: RequestResult) -> impl IntoView {
    let n = result.index + 1;
    let (words, tone) = status_words(result.status);
    let method = serde_json::to_value(result.method)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let source = match result.source {
        "idp" => Some("sent by the IdP's mappings"),
        "portal" => Some("a template applied in the web portal"),
        _ => None,
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
        <article class="request" data-testid=format!("request-{n}") data-status=result.status.to_string()>
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
                {body.map(|b| view! { <h5>"Request body"</h5><pre class="code">{b}</pre> })}
                {response.map(|r| view! { <h5>"Response"</h5><pre class="code" data-testid=format!("request-{n}-response")>{r}</pre> })}
            </details>
        </article>
    }
}
