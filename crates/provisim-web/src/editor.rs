//! The structured form of a SAML scenario: the sign-in (assertion), Advanced mapping (sections and
//! rules, added, moved and removed by mouse or keyboard), Basic mapping, the user, the account and
//! every setting. Each field reads the parsed scenario and writes an edit back to the JSON text.

use leptos::html;
use leptos::prelude::*;
use provisim_core::input::InputError;
use provisim_core::license::Package;
use provisim_core::model::{LicenseType, User};
use provisim_core::rules::{self, RuleId};
use provisim_core::saml::{DefaultLicense, Section, Values};
use provisim_core::scenario::Scenario;
use serde_json::Value;

use crate::browser;
use crate::document::{self, Control, SETTINGS};
use crate::rule_ref::RuleRef;
use crate::saml_state::SamlState;

/// An error as one line: where, what, and what would be valid.
pub fn describe(error: &InputError) -> String {
    let mut text = String::new();
    if let Some(line) = error.line {
        text.push_str(&format!("line {line}: "));
    }
    text.push_str(&error.message);
    if let Some(help) = &error.help {
        text.push_str(" — ");
        text.push_str(help);
    }
    text
}

/// The form: disabled (showing the last good scenario) while the JSON is malformed.
#[component]
pub fn ScenarioForm(doc: SamlState, show_json: Callback<()>) -> impl IntoView {
    let malformed = Memo::new(move |_| doc.parsed.with(|p| p.draft.is_none()));
    let first_error = move || doc.parsed.with(|p| p.errors.first().map(describe));
    view! {
        {move || malformed.get().then(|| view! {
            <div class="notice bad" role="alert" data-testid="form-malformed">
                <p><strong>"✕ The JSON is not a scenario the form can show."</strong>" "{first_error}</p>
                <p class="hint">"The form shows the last good version and is locked until the JSON is fixed, so that nothing you typed is overwritten."</p>
                <div class="notice-actions">
                    <button type="button" class="secondary" on:click=move |_| show_json.run(())>"Open the JSON editor"</button>
                </div>
            </div>
        })}
        <form class="scenario-form" aria-label="Scenario form" on:submit=|ev| ev.prevent_default()>
            <fieldset class="form-body" prop:disabled=move || malformed.get()>
                <legend class="sr-only">"Scenario"</legend>
                <AboutFields doc=doc/>
                <AssertionEditor doc=doc/>
                <AdvancedEditor doc=doc/>
                <BasicEditor doc=doc/>
                <UserEditor doc=doc/>
                <AccountEditor doc=doc/>
                <SettingsEditor doc=doc/>
            </fieldset>
        </form>
    }
}

/// The error at `path` (or below it), as a memo.
fn error_memo(doc: SamlState, path: Option<String>) -> Memo<Option<String>> {
    Memo::new(move |_| {
        let path = path.as_deref()?;
        doc.parsed.with(|p| p.error_at(path).map(describe))
    })
}

/// A label, an optional rule ID and hint, the control, and its error.
fn shell(
    id: String,
    label: String,
    rule: Option<RuleId>,
    hint: Option<&'static str>,
    error: Memo<Option<String>>,
    control: impl IntoView,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:invalid=move || error.with(Option::is_some)>
            <div class="label-row">
                <label for=id.clone()>{label}</label>
                {rule.map(|r| view! { <RuleRef rule=r/> })}
            </div>
            {control}
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>"✕ "{m}</p> })}
        </div>
    }
}

#[allow(clippy::too_many_arguments)]
fn text_field(
    doc: SamlState,
    id: String,
    label: impl Into<String>,
    rule: Option<RuleId>,
    hint: Option<&'static str>,
    error_path: Option<String>,
    get: impl Fn(&Scenario) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, String) + Copy + 'static,
) -> impl IntoView {
    let error = error_memo(doc, error_path);
    let control = view! {
        <input id=id.clone() type="text" autocomplete="off" spellcheck="false"
            aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
            aria-describedby=format!("{id}-hint {id}-error")
            prop:value=move || doc.draft.with(|d| d.as_ref().map(get).unwrap_or_default())
            on:input=move |ev| {
                let value = event_target_value(&ev);
                doc.edit(|s| set(s, value));
            }/>
    };
    shell(id, label.into(), rule, hint, error, control)
}

/// A list edited one item per line.
#[allow(clippy::too_many_arguments)]
fn lines_field(
    doc: SamlState,
    id: String,
    label: impl Into<String>,
    rule: Option<RuleId>,
    hint: Option<&'static str>,
    error_path: Option<String>,
    get: impl Fn(&Scenario) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, String) + Copy + 'static,
) -> impl IntoView {
    let error = error_memo(doc, error_path);
    let rows = move || {
        doc.draft
            .with(|d| d.as_ref().map(get).unwrap_or_default())
            .split('\n')
            .count()
            .clamp(2, 8)
    };
    let control = view! {
        <textarea id=id.clone() class="lines" spellcheck="false" rows=rows
            aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
            aria-describedby=format!("{id}-hint {id}-error")
            prop:value=move || doc.draft.with(|d| d.as_ref().map(get).unwrap_or_default())
            on:input=move |ev| {
                let value = event_target_value(&ev);
                doc.edit(|s| set(s, value));
            }></textarea>
    };
    shell(id, label.into(), rule, hint, error, control)
}

#[allow(clippy::too_many_arguments)]
fn number_field(
    doc: SamlState,
    id: String,
    label: impl Into<String>,
    rule: Option<RuleId>,
    hint: Option<&'static str>,
    error_path: Option<String>,
    (min, max): (u32, u32),
    get: impl Fn(&Scenario) -> u32 + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, u32) + Copy + 'static,
) -> impl IntoView {
    let located = error_memo(doc, error_path);
    let current = Memo::new(move |_| doc.draft.with(|d| d.as_ref().map(get)));
    // What was typed that is not a whole number, and the value it was typed over:
    // it stays on show, marked, and the outcome out of date, until it is fixed or the value
    // changes under it (the JSON editor, an example).
    let typed = RwSignal::new(None::<(String, Option<u32>)>);
    let pending = Memo::new(move |_| {
        typed
            .get()
            .filter(|(_, under)| current.with(|c| c == under))
            .map(|(text, _)| text)
    });
    let key = id.clone();
    Effect::new(move |_| {
        let invalid = pending.with(Option::is_some);
        let key = key.clone();
        doc.invalid_fields.update(|f| {
            if invalid {
                f.insert(key);
            } else {
                f.remove(&key);
            }
        });
    });
    let key = id.clone();
    on_cleanup(move || {
        doc.invalid_fields.update(|f| {
            f.remove(&key);
        })
    });
    let error = Memo::new(move |_| {
        pending
            .get()
            .map(|text| number_problem(text.trim(), min, max))
            .or_else(|| located.get())
    });
    let control = view! {
        <input id=id.clone() type="text" inputmode="numeric" autocomplete="off" spellcheck="false"
            aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
            aria-describedby=format!("{id}-hint {id}-error")
            prop:value=move || pending.get().unwrap_or_else(|| current.get().unwrap_or_default().to_string())
            on:input=move |ev| {
                let text = event_target_value(&ev);
                match text.trim().parse::<u32>() {
                    // A number out of range is the scenario's to refuse, on this field.
                    Ok(n) => {
                        typed.set(None);
                        doc.edit(|s| set(s, n));
                    }
                    _ => typed.set(Some((text, current.get_untracked()))),
                }
            }/>
    };
    shell(id, label.into(), rule, hint, error, control)
}

/// Why a number field's text cannot be used, and what to type.
pub fn number_problem(text: &str, min: u32, max: u32) -> String {
    let wanted = format!("type a whole number, from {min} to {max}");
    if text.is_empty() {
        format!("This field is empty: {wanted}.")
    } else {
        format!("“{text}” cannot be used: {wanted}.")
    }
}

fn select_field(
    doc: SamlState,
    id: String,
    label: impl Into<String>,
    rule: Option<RuleId>,
    options: Vec<(String, String)>,
    get: impl Fn(&Scenario) -> String + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, String) + Copy + 'static,
) -> impl IntoView {
    let error = error_memo(doc, None);
    let options = options
        .into_iter()
        .map(|(value, text)| {
            let v = value.clone();
            view! {
                <option value=value selected=move || doc.draft.with(|d| d.as_ref().map(get)) == Some(v.clone())>{text}</option>
            }
        })
        .collect_view();
    let control = view! {
        <select id=id.clone() on:change=move |ev| {
            let value = event_target_value(&ev);
            doc.edit(|s| set(s, value));
        }>{options}</select>
    };
    shell(id, label.into(), rule, None, error, control)
}

fn check_field(
    doc: SamlState,
    id: String,
    label: impl Into<String>,
    rule: Option<RuleId>,
    get: impl Fn(&Scenario) -> bool + Copy + Send + Sync + 'static,
    set: impl Fn(&mut Scenario, bool) + Copy + 'static,
) -> impl IntoView {
    let label: String = label.into();
    view! {
        <div class="check">
            <input id=id.clone() type="checkbox"
                prop:checked=move || doc.draft.with(|d| d.as_ref().is_some_and(get))
                on:change=move |ev| {
                    let on = event_target_checked(&ev);
                    doc.edit(|s| set(s, on));
                }/>
            <label for=id>{label}</label>
            {rule.map(|r| view! { <RuleRef rule=r/> })}
        </div>
    }
}

fn word_options(words: &[&str], label: impl Fn(&str) -> String) -> Vec<(String, String)> {
    words.iter().map(|w| ((*w).to_string(), label(w))).collect()
}

/// Title and description.
#[component]
fn AboutFields(doc: SamlState) -> impl IntoView {
    view! {
        <section class="form-section" aria-labelledby="about-title">
            <h3 id="about-title">"About this scenario"</h3>
            <div class="grid-2">
                {text_field(doc, "scenario-title".into(), "Title", None, None, None,
                    |s| s.title.clone().unwrap_or_default(), |s, v| s.title = document::optional(v))}
                {text_field(doc, "scenario-description".into(), "Description", None, None, None,
                    |s| s.description.clone().unwrap_or_default(), |s, v| s.description = document::optional(v))}
            </div>
        </section>
    }
}

/// The assertion: NameID, attributes (name → values) and the number of sign-ins.
#[component]
fn AssertionEditor(doc: SamlState) -> impl IntoView {
    let has_saml = Memo::new(move |_| {
        doc.draft
            .with(|d| d.as_ref().is_some_and(|s| s.saml.is_some()))
    });
    let has_response = Memo::new(move |_| {
        doc.draft.with(|d| {
            d.as_ref()
                .and_then(|s| s.saml.as_ref())
                .is_some_and(|i| i.response.is_some())
        })
    });
    let add_attribute = move |_| {
        let mut added = None;
        doc.edit(|s| {
            let input = s.saml.get_or_insert_with(|| document::empty_sign_in(None));
            let name = document::new_attribute_name(input);
            input
                .attributes
                .insert(name.clone(), Values::One(String::new()));
            added = Some(name);
        });
        if let Some(name) = added {
            // The new name has a row at the end of the list (rows keep their order).
            let id = doc
                .attribute_rows
                .with_untracked(|rows| rows.iter().find(|r| r.key == name).map(|r| r.id));
            if let Some(id) = id {
                browser::focus_later(vec![format!("attr-{id}-name")]);
            }
        }
    };
    let rows = move || {
        view! {
            <For each=move || doc.attribute_rows.get() key=|row| row.id
                children=move |row| attribute_row(doc, row.id)/>
        }
    };
    view! {
        <section class="form-section" aria-labelledby="assertion-title">
            <h3 id="assertion-title">"Sign-in (the SAML assertion)"</h3>
            <Show when=move || has_saml.get() fallback=move || view! {
                <p class="hint">"The scenario has no sign-in yet."</p>
                <button type="button" class="primary" on:click=move |_| {
                    doc.edit(|s| s.saml = Some(document::empty_sign_in(Some("user@example.com".into()))));
                }>"Add a sign-in"</button>
            }>
                <Show when=move || !has_response.get() fallback=move || view! {
                    <p class="hint" data-testid="assertion-is-response">"This sign-in is a pasted SAML Response: see what Zoom receives, or paste another, in the SAML Response tab above."</p>
                }>
                <div class="grid-2">
                    {text_field(doc, "saml-name-id".into(), "NameID (usually the email)", Some(rules::SAML_09), None, Some("/saml/name_id".into()),
                        |s| s.saml.as_ref().and_then(|i| i.name_id.clone()).unwrap_or_default(),
                        |s, v| if let Some(i) = s.saml.as_mut() { i.name_id = document::optional(v) })}
                    {number_field(doc, "saml-sign-ins".into(), "Sign-ins in a row", Some(rules::SAML_31),
                        Some("Mapping applies at every sign-in (SAML-01); each starts from the state the last one left."),
                        Some("/saml/sign_ins".into()), (1, 20),
                        |s| s.saml.as_ref().map(|i| i.sign_ins).unwrap_or(1),
                        |s, n| if let Some(i) = s.saml.as_mut() { i.sign_ins = n })}
                </div>
                <h4 class="subhead">"Attributes"</h4>
                <p class="hint">"One value per line. A rule matches when a value contains the rule's value (SAML-03)."</p>
                <ul class="attribute-list" data-testid="attributes">{rows}</ul>
                <button type="button" class="secondary" id="add-attribute" on:click=add_attribute>"+ Add attribute"</button>
                </Show>
            </Show>
        </section>
    }
}

/// Renames the row `id` to what was typed in its name field: the scenario takes the name when it
/// can (not empty, no other attribute's); otherwise the row keeps it on show, marked, while the
/// scenario keeps the old one. Rows waiting for a name another row just gave up take it too.
fn rename_row(doc: SamlState, id: u32, typed: String) {
    let mut rows = doc.attribute_rows.get_untracked();
    if let Some(row) = rows.iter_mut().find(|r| r.id == id) {
        row.typed = typed;
    }
    loop {
        let next = rows.iter().position(|row| {
            let name = row.typed.trim();
            row.pending() && !name.is_empty() && !rows.iter().any(|r| r.key == name)
        });
        let Some(row) = next.and_then(|at| rows.get_mut(at)) else {
            break;
        };
        let (old, new) = (row.key.clone(), row.typed.trim().to_string());
        let renamed = doc.edit(|s| {
            if let Some(input) = s.saml.as_mut() {
                if let Some(v) = input.attributes.remove(&old) {
                    input.attributes.insert(new.clone(), v);
                }
            }
        });
        if !renamed {
            break;
        }
        row.key = new;
    }
    doc.store_rows(rows);
}

/// The row `id` of the sign-in's attributes: its name, its values, a remove button. The row reads
/// its name from the rows by its id, so it keeps its place and its focus while the name changes.
fn attribute_row(doc: SamlState, id: u32) -> impl IntoView {
    let row = Memo::new(move |_| {
        doc.attribute_rows
            .with(|rows| rows.iter().find(|r| r.id == id).cloned())
    });
    let key = move || row.with(|r| r.as_ref().map(|r| r.key.clone()).unwrap_or_default());
    let position = Memo::new(move |_| {
        doc.attribute_rows
            .with(|rows| rows.iter().position(|r| r.id == id).map_or(0, |k| k + 1))
    });
    let problem = Memo::new(move |_| {
        doc.attribute_rows.with(|rows| {
            rows.iter()
                .find(|r| r.id == id)
                .and_then(|row| crate::saml_state::row_problem(rows, row))
        })
    });
    let values = move || {
        let key = key();
        doc.draft.with(|d| {
            d.as_ref()
                .and_then(|s| s.saml.as_ref())
                .and_then(|i| i.attributes.get(&key))
                .map(document::lines_from_values)
                .unwrap_or_default()
        })
    };
    let rows = move || values().split('\n').count().clamp(1, 6);
    let values_error = Memo::new(move |_| {
        let path = format!(
            "/saml/attributes/{}",
            key().replace('~', "~0").replace('/', "~1")
        );
        doc.parsed.with(|p| p.error_at(&path).map(describe))
    });
    let remove = move |_| {
        let name = key();
        let (at, count) = doc.attribute_rows.with_untracked(|rows| {
            (
                rows.iter().position(|r| r.id == id).unwrap_or(0),
                rows.len(),
            )
        });
        doc.edit(move |s| {
            if let Some(input) = s.saml.as_mut() {
                input.attributes.remove(&name);
            }
        });
        // Focus the remove button of the row that takes this one's place, or the one above.
        let next = if at + 1 < count {
            at + 1
        } else {
            at.saturating_sub(1)
        };
        let ids = doc.attribute_rows.with_untracked(|rows| {
            rows.get(next)
                .filter(|r| r.id != id)
                .map(|r| format!("attr-{}-remove", r.id))
        });
        browser::focus_later(
            ids.into_iter()
                .chain(["add-attribute".to_string()])
                .collect(),
        );
    };
    let name_id = format!("attr-{id}-name");
    let values_id = format!("attr-{id}-values");
    view! {
        <li class="attribute-row" data-testid="attribute-row" data-attribute=key>
            <div class="field" class:invalid=move || problem.with(Option::is_some)>
                <label for=name_id.clone()>"Name"<span class="sr-only">{move || format!(" of attribute {}", position.get())}</span></label>
                <input id=name_id.clone() type="text" spellcheck="false" autocomplete="off" data-testid="attribute-name"
                    aria-invalid=move || problem.with(|p| p.is_some().then_some("true"))
                    aria-describedby=format!("{name_id}-error")
                    prop:value=move || row.with(|r| r.as_ref().map(|r| r.typed.clone()).unwrap_or_default())
                    on:input=move |ev| rename_row(doc, id, event_target_value(&ev))/>
                {move || problem.get().map(|m| view! { <p class="field-error" id=format!("attr-{id}-name-error") data-testid="attribute-name-error">"✕ "{m}</p> })}
            </div>
            <div class="field grow" class:invalid=move || values_error.with(Option::is_some)>
                <label for=values_id.clone()>"Values"<span class="sr-only">{move || format!(" of attribute {}", position.get())}</span></label>
                <textarea id=values_id class="lines" spellcheck="false" rows=rows data-testid="attribute-values"
                    prop:value=values
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        let name = key();
                        doc.edit(move |s| {
                            if let Some(input) = s.saml.as_mut() {
                                input.attributes.insert(name, document::values_from_lines(&text));
                            }
                        });
                    }></textarea>
                {move || values_error.get().map(|m| view! { <p class="field-error">"✕ "{m}</p> })}
            </div>
            <div class="row-tools">
                <button type="button" class="icon danger" id=format!("attr-{id}-remove")
                    aria-label=move || format!("Remove attribute {}", position.get()) title="Remove attribute" on:click=remove>"✕"</button>
            </div>
        </li>
    }
}

/// Advanced mapping: the configured sections, each with its ordered rules.
#[component]
fn AdvancedEditor(doc: SamlState) -> impl IntoView {
    let shape = Memo::new(move |_| {
        doc.draft.with(|d| {
            d.as_ref()
                .map(|s| {
                    s.sso
                        .advanced
                        .iter()
                        .map(|c| (c.section, c.rules.len()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let to_add = Memo::new(move |_| {
        doc.draft.with(|d| {
            d.as_ref()
                .map(document::sections_to_add)
                .unwrap_or_default()
        })
    });
    let picker = NodeRef::<html::Select>::new();
    let add_section = move |_| {
        let Some(select) = picker.get_untracked() else {
            return;
        };
        let key = select.value();
        let Some(section) = Section::ALL.into_iter().find(|s| s.key() == key) else {
            return;
        };
        let mut index = 0;
        doc.edit(|s| index = document::add_section(s, section));
        browser::focus_later(vec![format!("section-{index}-add-rule")]);
    };
    let sections = move || {
        let shape = shape.get();
        let count = shape.len();
        shape
            .into_iter()
            .enumerate()
            .map(|(i, (section, n))| section_editor(doc, i, count, section, n))
            .collect_view()
    };
    view! {
        <section class="form-section" aria-labelledby="advanced-title">
            <h3 id="advanced-title">"Advanced mapping"</h3>
            <p class="hint">"Sections run in the fixed order of SAML-02, whatever their order here; within a section rules are tried top to bottom and the first match wins (SAML-04)."</p>
            <div class="sections" data-testid="advanced-sections">{sections}</div>
            <div class="add-section">
                <div class="field grow">
                    <label for="add-section">"Section to add"</label>
                    <select id="add-section" node_ref=picker>
                        {move || to_add.get().into_iter().map(|s| {
                            let plan = s.plan().map(|p| format!(" — needs {}", p.label())).unwrap_or_default();
                            view! { <option value=s.key()>{format!("{}{plan}", s.label())}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <button type="button" class="secondary" id="add-section-button" on:click=add_section>"+ Add section"</button>
            </div>
        </section>
    }
}

fn section_editor(
    doc: SamlState,
    i: usize,
    count: usize,
    section: Section,
    n: usize,
) -> impl IntoView {
    let key = section.key();
    let label = section.label();
    let missing_plan = Memo::new(move |_| {
        let plan = section.plan()?;
        doc.draft
            .with(|d| d.as_ref().is_some_and(|s| !s.account.plans.contains(&plan)))
            .then_some(plan)
    });
    let move_section = move |up: bool| {
        let mut to = None;
        doc.edit(|s| to = document::move_item(&mut s.sso.advanced, i, up));
        if let Some(to) = to {
            let first = if up { "up" } else { "down" };
            let other = if up { "down" } else { "up" };
            browser::focus_later(vec![
                format!("section-{to}-{first}"),
                format!("section-{to}-{other}"),
            ]);
        }
    };
    let remove_section = move |_| {
        doc.edit(|s| {
            if i < s.sso.advanced.len() {
                s.sso.advanced.remove(i);
            }
        });
        let next = if i + 1 < count {
            i
        } else {
            i.saturating_sub(1)
        };
        browser::focus_later(vec![
            format!("section-{next}-remove"),
            "add-section".to_string(),
        ]);
    };
    let add_rule = move |_| {
        let mut added = None;
        doc.edit(|s| added = document::add_rule(s, i));
        if let Some(j) = added {
            browser::focus_later(vec![format!("rule-{i}-{j}-value")]);
        }
    };
    let choices_hint = section.allowed_values().map(|v| v.join(", "));
    let rows = (0..n)
        .map(|j| rule_row(doc, i, j, n, section))
        .collect_view();
    view! {
        <fieldset class="section-editor" data-testid=format!("section-{key}") data-section=key>
            <legend>
                <span class="section-title">{label}</span>
                <code class="section-key">{key}</code>
            </legend>
            <div class="section-meta">
                <span class="hint">"Behaviour: "</span><RuleRef rule=section.rule()/>
                {choices_hint.map(|h| view! { <span class="hint">{format!(" · results: {h}")}</span> })}
                <div class="section-tools" role="group" aria-label=format!("Section {label}")>
                    <button type="button" class="icon" id=format!("section-{i}-up") disabled={i == 0}
                        aria-label=format!("Move section {label} up") title="Move section up"
                        on:click=move |_| move_section(true)>"↑"</button>
                    <button type="button" class="icon" id=format!("section-{i}-down") disabled={i + 1 >= count}
                        aria-label=format!("Move section {label} down") title="Move section down"
                        on:click=move |_| move_section(false)>"↓"</button>
                    <button type="button" class="danger small" id=format!("section-{i}-remove")
                        aria-label=format!("Remove section {label}") on:click=remove_section>"Remove section"</button>
                </div>
            </div>
            {move || missing_plan.get().map(|plan| view! {
                <p class="field-warning">"⚠ The account lacks the "{plan.label()}" plan: this section is unavailable (SAML-07). Add the plan under Account."</p>
            })}
            {(n == 0).then(|| view! { <p class="hint">"No rules yet: the section is not mapped and changes nothing."</p> })}
            <ol class="rule-list">{rows}</ol>
            <button type="button" class="secondary small" id=format!("section-{i}-add-rule")
                aria-label=format!("Add rule to {label}") on:click=add_rule>"+ Add rule"</button>
        </fieldset>
    }
}

fn rule_row(doc: SamlState, i: usize, j: usize, n: usize, section: Section) -> impl IntoView {
    let label = section.label();
    let at = format!("/sso/advanced/{i}/rules/{j}");
    let rule = move |s: &Scenario| s.sso.advanced.get(i).and_then(|c| c.rules.get(j)).cloned();
    let attribute = text_field(
        doc,
        format!("rule-{i}-{j}-attribute"),
        "Attribute",
        None,
        None,
        Some(format!("{at}/attribute")),
        move |s| rule(s).map(|r| r.attribute).unwrap_or_default(),
        move |s, v| {
            if let Some(r) = s.sso.advanced.get_mut(i).and_then(|c| c.rules.get_mut(j)) {
                r.attribute = v;
            }
        },
    );
    let value = text_field(
        doc,
        format!("rule-{i}-{j}-value"),
        "Value contains",
        None,
        None,
        Some(format!("{at}/value")),
        move |s| rule(s).map(|r| r.value).unwrap_or_default(),
        move |s, v| {
            if let Some(r) = s.sso.advanced.get_mut(i).and_then(|c| c.rules.get_mut(j)) {
                r.value = v;
            }
        },
    );
    let result = result_control(doc, i, j, section, format!("{at}/result"));
    let move_rule = move |up: bool| {
        let mut to = None;
        doc.edit(|s| {
            if let Some(c) = s.sso.advanced.get_mut(i) {
                to = document::move_item(&mut c.rules, j, up);
            }
        });
        if let Some(to) = to {
            let first = if up { "up" } else { "down" };
            let other = if up { "down" } else { "up" };
            browser::focus_later(vec![
                format!("rule-{i}-{to}-{first}"),
                format!("rule-{i}-{to}-{other}"),
            ]);
        }
    };
    let remove = move |_| {
        doc.edit(|s| {
            if let Some(c) = s.sso.advanced.get_mut(i) {
                if j < c.rules.len() {
                    c.rules.remove(j);
                }
            }
        });
        let next = if j + 1 < n { j } else { j.saturating_sub(1) };
        browser::focus_later(vec![
            format!("rule-{i}-{next}-remove"),
            format!("section-{i}-add-rule"),
        ]);
    };
    let number = j + 1;
    view! {
        <li class="rule-row" data-testid=format!("rule-{}-{j}", section.key())>
            <span class="rule-number" aria-hidden="true">{format!("#{number}")}</span>
            <div class="rule-fields">{attribute}{value}{result}</div>
            <div class="row-tools" role="group" aria-label=format!("Rule #{number} of {label}")>
                <button type="button" class="icon" id=format!("rule-{i}-{j}-up") disabled={j == 0}
                    aria-label=format!("Move rule #{number} of {label} up") title="Move rule up"
                    on:click=move |_| move_rule(true)>"↑"</button>
                <button type="button" class="icon" id=format!("rule-{i}-{j}-down") disabled={j + 1 >= n}
                    aria-label=format!("Move rule #{number} of {label} down") title="Move rule down"
                    on:click=move |_| move_rule(false)>"↓"</button>
                <button type="button" class="icon danger" id=format!("rule-{i}-{j}-remove")
                    aria-label=format!("Remove rule #{number} of {label}") title="Remove rule"
                    on:click=remove>"✕"</button>
            </div>
        </li>
    }
}

/// The result of a rule: a list to pick from where the section has fixed values (its own, the
/// account's sub-accounts or templates), lines where it takes several, else free text.
fn result_control(
    doc: SamlState,
    i: usize,
    j: usize,
    section: Section,
    error_path: String,
) -> AnyView {
    let id = format!("rule-{i}-{j}-result");
    let current = move || {
        doc.draft.with(|d| {
            d.as_ref()
                .and_then(|s| s.sso.advanced.get(i))
                .and_then(|c| c.rules.get(j))
                .map(|r| document::lines_from_values(&r.result))
                .unwrap_or_default()
        })
    };
    let set = move |s: &mut Scenario, v: String| {
        if let Some(r) = s.sso.advanced.get_mut(i).and_then(|c| c.rules.get_mut(j)) {
            r.result = document::values_from_lines(&v);
        }
    };
    let fixed = section.allowed_values().is_some()
        || matches!(section, Section::SubAccount | Section::CcNewUserTemplate);
    if fixed {
        let choices = Memo::new(move |_| {
            doc.draft.with(|d| {
                d.as_ref()
                    .and_then(|s| document::result_choices(&s.account, section))
                    .unwrap_or_default()
            })
        });
        let error = error_memo(doc, Some(error_path));
        let empty_hint = match section {
            Section::SubAccount => Some("Add sub-accounts under Account to pick one."),
            Section::CcNewUserTemplate => {
                Some("Add Contact Center templates in the JSON (account.cc_templates) to pick one.")
            }
            _ => None,
        };
        let control = view! {
            <select id=id.clone()
                aria-invalid=move || error.with(|e| e.is_some().then_some("true"))
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    doc.edit(|s| set(s, value));
                }>
                {move || {
                    let now = current();
                    (!choices.with(|c| c.contains(&now))).then(|| {
                        let text = if now.is_empty() { "(choose)".to_string() } else { format!("{now} (not valid)") };
                        view! { <option value=now.clone() selected=true>{text}</option> }
                    })
                }}
                {move || choices.get().into_iter().map(|c| {
                    let v = c.clone();
                    let value = c.clone();
                    view! { <option value=value selected=move || current() == v>{c}</option> }
                }).collect_view()}
            </select>
        };
        let hint = move || choices.with(Vec::is_empty).then_some(empty_hint).flatten();
        let error_id = format!("{id}-error");
        view! {
            <div class="field" class:invalid=move || error.with(Option::is_some)>
                <div class="label-row"><label for=id.clone()>"Result"</label></div>
                {control}
                {move || hint().map(|h| view! { <p class="hint">{h}</p> })}
                {move || error.get().map(|m| view! { <p class="field-error" id=error_id.clone()>"✕ "{m}</p> })}
            </div>
        }
        .into_any()
    } else if section.max_values() > 1 {
        lines_field(
            doc,
            id,
            "Result (one per line)",
            None,
            (section == Section::UserGroup)
                .then_some("At most 20 groups; the first is the primary group."),
            Some(error_path),
            move |s| {
                s.sso
                    .advanced
                    .get(i)
                    .and_then(|c| c.rules.get(j))
                    .map(|r| document::lines_from_values(&r.result))
                    .unwrap_or_default()
            },
            set,
        )
        .into_any()
    } else {
        text_field(
            doc,
            id,
            "Result",
            None,
            None,
            Some(error_path),
            move |s| {
                s.sso
                    .advanced
                    .get(i)
                    .and_then(|c| c.rules.get(j))
                    .map(|r| document::lines_from_values(&r.result))
                    .unwrap_or_default()
            },
            set,
        )
        .into_any()
    }
}

/// A field of Basic mapping: the attribute that carries it.
struct BasicField {
    key: &'static str,
    label: &'static str,
    rule: Option<RuleId>,
    hint: Option<&'static str>,
    slot: fn(&mut provisim_core::saml::BasicMapping) -> &mut Option<String>,
}

/// Basic mapping: which attribute carries each basic field, and a new user's default license.
#[component]
fn BasicEditor(doc: SamlState) -> impl IntoView {
    let fields = [
        BasicField { key: "email", label: "Email attribute", rule: Some(rules::SAML_09), hint: Some("Empty: the NameID. The email maps at the first sign-in only, unless an employee ID is mapped."), slot: |b| &mut b.email },
        BasicField { key: "first_name", label: "First name attribute", rule: Some(rules::SAML_09), hint: None, slot: |b| &mut b.first_name },
        BasicField { key: "last_name", label: "Last name attribute", rule: Some(rules::SAML_09), hint: None, slot: |b| &mut b.last_name },
        BasicField { key: "employee_id", label: "Employee unique ID attribute", rule: Some(rules::SAML_09), hint: None, slot: |b| &mut b.employee_id },
        BasicField { key: "department", label: "Department attribute", rule: None, hint: None, slot: |b| &mut b.department },
        BasicField { key: "job_title", label: "Job title attribute", rule: None, hint: None, slot: |b| &mut b.job_title },
        BasicField { key: "phone_extension", label: "Phone extension attribute", rule: Some(rules::SAML_06), hint: Some("Set at every sign-in; a calling plan mapped in the same sign-in waits for the next (SAML-31)."), slot: |b| &mut b.phone_extension },
    ];
    let inputs = fields
        .into_iter()
        .map(
            |BasicField {
                 key,
                 label,
                 rule,
                 hint,
                 slot,
             }| {
                text_field(
                    doc,
                    format!("basic-{key}"),
                    label,
                    rule,
                    hint,
                    Some(format!("/sso/basic/{key}")),
                    move |s| {
                        let mut basic = s.sso.basic.clone();
                        slot(&mut basic).clone().unwrap_or_default()
                    },
                    move |s, v| *slot(&mut s.sso.basic) = document::optional(v),
                )
            },
        )
        .collect_view();
    let licenses = word_options(&["basic", "licensed", "on_prem", "none"], |w| match w {
        "basic" => "Basic".to_string(),
        "licensed" => "Licensed".to_string(),
        "on_prem" => "On-Prem".to_string(),
        _ => "None — a new user nobody matched is refused".to_string(),
    });
    view! {
        <section class="form-section" aria-labelledby="basic-title">
            <h3 id="basic-title">"Basic mapping"</h3>
            <div class="grid-2">
                {inputs}
                {select_field(doc, "basic-default-license".into(), "Default license of a new user", Some(rules::SAML_09), licenses,
                    |s| document::word(&s.sso.basic.default_license),
                    |s, v| if let Some(l) = document::from_word::<DefaultLicense>(&v) { s.sso.basic.default_license = l })}
            </div>
        </section>
    }
}

/// The user as Zoom holds it before the sign-in, or a new user.
#[component]
fn UserEditor(doc: SamlState) -> impl IntoView {
    let known = Memo::new(move |_| {
        doc.draft
            .with(|d| d.as_ref().is_some_and(|s| s.user.is_some()))
    });
    fn user<T: Default>(s: &Scenario, f: impl Fn(&User) -> T) -> T {
        s.user.as_ref().map(f).unwrap_or_default()
    }
    fn with_user(s: &mut Scenario, f: impl FnOnce(&mut User)) {
        if let Some(u) = s.user.as_mut() {
            f(u);
        }
    }
    let licenses = word_options(&["basic", "licensed", "on_prem"], |w| {
        document::from_word::<LicenseType>(w)
            .map(|l| l.label().to_string())
            .unwrap_or_default()
    });
    let mut packages = vec![(String::new(), "No Contact Center package".to_string())];
    packages.extend(
        Package::ALL
            .iter()
            .map(|p| (p.key().to_string(), p.label().to_string())),
    );
    view! {
        <section class="form-section" aria-labelledby="user-title">
            <h3 id="user-title">"The user before the sign-in"</h3>
            {check_field(doc, "user-known".into(), "Zoom already knows this user (an existing account)", Some(rules::SAML_01),
                |s| s.user.is_some(),
                |s, on| {
                    s.user = if on {
                        let email = s.saml.as_ref().and_then(|i| i.name_id.clone()).unwrap_or_else(|| "user@example.com".into());
                        Some(User::new(&email))
                    } else {
                        None
                    }
                })}
            <Show when=move || known.get() fallback=|| view! {
                <p class="hint">"A new user: Zoom creates the account at the first sign-in, with the License Assignment result or Basic mapping's default license (SAML-09)."</p>
            }>
                <div class="grid-2">
                    {text_field(doc, "user-email".into(), "Email", None, None, Some("/user/email".into()),
                        |s| user(s, |u| u.email.clone()), |s, v| with_user(s, |u| u.email = v))}
                    {text_field(doc, "user-role".into(), "Role", Some(rules::SAML_21), None, None,
                        |s| user(s, |u| u.role.clone()), |s, v| with_user(s, |u| u.role = v))}
                    {select_field(doc, "user-license".into(), "License", Some(rules::SAML_10), licenses.clone(),
                        |s| user(s, |u| document::word(&u.license)),
                        |s, v| with_user(s, |u| if let Some(l) = document::from_word(&v) { u.license = l }))}
                    {select_field(doc, "user-cc-package".into(), "Contact Center package", Some(rules::SAML_40), packages.clone(),
                        |s| user(s, |u| u.contact_center.package.map(|p| p.key().to_string()).unwrap_or_default()),
                        |s, v| with_user(s, |u| u.contact_center.package = document::from_word(&v)))}
                    {text_field(doc, "user-extension".into(), "Phone extension", Some(rules::SAML_30), None, None,
                        |s| user(s, |u| u.phone.extension.clone().unwrap_or_default()),
                        |s, v| with_user(s, |u| u.phone.extension = document::optional(v)))}
                    {lines_field(doc, "user-groups".into(), "Groups (one per line)", Some(rules::SAML_22),
                        Some("The first is the primary group."), Some("/user/groups".into()),
                        |s| user(s, |u| u.groups.join("\n")),
                        |s, v| with_user(s, |u| u.groups = document::list_from_lines(&v)))}
                </div>
                <div class="checks">
                    {check_field(doc, "user-owner".into(), "The account owner", Some(rules::SAML_08),
                        |s| user(s, |u| u.owner), |s, on| with_user(s, |u| u.owner = on))}
                    {check_field(doc, "user-phone-user".into(), "An existing Zoom Phone user", Some(rules::SAML_32),
                        |s| user(s, |u| u.phone.phone_user), |s, on| with_user(s, |u| u.phone.phone_user = on))}
                    {check_field(doc, "user-upcoming".into(), "Hosts upcoming meetings or webinars", Some(rules::SAML_12),
                        |s| user(s, |u| u.upcoming_events), |s, on| with_user(s, |u| u.upcoming_events = on))}
                </div>
                <p class="hint">"Add-ons, listed licenses and the other fields are in the JSON editor."</p>
            </Show>
        </section>
    }
}

/// The account: plans, sub-accounts, Basic users and templates.
#[component]
fn AccountEditor(doc: SamlState) -> impl IntoView {
    let plans = document::PLANS
        .into_iter()
        .filter_map(|key| {
            let plan = document::plan(key)?;
            Some(check_field(
                doc,
                format!("plan-{key}"),
                plan.label(),
                None,
                move |s| s.account.plans.contains(&plan),
                move |s, on| {
                    if on {
                        s.account.plans.insert(plan);
                    } else {
                        s.account.plans.remove(&plan);
                    }
                },
            ))
        })
        .collect_view();
    let templates = move || {
        doc.draft.with(|d| {
            d.as_ref()
                .map(|s| {
                    s.account
                        .cc_templates
                        .iter()
                        .map(|t| t.name.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default()
        })
    };
    view! {
        <details class="form-section collapsible" open>
            <summary><h3>"Account"</h3></summary>
            <fieldset class="plans">
                <legend>"Plans the account holds " <RuleRef rule=rules::SAML_07/></legend>
                <div class="checks grid-2">{plans}</div>
            </fieldset>
            <div class="grid-2">
                {lines_field(doc, "account-sub-accounts".into(), "Sub-accounts (one per line)", Some(rules::SAML_20), None,
                    Some("/account/sub_accounts".into()),
                    |s| s.account.sub_accounts.join("\n"),
                    |s, v| s.account.sub_accounts = document::list_from_lines(&v))}
                {number_field(doc, "account-basic-users".into(), "Basic users the account has", Some(rules::LIC_09),
                    Some("An account holds at most 9,999 Basic users."), Some("/account/basic_users".into()), (0, 100_000),
                    |s| s.account.basic_users, |s, n| s.account.basic_users = n)}
            </div>
            <p class="hint">"Contact Center templates: "
                {move || { let t = templates(); if t.is_empty() { "none".to_string() } else { t } }}
                " (edit them in the JSON editor)."</p>
        </details>
    }
}

/// Every setting, with the rule whose Assumption or Conflict it decides.
#[component]
fn SettingsEditor(doc: SamlState) -> impl IntoView {
    let field = move |f: document::SettingField| {
        let key = f.key;
        let id = format!("setting-{key}");
        let get = move |s: &Scenario| document::setting(&s.settings, key).unwrap_or(Value::Null);
        let set = move |s: &mut Scenario, v: Value| {
            document::set_setting(&mut s.settings, key, v);
        };
        let changed = move || {
            doc.draft.with(|d| {
                d.as_ref().is_some_and(|s| {
                    document::setting(&s.settings, key)
                        != document::setting(&Default::default(), key)
                })
            })
        };
        let control = match f.control {
            Control::Toggle => check_field(
                doc,
                id,
                f.label(),
                Some(f.rule),
                move |s| get(s) == Value::Bool(true),
                move |s, on| set(s, Value::Bool(on)),
            )
            .into_any(),
            Control::Choice(choices) => select_field(
                doc,
                id,
                f.label(),
                Some(f.rule),
                choices
                    .iter()
                    .map(|(v, t)| ((*v).to_string(), (*t).to_string()))
                    .collect(),
                move |s| get(s).as_str().unwrap_or_default().to_string(),
                move |s, v| set(s, Value::String(v)),
            )
            .into_any(),
            Control::Minutes => number_field(
                doc,
                id,
                f.label(),
                Some(f.rule),
                None,
                Some(format!("/settings/{key}")),
                (1, 10_000),
                move |s| {
                    get(s)
                        .as_u64()
                        .and_then(|n| u32::try_from(n).ok())
                        .unwrap_or(0)
                },
                move |s, n| set(s, Value::from(n)),
            )
            .into_any(),
        };
        view! {
            <li class="setting" data-setting=key>
                {control}
                <span class="setting-state" class:changed=changed>{move || if changed() { "changed" } else { "default" }}</span>
            </li>
        }
    };
    let saml = SETTINGS
        .into_iter()
        .filter(|f| f.saml)
        .map(field)
        .collect_view();
    let other = SETTINGS
        .into_iter()
        .filter(|f| !f.saml)
        .map(field)
        .collect_view();
    view! {
        <details class="form-section collapsible" open>
            <summary><h3>"Settings"</h3></summary>
            <p class="hint">"Where Zoom's documentation is silent or contradicts itself, the choice is yours: each setting names the rule it decides."</p>
            <h4 class="subhead">"Read by the SAML sign-in"</h4>
            <ul class="settings-list">{saml}</ul>
            <h4 class="subhead">"Read by other simulations (SCIM)"</h4>
            <ul class="settings-list">{other}</ul>
        </details>
    }
}
