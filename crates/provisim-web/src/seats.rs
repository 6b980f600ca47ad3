//! The seat planner workbench: Contact Center agents, pool and add-ons in; access per product out.

use crate::rule_ref::RuleRef;
use leptos::prelude::*;
use provisim_core::license::seats::{plan, AddOnCounts, SeatInput, SeatPlan};
use provisim_core::license::{Bundle, Licensing, Package};
use serde::{Deserialize, Serialize};

use crate::route::Route;
use crate::toolbar::ScenarioToolbar;
use crate::workbench::Replaced;

/// Where the workbench autosaves its form.
pub const STORAGE_KEY: &str = "provisim.seats.form";

/// Reads a whole, non-negative number from a form field; `None` when it is not one.
fn parse_count(text: &str) -> Option<u32> {
    text.trim().parse::<u32>().ok()
}

/// The form's raw text fields, kept as typed so that a half-typed number is not lost (and saved so,
/// by the autosave).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeatForm {
    pub agents: String,
    pub package: Package,
    pub licensing: Licensing,
    pub bundle: Option<Bundle>,
    pub pool: String,
    pub wfm: String,
    pub qm: String,
    pub ai: String,
}

impl Default for SeatForm {
    fn default() -> Self {
        Self {
            agents: "100".into(),
            package: Package::Elite,
            licensing: Licensing::Concurrent,
            bundle: None,
            pool: "25".into(),
            wfm: "0".into(),
            qm: "0".into(),
            ai: "0".into(),
        }
    }
}

impl SeatForm {
    /// The planner input, or the label of each field that is not a whole number.
    pub fn to_input(&self) -> Result<SeatInput, Vec<&'static str>> {
        let fields = [
            ("Agents", &self.agents),
            ("Licenses in the pool", &self.pool),
            ("WFM add-ons", &self.wfm),
            ("QM add-ons", &self.qm),
            ("AI Expert Assist add-ons", &self.ai),
        ];
        let bad: Vec<&'static str> = fields
            .iter()
            .filter(|(_, v)| parse_count(v).is_none())
            .map(|(l, _)| *l)
            .collect();
        if !bad.is_empty() {
            return Err(bad);
        }
        let n = |v: &String| parse_count(v).unwrap_or(0);
        Ok(SeatInput {
            agents: n(&self.agents),
            package: self.package,
            licensing: self.licensing,
            bundle: self.bundle,
            pool: n(&self.pool),
            addons: AddOnCounts {
                wfm: n(&self.wfm),
                qm: n(&self.qm),
                ai_expert_assist: n(&self.ai),
            },
        })
    }
}

impl SeatForm {
    pub fn from_input(input: &SeatInput) -> Self {
        Self {
            agents: input.agents.to_string(),
            package: input.package,
            licensing: input.licensing,
            bundle: input.bundle,
            pool: input.pool.to_string(),
            wfm: input.addons.wfm.to_string(),
            qm: input.addons.qm.to_string(),
            ai: input.addons.ai_expert_assist.to_string(),
        }
    }

    /// The form as a scenario document (`"provisim": 1` with a `seats` input), for export and
    /// share links; why not, while a field is not a number.
    pub fn scenario_text(&self) -> Result<String, String> {
        let input = self.to_input().map_err(|bad| {
            format!(
                "enter a whole number in {} to export the plan",
                bad.join(", ")
            )
        })?;
        let document = serde_json::json!({
            "provisim": provisim_core::SCENARIO_FORMAT_VERSION,
            "title": "Contact Center seat plan",
            "seats": input,
        });
        let mut text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
        text.push('\n');
        Ok(text)
    }

    /// The form of a scenario document with a `seats` input.
    pub fn from_scenario_text(text: &str) -> Result<Self, String> {
        let text = crate::document::scenario_text(text);
        let scenario = provisim_core::scenario::parse(&text).map_err(|errors| {
            errors
                .first()
                .map(crate::editor::describe)
                .unwrap_or_default()
        })?;
        scenario
            .seats
            .as_ref()
            .map(Self::from_input)
            .ok_or_else(|| "this scenario has no `seats` input for the seat planner".to_string())
    }
}

/// What replaced the plan, and the plan it replaced.
pub type SeatReplaced = Replaced<SeatForm>;

/// The seat planner's state: the form, and the plan an example, an import or a share link
/// replaced, one click away.
#[derive(Clone, Copy, Debug)]
pub struct SeatDoc {
    pub form: RwSignal<SeatForm>,
    pub replaced: RwSignal<Option<SeatReplaced>>,
}

impl SeatDoc {
    pub fn new(form: SeatForm) -> Self {
        Self {
            form: RwSignal::new(form),
            replaced: RwSignal::new(None),
        }
    }

    /// Replaces the plan, keeping the one it replaces to switch back to.
    pub fn replace(&self, form: SeatForm, what: impl Into<String>) {
        let previous = self.form.get_untracked();
        if previous == form {
            return;
        }
        self.replaced.set(Some(Replaced {
            what: what.into(),
            previous,
        }));
        self.form.set(form);
    }

    /// Swaps the plan and the one it replaced.
    pub fn switch_back(&self) {
        let Some(replaced) = self.replaced.get_untracked() else {
            return;
        };
        let current = self.form.get_untracked();
        self.form.set(replaced.previous);
        self.replaced.set(Some(Replaced::switched_back(
            current,
            "Your previous plan is back",
        )));
    }
}

/// The seat planner: a form whose result updates on every keystroke. With `replaced`, a plan
/// replaced by an example, an import or a share link is offered back.
#[component]
pub fn SeatPlanner(
    form: RwSignal<SeatForm>,
    #[prop(optional)] replaced: Option<RwSignal<Option<SeatReplaced>>>,
) -> impl IntoView {
    let doc = SeatDoc {
        form,
        replaced: replaced.unwrap_or_else(|| RwSignal::new(None)),
    };
    let export = Signal::derive(move || form.with(SeatForm::scenario_text));
    let file_name = Signal::derive(|| "provisim-seat-plan.json".to_string());
    let on_import = Callback::new(move |text: String| {
        let imported = SeatForm::from_scenario_text(&text)?;
        doc.replace(imported, "Imported a plan file");
        Ok("imported into the seat planner".to_string())
    });
    let result = Memo::new(move |_| form.with(|f| f.to_input().map(|input| plan(&input))));

    let number = move |id: &'static str,
                       label: &'static str,
                       get: fn(&SeatForm) -> String,
                       set: fn(&mut SeatForm, String)| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <input id=id type="number" min="0" step="1" inputmode="numeric"
                    prop:value=move || form.with(get)
                    on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)); } />
            </div>
        }
    };

    view! {
        <section class="workbench seats" aria-labelledby="seats-title">
            <div class="workbench-head">
                <div>
                    <h1 id="seats-title">"Contact Center seat planner"</h1>
                    <p class="lede">"How many agents can use Contact Center, Workforce Management, Quality Management and AI Expert Assist with this pool, and which add-ons are still missing."</p>
                </div>
                <ScenarioToolbar route=Route::Seats export=export file_name=file_name on_import=on_import/>
            </div>
            <crate::workbench::ReplacedNotice what=Signal::derive(move || doc.replaced.with(|r| r.as_ref().map(|r| r.what.clone())))
                kept="The plan you had before is kept in this tab."
                on_back=Callback::new(move |()| doc.switch_back()) on_dismiss=Callback::new(move |()| doc.replaced.set(None))/>
            <form class="form-grid" on:submit=|ev| ev.prevent_default()>
                {number("seats-agents", "Agents", |f| f.agents.clone(), |f, v| f.agents = v)}
                <div class="field">
                    <label for="seats-package">"Package"</label>
                    <select id="seats-package" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.package = Package::ALL.into_iter().find(|p| p.key() == v).unwrap_or(f.package));
                    }>
                        {Package::ALL.into_iter().map(|p| view! {
                            <option value=p.key() selected=move || form.with(|f| f.package == p)>{p.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="seats-licensing">"Licensing"</label>
                    <select id="seats-licensing" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.licensing = if v == "named" { Licensing::Named } else { Licensing::Concurrent });
                    }>
                        <option value="concurrent" selected=move || form.with(|f| f.licensing == Licensing::Concurrent)>"Concurrent"</option>
                        <option value="named" selected=move || form.with(|f| f.licensing == Licensing::Named)>"Named"</option>
                    </select>
                </div>
                <div class="field">
                    <label for="seats-bundle">"Bundle"</label>
                    <select id="seats-bundle" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        form.update(|f| f.bundle = match v.as_str() { "bundled" => Some(Bundle::Bundled), "unbundled" => Some(Bundle::Unbundled), _ => None });
                    }>
                        <option value="default" selected=move || form.with(|f| f.bundle.is_none())>"As the package comes (Elite bundled)"</option>
                        <option value="bundled" selected=move || form.with(|f| f.bundle == Some(Bundle::Bundled))>"Bundled"</option>
                        <option value="unbundled" selected=move || form.with(|f| f.bundle == Some(Bundle::Unbundled))>"Unbundled"</option>
                    </select>
                </div>
                {number("seats-pool", "Licenses in the pool", |f| f.pool.clone(), |f, v| f.pool = v)}
                {number("seats-wfm", "WFM add-ons", |f| f.wfm.clone(), |f, v| f.wfm = v)}
                {number("seats-qm", "QM add-ons", |f| f.qm.clone(), |f, v| f.qm = v)}
                {number("seats-ai", "AI Expert Assist add-ons", |f| f.ai.clone(), |f, v| f.ai = v)}
            </form>
            <div id="outcome" tabindex="-1" role="region" aria-label="Outcome" aria-live="polite">
                {move || match result.get() {
                    Ok(plan) => view! { <SeatResult plan=plan/> }.into_any(),
                    Err(bad) => view! {
                        <p class="error" role="alert" data-testid="seats-error">
                            "Enter a whole number of 0 or more in: " {bad.join(", ")}
                        </p>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

/// The plan as a table of products and a list of warnings with their rule IDs.
#[component]
pub fn SeatResult(plan: SeatPlan) -> impl IntoView {
    let rows = plan.products.iter().map(|p| {
        let key = format!("{:?}", p.product).to_lowercase();
        let lacking = p.without_access > 0;
        view! {
            <tr data-testid=format!("seats-row-{key}") class:lacking=lacking>
                <th scope="row">{p.product.label()}</th>
                <td data-testid=format!("seats-with-{key}")>{p.with_access}</td>
                <td data-testid=format!("seats-without-{key}")>{p.without_access}{lacking.then_some(" ⚠")}</td>
                <td>{format!("{} of {}", p.addons_used, p.addons_held)}</td>
                <td data-testid=format!("seats-needed-{key}")>{p.addons_needed}</td>
            </tr>
        }
    }).collect_view();
    let warnings = plan
        .warnings
        .iter()
        .map(|w| {
            view! {
                <li class="warning" data-rule=w.rule>
                    <span><RuleRef rule=w.rule/></span>
                    <span class="message">{crate::prose::prose(&w.message)}</span>
                    <span class="help">{crate::prose::prose(&w.help)}</span>
                </li>
            }
        })
        .collect_view();
    let trace = plan
        .trace
        .iter()
        .map(|s| {
            view! {
                <li><RuleRef rule=s.rule/>" "{crate::prose::prose(&s.message)}</li>
            }
        })
        .collect_view();
    view! {
        <table class="result" tabindex="0" data-testid="seats-result">
            <caption>"Access per product"</caption>
            <thead><tr>
                <th scope="col">"Product"</th><th scope="col">"With access"</th><th scope="col">"Without access"</th>
                <th scope="col">"Add-ons used"</th><th scope="col">"Add-ons needed"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
        <h2>"Warnings"</h2>
        <ul class="warnings" data-testid="seats-warnings">{warnings}</ul>
        <details class="trace"><summary>"How this was decided"</summary><ol>{trace}</ol></details>
    }
}
