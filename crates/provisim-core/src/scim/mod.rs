//! SCIM 2.0 provisioning (RULES.md SCIM-*, TPL-*): requests as IdPs send them, applied to the directory.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The SCIM simulation's input. (Being built: see issue 4.)
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScimInput {}

/// `simulateScim`: a scenario with `scim` requests as JSON text in; a tagged answer (JSON) out.
pub fn simulate_json(_text: &str) -> serde_json::Value {
    crate::api::to_value(&crate::api::Answer::<()>::failure(vec![
        crate::api::ApiError::from(crate::input::InputError::new(
            "",
            "this simulation is not built yet",
        )),
    ]))
}
