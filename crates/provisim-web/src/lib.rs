//! provisim's web app: Leptos components over provisim-core, one workbench per simulation.
//!
//! Components hold plain core types in signals; results are `Memo`s over the core's pure functions,
//! so they recompute as the admin types and never touch the network.

pub mod seats;

use leptos::prelude::*;

/// The whole app: header, workbench navigation and the active workbench.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="app-header">
            <h1>"provisim"</h1>
            <p class="tagline">"See what Zoom would do with your provisioning rules, before production does."</p>
        </header>
        <main id="main">
            <seats::SeatPlanner/>
        </main>
        <footer class="app-footer">
            <p>"Runs entirely in your browser: nothing you enter leaves this page."</p>
        </footer>
    }
}
