//! provisim's web app: Leptos components over provisim-core, one workbench per simulation.
//!
//! Components hold plain core types in signals; results are `Memo`s over the core's pure functions,
//! so they recompute as the admin types and never touch the network. Effects only sync with the
//! outside world: local storage (autosave), the URL fragment (routes, share links), the page title.

pub mod batch_wb;
pub mod browser;
pub mod chunks;
pub mod compare;
pub mod concurrency_wb;
pub mod csv_wb;
pub mod document;
pub mod editor;
pub mod examples;
pub mod findings;
pub mod json_editor;
pub mod local_time;
/// JSON pointers to lines: the core's, one home for the web, the CLI and the lint.
pub use provisim_core::locate;
pub mod outcome;
pub mod prose;
pub mod received;
pub mod route;
pub mod rule_ref;
pub mod saml;
pub mod saml_state;
pub mod scim_wb;
pub mod seats;
pub mod share;
pub mod start;
pub mod toolbar;
pub mod trace;
pub mod workbench;

use leptos::prelude::*;

// The unit tests run in headless Chromium with the component tests (`cargo xtask test`).
#[cfg(test)]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

use crate::batch_wb::BatchWorkbench;
use crate::concurrency_wb::ConcurrencyWorkbench;
use crate::csv_wb::CsvWorkbench;
use crate::route::{Place, Route};
use crate::rule_ref::{RuleDialog, RuleDialogView};
use crate::saml::SamlWorkbench;
use crate::saml_state::SamlState;
use crate::scim_wb::ScimWorkbench;
use crate::seats::{SeatDoc, SeatForm, SeatPlanner};
use crate::workbench::{Doc, Kind};

/// The documents of the workbenches (all but the seat planner's form).
#[derive(Clone, Copy, Debug)]
pub struct Docs {
    pub saml: Doc,
    pub scim: Doc,
    pub csv: Doc,
    pub concurrency: Doc,
    pub batch: Doc,
}

impl Docs {
    /// The document of a route's workbench, if it has one.
    pub fn get(&self, route: Route) -> Option<Doc> {
        match route {
            Route::Saml => Some(self.saml),
            Route::Scim => Some(self.scim),
            Route::Csv => Some(self.csv),
            Route::Concurrency => Some(self.concurrency),
            Route::Batch => Some(self.batch),
            Route::Start | Route::Seats | Route::Examples => None,
        }
    }
}

/// A message of the shell: a share link that could not be opened, an unknown page.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ShellNotice(String);

/// The whole app: header with the navigation, the active page, the rule dialog.
#[component]
pub fn App() -> impl IntoView {
    let dialog = RuleDialog::new();
    provide_context(dialog);

    // Every workbench's state lives here, so that it survives moving between pages, and is saved.
    // `?embed=<workbench>`: one workbench, without the app's header and footer, for an iframe.
    let embed = browser::query_param("embed").and_then(|name| {
        Route::NAV
            .into_iter()
            .find(|r| r.path() == name && r.is_workbench())
    });
    if embed.is_some() {
        browser::make_ephemeral();
    }

    let seats = SeatDoc::new(
        browser::load(seats::STORAGE_KEY)
            .and_then(|text| serde_json::from_str::<SeatForm>(&text).ok())
            .unwrap_or_default(),
    );
    Effect::new(move |_| {
        if let Ok(text) = seats.form.with(serde_json::to_string) {
            browser::save(seats::STORAGE_KEY, &text);
        }
    });

    let docs = Docs {
        saml: Doc::restore(Kind::Saml, examples::SAML_STARTER),
        scim: Doc::restore(Kind::Scim, scim_wb::STARTER),
        csv: Doc::restore(Kind::Csv, csv_wb::STARTER),
        concurrency: Doc::restore(Kind::Concurrency, concurrency_wb::STARTER),
        batch: Doc::restore(Kind::Batch, batch_wb::STARTER),
    };
    let saml = SamlState::new(docs.saml);
    let runner = batch_wb::Runner::new(docs.batch);
    let route = RwSignal::new(embed.unwrap_or(Route::Start));
    let notice = RwSignal::new(None::<ShellNotice>);
    let go_to = move |mut place: Place| {
        if let Some(only) = embed {
            place.route = only;
            place.known = true;
        }
        route.set(place.route);
        notice.set((!place.known).then(|| {
            ShellNotice(format!(
                "There is no page at this address; here is the {}.",
                place.route.label()
            ))
        }));
        let Some(payload) = place.shared else {
            return;
        };
        let opened = share::decode(&payload).and_then(|text| match place.route {
            Route::Seats => SeatForm::from_scenario_text(&text)
                .map(|form| seats.replace(form, "Opened a shared plan"))
                .map_err(|_| share::ShareError::Corrupt),
            Route::Saml | Route::Scim | Route::Csv | Route::Concurrency | Route::Batch => {
                if let Some(doc) = docs.get(place.route) {
                    doc.open(&text, "Opened a shared scenario");
                }
                Ok(())
            }
            Route::Start | Route::Examples => Ok(()),
        });
        if let Err(error) = opened {
            notice.set(Some(ShellNotice(format!(
                "The shared link could not be opened: {error}."
            ))));
        }
        // The scenario is open (and saved): drop it from the address, so that a reload keeps
        // the edits made after opening it.
        // In embed mode nothing is saved: the link stays the scenario's only copy, and there is no
        // previous scenario to offer back.
        if embed.is_none() {
            browser::replace_fragment(&place.route.href());
        } else {
            seats.replaced.set(None);
            if let Some(doc) = docs.get(place.route) {
                doc.replaced.set(None);
            }
        }
    };
    go_to(route::parse(&browser::fragment()));
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        go_to(route::parse(&browser::fragment()));
    });
    on_cleanup(move || listener.remove());
    Effect::new(move |_| browser::set_title(route.get().title()));
    // The start page opens with its heading focused: the next Tab is its first action.
    Effect::new(move |_| {
        if route.get() == Route::Start {
            browser::focus_heading("start-title".to_string());
        }
    });

    let skip = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = browser::element("main") {
            let _ = main.focus();
        }
    };
    // The outcome of the workbench shown: the second link of the page, after "Skip to the workbench".
    let skip_outcome = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(outcome) = browser::element("outcome") {
            let _ = outcome.focus();
        }
    };
    let nav = Route::NAV
        .into_iter()
        .map(|r| {
            view! {
                <li>
                    <a href=r.href() data-testid=format!("nav-{}", r.path())
                        aria-current=move || (route.get() == r).then_some("page")>{r.label()}</a>
                </li>
            }
        })
        .collect_view();
    view! {
        {embed.is_none().then(|| view! {
        <a class="skip-link" href="#main" on:click=skip>"Skip to the workbench"</a>
        {move || route.get().is_workbench().then(|| view! {
            <a class="skip-link" href="#outcome" on:click=skip_outcome data-testid="skip-to-outcome">"Skip to outcome"</a>
        })}
        <header class="app-header">
            <div class="header-inner">
                <a class="brand" href="#/" data-testid="nav-start" aria-label="provisim, start page"
                    aria-current=move || (route.get() == Route::Start).then_some("page")>
                    <span class="brand-mark" aria-hidden="true">"◆"</span>
                    <span class="brand-name">"provisim"</span>
                </a>
                <p class="tagline">"See what Zoom would do with your provisioning rules, before production does."</p>
                <nav class="app-nav" aria-label="Workbenches">
                    <ul>{nav}</ul>
                </nav>
            </div>
        </header>
        })}
        {move || notice.get().map(|ShellNotice(text)| view! {
            <div class="shell-notice" role="alert" data-testid="shell-notice">
                <p>{text}</p>
                <button type="button" class="quiet small" on:click=move |_| notice.set(None)>"Dismiss"</button>
            </div>
        })}
        <main id="main" tabindex="-1" class:embedded=embed.is_some()>
            {move || match route.get() {
                Route::Start => view! { <start::StartPage seats=seats docs=docs/> }.into_any(),
                Route::Seats => view! { <SeatPlanner form=seats.form replaced=seats.replaced/> }.into_any(),
                Route::Saml => view! { <SamlWorkbench doc=saml/> }.into_any(),
                Route::Scim => view! { <ScimWorkbench doc=docs.scim/> }.into_any(),
                Route::Csv => view! { <CsvWorkbench doc=docs.csv/> }.into_any(),
                Route::Concurrency => view! { <ConcurrencyWorkbench doc=docs.concurrency/> }.into_any(),
                Route::Batch => view! { <BatchWorkbench doc=docs.batch runner=runner saml=docs.saml/> }.into_any(),
                Route::Examples => view! { <examples::Gallery seats=seats docs=docs/> }.into_any(),
            }}
        </main>
        {embed.is_some().then(|| view! {
            <p class="embed-footer">"Simulated in your browser by provisim "{provisim_core::VERSION}": nothing you enter leaves this page."</p>
        })}
        {embed.is_none().then(|| view! {
        <footer class="app-footer">
            <p>"Runs entirely in your browser: nothing you enter leaves this page. Your work is saved in this browser as you type."</p>
            <p class="version">{format!("provisim {} · the files it exports are scenario files of version {}", provisim_core::VERSION, provisim_core::SCENARIO_FORMAT_VERSION)}</p>
        </footer>
        })}
        <RuleDialogView dialog=dialog/>
    }
}
