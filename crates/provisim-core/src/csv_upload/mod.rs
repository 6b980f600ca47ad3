//! Contact Center bulk CSV uploads (CSV-01..CSV-04): parse, validate, diff against the directory, safe CSV.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The CSV upload simulation's input. (Being built: see issue 5.)
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CsvInput {}

/// `diffCsv`: a scenario with `csv` (and `directory`) as JSON text in; a tagged answer (JSON) out.
pub fn diff_json(_text: &str) -> serde_json::Value {
    crate::api::to_value(&crate::api::Answer::<()>::failure(vec![
        crate::api::ApiError::from(crate::input::InputError::new(
            "",
            "this simulation is not built yet",
        )),
    ]))
}
