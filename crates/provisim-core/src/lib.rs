//! provisim-core: the pure rules engine behind every provisim front (web, JavaScript API, CLI).
//!
//! The core does no IO, reads no clock and draws no random numbers: every evaluation is a function
//! of its input, and the same input gives byte-identical output. Evaluation never fails: a refused
//! sign-in or a short license pool is an *outcome* with a trace and warnings. Only malformed input is
//! an [`input::InputError`], which says where (a JSON pointer) and what was expected.

pub mod api;
pub mod batch;
pub mod capacity;
pub mod csv_upload;
pub mod explain;
pub mod impact;
pub mod input;
pub mod license;
pub mod lint;
pub mod locate;
pub mod model;
pub mod rules;
pub mod saml;
pub mod scenario;
pub mod scim;
pub mod settings;
pub mod table;
pub mod time;
pub mod typescript;

/// The version of the scenario format this core reads and writes (`"provisim": 1`).
pub const SCENARIO_FORMAT_VERSION: u32 = 1;

/// The version of this crate, for `version()` in the fronts.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
