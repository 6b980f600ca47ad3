//! The start page: what provisim answers, and one line per workbench with the question it answers,
//! opening it with an example or with a blank scenario (what it replaces kept for Undo).

use leptos::prelude::*;

use crate::browser;
use crate::examples::{self, Example, EXAMPLES};
use crate::route::Route;
use crate::seats::{SeatDoc, SeatForm};
use crate::workbench::Kind;
use crate::Docs;

/// What the notice over a workbench says after "Start blank".
pub const BLANK_WHAT: &str = "Started from a blank scenario";

/// The question each workbench answers, in the admin's words, and the gallery example its
/// "Start from an example" opens.
pub const QUESTIONS: [(Route, &str, &str); 6] = [
    (
        Route::Seats,
        "With this Contact Center pool, how many agents can use Workforce Management, Quality Management and AI Expert Assist, and which add-ons are missing?",
        "seats-lic-07",
    ),
    (
        Route::Saml,
        "Will this user be let in, and with which license, role, groups and add-ons?",
        "saml-11",
    ),
    (
        Route::Scim,
        "What does Zoom answer when our identity provider creates, changes or removes this user?",
        "scim-06",
    ),
    (
        Route::Csv,
        "Will Zoom take this bulk CSV, and which settings will it clear for each user?",
        "csv-02",
    ),
    (
        Route::Concurrency,
        "Does our concurrent pool cover real usage, or will an overage be billed?",
        "capacity-lic-03",
    ),
    (
        Route::Batch,
        "Across the whole directory, who is refused, who gets which license, and does the pool hold?",
        "batch-lic-07",
    ),
];

/// The SAML workbench's blank scenario: no rules, and a sign-in with no attributes.
pub const BLANK_SAML: &str = r#"{
  "provisim": 1,
  "sso": {
    "basic": {},
    "advanced": []
  },
  "saml": {
    "name_id": "user@example.com",
    "attributes": {}
  }
}
"#;

/// A workbench's blank document: the scenario, and the file part (a header row only; none for
/// SAML and SCIM).
pub fn blank_parts(kind: Kind) -> (&'static str, &'static str) {
    match kind {
        Kind::Saml => (BLANK_SAML, ""),
        Kind::Scim => ("{\n  \"provisim\": 1,\n  \"scim\": {\n    \"requests\": []\n  }\n}\n", ""),
        Kind::Csv => ("{\n  \"provisim\": 1,\n  \"directory\": []\n}\n", "Email\n"),
        Kind::Concurrency => ("{\n  \"pool\": 0\n}\n", "user,start,end\n"),
        Kind::Batch => (
            "{\n  \"provisim\": 1,\n  \"sso\": {\n    \"basic\": {},\n    \"advanced\": []\n  }\n}\n",
            "name_id\n",
        ),
    }
}

/// The seat planner's blank plan: no agents, no licenses, no add-ons.
pub fn blank_seats() -> SeatForm {
    SeatForm {
        agents: "0".into(),
        pool: "0".into(),
        ..SeatForm::default()
    }
}

/// The gallery example a workbench's "Start from an example" opens.
pub fn example_of(id: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.id == id)
}

/// Opens a workbench with its blank scenario, keeping what it replaces one click away; the
/// workbench opens at its top, its heading focused.
pub fn open_blank(route: Route, seats: SeatDoc, docs: Docs) {
    if route == Route::Seats {
        seats.replace(blank_seats(), BLANK_WHAT);
    } else if let Some(doc) = docs.get(route) {
        let (scenario, input) = blank_parts(doc.kind);
        doc.replace(BLANK_WHAT, scenario.to_string(), Some(input.to_string()));
    }
    browser::go(&route.href());
    browser::focus_heading(format!("{}-title", route.path()));
}

#[component]
pub fn StartPage(seats: SeatDoc, docs: Docs) -> impl IntoView {
    let rows = QUESTIONS
        .into_iter()
        .map(|(route, question, example_id)| {
            let name = route.label();
            let path = route.path();
            let heading = format!("start-{path}-name");
            let example = example_of(example_id).copied();
            let example_note = format!("start-{path}-example");
            view! {
                <li class="start-row" data-testid=format!("start-{path}")>
                    <div class="start-text">
                        <h2 id=heading>{name}</h2>
                        <p class="start-question" data-testid=format!("start-question-{path}")>{question}</p>
                        {example.map(|e| view! { <p class="hint" id=example_note.clone()>"Example: "{e.title}</p> })}
                    </div>
                    <div class="start-actions">
                        {example.map(|e| view! {
                            <button type="button" class="primary" data-testid=format!("start-example-{path}")
                                aria-label=format!("Start from an example: {name}") aria-describedby=example_note.clone()
                                on:click=move |_| examples::open(&e, seats, docs)>"Start from an example"</button>
                        })}
                        <button type="button" class="secondary" data-testid=format!("start-blank-{path}")
                            aria-label=format!("Start blank: {name}")
                            on:click=move |_| open_blank(route, seats, docs)>"Start blank"</button>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="workbench start" aria-labelledby="start-title">
            <h1 id="start-title" tabindex="-1">"What would Zoom do with this account?"</h1>
            <p class="lede">"provisim tells you, before production does, what Zoom would do with this account's SAML mapping, SCIM provisioning, CSV uploads and license pools, and why: every answer names the documented rule it follows. It all runs in this browser; nothing you enter leaves the page."</p>
            <ul class="start-list" aria-label="Workbenches">{rows}</ul>
            <p class="hint">"Your own work is kept: the links at the top open each workbench as you left it, and a scenario replaced here comes back with Switch back. More documented traps are in "<a href="#/examples">"Examples"</a>"."</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn every_workbench_has_a_question_and_an_example_of_its_own() {
        assert_eq!(QUESTIONS.map(|(r, _, _)| r), Route::WORKBENCHES);
        for (route, _, id) in QUESTIONS {
            assert_eq!(example_of(id).map(Example::route), Some(route), "{id}");
        }
    }

    /// Each blank scenario is one the engine simulates without an error.
    #[wasm_bindgen_test::wasm_bindgen_test]
    fn every_blank_scenario_simulates() {
        use provisim_core::api;
        assert!(blank_seats().to_input().is_ok());
        assert!(api::simulate_sign_in(BLANK_SAML).is_ok());
        type Run = fn(&str) -> bool;
        let runs: [(Kind, Run); 5] = [
            (Kind::Saml, |t| api::simulate_sign_in(t).is_ok()),
            (Kind::Scim, |t| api::simulate_scim(t).is_ok()),
            (Kind::Csv, |t| {
                api::diff_csv(t).is_ok_and(|r| r.accepted && r.errors.is_empty())
            }),
            (Kind::Concurrency, |t| api::simulate_capacity(t).is_ok()),
            (Kind::Batch, |t| api::simulate_batch(t).is_ok()),
        ];
        for (kind, run) in runs {
            let (scenario, input) = blank_parts(kind);
            let combined = crate::workbench::combine(kind, scenario, input);
            assert!(combined.as_deref().is_ok_and(run), "{kind:?}: {combined:?}");
            // The workbench splits it back into the same two parts.
            let text = combined.unwrap_or_default();
            let (back, file) = crate::workbench::split(kind, &text);
            assert_eq!(file.as_deref().unwrap_or(""), input, "{kind:?}");
            assert!(serde_json::from_str::<serde_json::Value>(&back).is_ok());
        }
    }
}
