//! The SAML Response tab: paste, open or drop the Response the admin's browser captured (the XML,
//! its base64, a `SAMLResponse=` form body or a SAML-tracer export), see what Zoom receives from it
//! as a table, and sign in with it. The core reads it (`provisim_core::saml::response`); nothing
//! leaves the page.

use leptos::prelude::*;
use provisim_core::saml::response::{Encoding, Received, Response};
use provisim_core::saml::SamlInput;

use crate::browser;
use crate::saml_state::SamlState;

/// The largest file the tab reads (a SAML-tracer export of a long session).
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// The scenario's pasted Response, if its sign-in is one.
fn scenario_response(doc: SamlState) -> Option<Response> {
    doc.draft.with(|d| {
        d.as_ref()
            .and_then(|s| s.saml.as_ref())
            .and_then(|i| i.response.clone())
    })
}

/// Signs in with `response` instead of the attribute map (and instead of a list of sign-ins).
fn use_response(doc: SamlState, response: Response) -> bool {
    doc.edit(|s| {
        let input = s.saml.get_or_insert_with(SamlInput::default);
        input.response = Some(response);
        input.name_id = None;
        input.attributes.clear();
        input.sequence.clear();
    })
}

/// The Response tab of the SAML workbench.
#[component]
pub fn ResponseEditor(doc: SamlState) -> impl IntoView {
    let response = Memo::new(move |_| scenario_response(doc));
    // What the box shows: the scenario's Response, or what was pasted and could not be read.
    let typed = RwSignal::new(
        response
            .get_untracked()
            .map(|r| r.text().to_string())
            .unwrap_or_default(),
    );
    let problem = RwSignal::new(None::<(String, String)>);
    let dragging = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    let take = move |text: String, index: Option<usize>| {
        typed.set(text.clone());
        status.set(None);
        if text.trim().is_empty() {
            problem.set(None);
            return;
        }
        let read = Response::new(text, index);
        let error = read
            .error()
            .map(|e| (e.message.clone(), e.help.clone().unwrap_or_default()));
        match error {
            Some(error) => problem.set(Some(error)),
            None if use_response(doc, read) => problem.set(None),
            None => problem.set(Some((
                "the scenario's JSON has problems, so the sign-in cannot change yet".to_string(),
                "fix them in the JSON editor, then paste the Response again".to_string(),
            ))),
        }
    };
    let take_file = move |file: web_sys::File| {
        leptos::task::spawn_local(async move {
            match browser::read_file(file, MAX_FILE_BYTES).await {
                Ok((name, text)) => {
                    take(text, None);
                    if problem.get_untracked().is_none() {
                        status.set(Some(format!("Read `{name}`.")));
                    }
                }
                Err(why) => problem.set(Some((why, String::new()))),
            }
        });
    };
    let on_pick = move |ev: web_sys::Event| {
        if let Some(file) = browser::picked_file(&ev) {
            take_file(file);
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        dragging.set(false);
        if let Some(file) = browser::dropped_file(&ev) {
            take_file(file);
        }
    };
    // A SAML-tracer export with several Responses: which one signs in.
    let pick = move |ev: web_sys::Event| {
        if let Ok(index) = event_target_value(&ev).parse::<usize>() {
            take(typed.get_untracked(), Some(index));
        }
    };
    // Back to an attribute map that says what the Response said, to edit it in the form.
    let to_map = move |_| {
        let Some(received) =
            response.with_untracked(|r| r.as_ref().and_then(|r| r.received().cloned()))
        else {
            return;
        };
        doc.edit(|s| {
            let input = s.saml.get_or_insert_with(SamlInput::default);
            input.response = None;
            input.name_id = received.name_id.as_ref().map(|n| n.value.clone());
            input.attributes = received.attribute_map().clone();
        });
        typed.set(String::new());
        status.set(Some(
            "The sign-in is now the Response's NameID and attributes: edit them in the form."
                .to_string(),
        ));
    };
    let tracer = move || {
        response.with(|r| {
            r.as_ref()
                .and_then(|r| r.received())
                .and_then(|received| received.tracer)
        })
    };
    view! {
        <div class="response-editor" data-testid="saml-response-editor">
            <div class="file-panel" class:dragging=move || dragging.get()
                on:dragover=move |ev: web_sys::DragEvent| { ev.prevent_default(); dragging.set(true); }
                on:dragleave=move |_| dragging.set(false)
                on:drop=on_drop>
                <div class="label-row">
                    <label for="saml-response-text">"The SAML Response"</label>
                    <span class="file-button">
                        <input type="file" id="saml-response-file" class="file-input"
                            accept=".xml,.txt,.json,text/xml,application/xml,application/json,text/plain"
                            data-testid="saml-response-file" on:change=on_pick/>
                        <label for="saml-response-file" class="button secondary small">"Open a file…"</label>
                    </span>
                </div>
                <p class="hint" id="saml-response-hint">
                    "Paste what your browser captured: the Response's XML, its base64 (the "
                    <code>"SAMLResponse"</code>" form field), the whole form body, or a SAML-tracer export. "
                    "Or open or drop the file. It is read in this page and never sent anywhere."
                </p>
                <textarea id="saml-response-text" class="file-text" spellcheck="false" autocomplete="off" wrap="off"
                    data-testid="saml-response-input" aria-describedby="saml-response-hint"
                    prop:value=move || typed.get()
                    on:input=move |ev| take(event_target_value(&ev), None)></textarea>
                <div role="status" data-testid="saml-response-status">
                    {move || status.get().map(|s| view! { <p class="ok-text">"✓ "{crate::prose::prose(&s)}</p> })}
                </div>
                <div role="alert" data-testid="saml-response-problem">
                    {move || problem.get().map(|(message, help)| view! {
                        <div class="field-error">
                            <p><strong>"This cannot be read as a SAML Response: "</strong>{crate::prose::prose(&message)}</p>
                            {(!help.is_empty()).then(|| view! { <p class="hint">{crate::prose::prose(&help)}</p> })}
                            <p class="hint">"The sign-in is unchanged until a Response can be read."</p>
                        </div>
                    })}
                </div>
            </div>
            {move || tracer().filter(|t| t.responses > 1).map(|t| view! {
                <p class="field">
                    <label for="saml-response-pick">"Response of the SAML-tracer export"</label>
                    <select id="saml-response-pick" data-testid="saml-response-pick" on:change=pick>
                        {(0..t.responses).map(|i| view! {
                            <option value=i.to_string() selected=i == t.response>
                                {format!("Response {} of {}{}", i + 1, t.responses, if i + 1 == t.responses { " (the last)" } else { "" })}
                            </option>
                        }).collect_view()}
                    </select>
                </p>
            })}
            {move || match response.get() {
                Some(r) => match r.received() {
                    Some(received) => view! {
                        <h4 class="subhead">"What Zoom receives"</h4>
                        {received_view(received)}
                        <button type="button" class="secondary" data-testid="saml-response-to-map" on:click=to_map>
                            "Edit as an attribute map instead"
                        </button>
                    }.into_any(),
                    None => view! { <p class="hint">"The scenario's Response cannot be read: see the problem in the JSON editor."</p> }.into_any(),
                },
                None => view! {
                    <p class="hint" data-testid="saml-response-none">"The sign-in is an attribute map (the form's Sign-in section) until a Response is pasted here."</p>
                }.into_any(),
            }}
        </div>
    }
}

/// How the Response was given, in words.
fn encoding_label(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Xml => "the XML",
        Encoding::Base64 => "base64, as the HTTP-POST binding sends it",
        Encoding::Form => "a form body (SAMLResponse=…)",
        Encoding::SamlTracer => "a SAML-tracer export",
    }
}

/// The last part of a URN or URI (`…:nameid-format:transient` → `transient`), the part people know.
fn short(urn: &str) -> &str {
    provisim_core::saml::response::last_segment(urn)
}

/// What Zoom received from a Response: its parts, then every attribute with its values.
pub fn received_view(received: &Received) -> impl IntoView {
    let status = if received.status.success {
        "Success".to_string()
    } else {
        let mut text = format!("Failed: {}", short(&received.status.code));
        if let Some(sub) = &received.status.subcode {
            text.push_str(&format!(" / {}", short(sub)));
        }
        if let Some(message) = &received.status.message {
            text.push_str(&format!(" ({message})"));
        }
        text
    };
    let given = match received.tracer {
        Some(t) => format!(
            "{}: Response {} of {}",
            encoding_label(received.encoding),
            t.response + 1,
            t.responses
        ),
        None => encoding_label(received.encoding).to_string(),
    };
    let name_id = received.name_id.as_ref().map(|n| match &n.format {
        Some(format) => format!("{} (format: {})", n.value, short(format)),
        None => n.value.clone(),
    });
    let signed = match (received.signed.response, received.signed.assertion) {
        (false, false) => "none found",
        (true, false) => "the Response is signed",
        (false, true) => "the assertion is signed",
        (true, true) => "the Response and its assertion are signed",
    };
    let conditions = received.conditions.as_ref().map(|c| {
        let mut parts = Vec::new();
        if let Some(t) = &c.not_before {
            parts.push(format!("not before {t}"));
        }
        if let Some(t) = &c.not_on_or_after {
            parts.push(format!("not on or after {t}"));
        }
        if !c.audiences.is_empty() {
            parts.push(format!("audience {}", c.audiences.join(", ")));
        }
        parts.join("; ")
    });
    let row = |label: &'static str, value: Option<String>| {
        value.map(|v| view! { <dt>{label}</dt><dd>{v}</dd> })
    };
    let attributes = received
        .attributes
        .iter()
        .map(|a| {
            let merged = (a.elements > 1).then(|| {
                format!(
                    " (from {} <Attribute> elements, merged in order)",
                    a.elements
                )
            });
            view! {
                <tr>
                    <th scope="row"><code>{a.name.clone()}</code></th>
                    <td>{a.friendly_name.clone().unwrap_or_default()}</td>
                    <td>{a.values.join(", ")}{merged}</td>
                </tr>
            }
        })
        .collect_view();
    let none = received.attributes.is_empty();
    view! {
        <div class="received" data-testid="saml-received">
            <dl class="facts">
                {row("Given as", Some(given))}
                {row("Issuer", received.issuer.clone())}
                {row("Status", Some(status))}
                {row("NameID", name_id)}
                {row("Session", received.session_index.clone())}
                {row("Conditions", conditions.filter(|c| !c.is_empty()))}
                {row("Signatures", Some(format!("{signed} (provisim does not verify signatures)")))}
            </dl>
            {if none {
                view! { <p class="hint">"The Response carries no attributes."</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" tabindex="0" role="region" aria-label="Attributes of the Response">
                        <table class="received-attributes" data-testid="saml-received-attributes">
                            <thead><tr><th scope="col">"Attribute (Name)"</th><th scope="col">"Friendly name"</th><th scope="col">"Values"</th></tr></thead>
                            <tbody>{attributes}</tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </div>
    }
}
