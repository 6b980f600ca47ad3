//! The SCIM, CSV, concurrency and batch workbenches, loaded when first opened.
//!
//! The release build (`cargo xtask build`, with `--cfg provisim_split`) cuts each of these
//! workbenches, with the engine only it uses, out of the app's wasm into a module of its own
//! (`wasm_split_cli_support`); the page fetches that module from its own origin the first time the
//! workbench is shown, so the first load carries only the shell, the seat planner, the SAML
//! workbench and the gallery. Other builds (the component tests, `cargo check`) link every
//! workbench in, and [`Deferred`] shows it at once.

use leptos::prelude::*;

use crate::batch_wb::{BatchWorkbench, Runner};
use crate::browser;
use crate::concurrency_wb::ConcurrencyWorkbench;
use crate::csv_wb::CsvWorkbench;
use crate::route::Route;
use crate::saml::SamlDoc;
use crate::scim_wb::ScimWorkbench;
use crate::Docs;

/// What the deferred workbenches are given: their documents, the batch runner, the SAML scenario.
#[derive(Clone, Copy, Debug)]
pub struct Parts {
    pub docs: Docs,
    pub runner: Runner,
    pub saml: SamlDoc,
}

/// A workbench's module could not be fetched or started (the loader logs why in the console).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Unavailable;

/// Where a workbench's module is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    Loading,
    Ready,
    Failed,
}

/// The workbench of `route` (one of the four deferred ones), once its module is loaded: until then
/// a status line, and if the module cannot be loaded, an alert with Try again.
#[component]
pub fn Deferred(route: Route, parts: Parts) -> impl IntoView {
    let state = RwSignal::new(State::Loading);
    let attempt = move || {
        let mut loading = Box::pin(split::load(route));
        // Already loaded (the workbench was open before): show it now, without a frame of
        // "Loading".
        match poll_once(loading.as_mut()) {
            Some(Ok(())) => state.set(State::Ready),
            Some(Err(Unavailable)) => state.set(State::Failed),
            None => {
                state.set(State::Loading);
                leptos::task::spawn_local(async move {
                    let loaded = loading.await;
                    state.set(if loaded.is_ok() {
                        State::Ready
                    } else {
                        State::Failed
                    });
                });
            }
        }
    };
    attempt();
    // Try again (mouse or keyboard) removes the button it was pressed on: focus goes to the page's
    // main region, which stays, so that it is not dropped to the document.
    let retry = move || {
        attempt();
        browser::focus_later(vec!["main".to_string()]);
    };
    let label = route.label();
    move || match state.get() {
        State::Loading => view! {
            <section class="workbench deferred" aria-labelledby="deferred-title">
                <h2 id="deferred-title">{label}</h2>
                <p class="deferred-status" role="status" data-testid="workbench-loading">
                    {format!("Loading the {label} workbench…")}
                </p>
            </section>
        }
        .into_any(),
        State::Failed => failed(label, retry),
        State::Ready => match split::show(route, parts) {
            Some(Ok(view)) => view,
            Some(Err(Unavailable)) | None => failed(label, retry),
        },
    }
}

fn failed(label: &'static str, retry: impl Fn() + Send + Sync + 'static) -> AnyView {
    view! {
        <section class="workbench deferred" aria-labelledby="deferred-title">
            <h2 id="deferred-title">{label}</h2>
            <div class="deferred-failed" role="alert" data-testid="workbench-unavailable">
                <p>{format!(
                    "The {label} workbench could not be loaded: its part of the app did not arrive. \
                     Check your connection and try again. If the site was updated since this page \
                     was opened, reload the page."
                )}</p>
                <div class="actions">
                    <button type="button" on:click=move |_| retry()>"Try again"</button>
                    <button type="button" class="secondary" on:click=move |_| browser::reload()>
                        "Reload the page"
                    </button>
                </div>
            </div>
        </section>
    }
    .into_any()
}

/// Polls a future once, with a waker that does nothing: `Some` when it is already finished.
fn poll_once<F: std::future::Future>(future: std::pin::Pin<&mut F>) -> Option<F::Output> {
    let mut context = std::task::Context::from_waker(std::task::Waker::noop());
    match future.poll(&mut context) {
        std::task::Poll::Ready(output) => Some(output),
        std::task::Poll::Pending => None,
    }
}

/// The split points (release build): each function below is moved, with everything only it
/// reaches, into the wasm module its first argument names.
#[cfg(provisim_split)]
#[allow(unsafe_code)] // The `wasm_split` macro links the split modules through `extern "C"`.
mod split {
    use super::*;
    use leptos::wasm_split::{wasm_split, SplitLoaderError};

    impl From<SplitLoaderError> for Unavailable {
        fn from(_: SplitLoaderError) -> Self {
            Unavailable
        }
    }

    #[wasm_split(scim, wasm_split_path = leptos::wasm_split, preload(preload_scim), fallible)]
    fn scim(parts: Parts) -> Result<AnyView, Unavailable> {
        Ok(view! { <ScimWorkbench doc=parts.docs.scim/> }.into_any())
    }

    #[wasm_split(csv, wasm_split_path = leptos::wasm_split, preload(preload_csv), fallible)]
    fn csv(parts: Parts) -> Result<AnyView, Unavailable> {
        Ok(view! { <CsvWorkbench doc=parts.docs.csv/> }.into_any())
    }

    #[wasm_split(concurrency, wasm_split_path = leptos::wasm_split, preload(preload_concurrency), fallible)]
    fn concurrency(parts: Parts) -> Result<AnyView, Unavailable> {
        Ok(view! { <ConcurrencyWorkbench doc=parts.docs.concurrency/> }.into_any())
    }

    #[wasm_split(batch, wasm_split_path = leptos::wasm_split, preload(preload_batch), fallible)]
    fn batch(parts: Parts) -> Result<AnyView, Unavailable> {
        Ok(
            view! { <BatchWorkbench doc=parts.docs.batch runner=parts.runner saml=parts.saml/> }
                .into_any(),
        )
    }

    /// Fetches and starts the module of `route`'s workbench.
    pub async fn load(route: Route) -> Result<(), Unavailable> {
        match route {
            Route::Scim => preload_scim().await?,
            Route::Csv => preload_csv().await?,
            Route::Concurrency => preload_concurrency().await?,
            Route::Batch => preload_batch().await?,
            Route::Seats | Route::Saml | Route::Examples => {}
        }
        Ok(())
    }

    /// The workbench, its module being loaded (`None` if it is not, which `load` rules out).
    pub fn show(route: Route, parts: Parts) -> Option<Result<AnyView, Unavailable>> {
        match route {
            Route::Scim => poll_once(std::pin::pin!(scim(parts))),
            Route::Csv => poll_once(std::pin::pin!(csv(parts))),
            Route::Concurrency => poll_once(std::pin::pin!(concurrency(parts))),
            Route::Batch => poll_once(std::pin::pin!(batch(parts))),
            Route::Seats | Route::Saml | Route::Examples => None,
        }
    }
}

/// Every workbench linked in (tests, checks): loading is instant.
#[cfg(not(provisim_split))]
mod split {
    use super::*;

    pub async fn load(_route: Route) -> Result<(), Unavailable> {
        Ok(())
    }

    pub fn show(route: Route, parts: Parts) -> Option<Result<AnyView, Unavailable>> {
        let view = match route {
            Route::Scim => view! { <ScimWorkbench doc=parts.docs.scim/> }.into_any(),
            Route::Csv => view! { <CsvWorkbench doc=parts.docs.csv/> }.into_any(),
            Route::Concurrency => {
                view! { <ConcurrencyWorkbench doc=parts.docs.concurrency/> }.into_any()
            }
            Route::Batch => view! {
                <BatchWorkbench doc=parts.docs.batch runner=parts.runner saml=parts.saml/>
            }
            .into_any(),
            Route::Seats | Route::Saml | Route::Examples => return None,
        };
        Some(Ok(view))
    }
}
