//! The app's hash routes (the start page at `#/` or no fragment, `#/seats`, `#/saml`, `#/scim`, `#/csv`, `#/concurrency`, `#/batch`,
//! `#/examples`), each with an optional shared
//! scenario (`?s=…`, see [`crate::share`]). Plain Rust: parsed and written without the browser.

/// A page of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// The start page: what provisim answers, and a way into each workbench.
    Start,
    Seats,
    Saml,
    Scim,
    Csv,
    Concurrency,
    Batch,
    Examples,
}

impl Route {
    /// The workbenches, in the order the header and the start page list them.
    pub const WORKBENCHES: [Route; 6] = [
        Route::Seats,
        Route::Saml,
        Route::Scim,
        Route::Csv,
        Route::Concurrency,
        Route::Batch,
    ];

    /// The header's navigation, in order (the start page is the app name's link).
    pub const NAV: [Route; 7] = [
        Route::Seats,
        Route::Saml,
        Route::Scim,
        Route::Csv,
        Route::Concurrency,
        Route::Batch,
        Route::Examples,
    ];

    /// The path after `#/`.
    pub fn path(self) -> &'static str {
        match self {
            Route::Start => "",
            Route::Seats => "seats",
            Route::Saml => "saml",
            Route::Scim => "scim",
            Route::Csv => "csv",
            Route::Concurrency => "concurrency",
            Route::Batch => "batch",
            Route::Examples => "examples",
        }
    }

    /// The name in the navigation.
    pub fn label(self) -> &'static str {
        match self {
            Route::Start => "start page",
            Route::Seats => "Seat planner",
            Route::Saml => "SAML sign-in",
            Route::Scim => "SCIM requests",
            Route::Csv => "CSV upload",
            Route::Concurrency => "Concurrency",
            Route::Batch => "Batch",
            Route::Examples => "Examples",
        }
    }

    /// The page title.
    pub fn title(self) -> &'static str {
        match self {
            Route::Start => "provisim: what Zoom would do with your provisioning rules",
            Route::Seats => "Contact Center seat planner — provisim",
            Route::Saml => "SAML sign-in workbench — provisim",
            Route::Scim => "SCIM request workbench — provisim",
            Route::Csv => "CSV upload workbench — provisim",
            Route::Concurrency => "Concurrency workbench — provisim",
            Route::Batch => "Batch workbench — provisim",
            Route::Examples => "Examples of documented traps — provisim",
        }
    }

    /// Whether the page is a workbench with a scenario (and so can be shared).
    pub fn is_workbench(self) -> bool {
        !matches!(self, Route::Start | Route::Examples)
    }

    pub fn href(self) -> String {
        format!("#/{}", self.path())
    }

    /// The link that opens this workbench with a shared scenario.
    pub fn share_href(self, payload: &str) -> String {
        format!("#/{}?s={payload}", self.path())
    }
}

/// Where the fragment points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub route: Route,
    /// The `s` parameter: a shared scenario to open.
    pub shared: Option<String>,
    /// `false` when the fragment named no known page (the app then shows the default one).
    pub known: bool,
}

/// Reads a URL fragment, with or without its `#`. An empty fragment (or `#/`) is the start page;
/// an unknown one falls back to it too, and says so.
pub fn parse(fragment: &str) -> Place {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let fragment = fragment.strip_prefix('/').unwrap_or(fragment);
    let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
    let path = path.trim_end_matches('/');
    let found = match path {
        "" => Some(Route::Start),
        _ => Route::NAV.into_iter().find(|r| r.path() == path),
    };
    let shared = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("s="))
        .filter(|v| !v.is_empty())
        .map(str::to_string);
    Place {
        route: found.unwrap_or(Route::Start),
        shared,
        known: found.is_some(),
    }
}
