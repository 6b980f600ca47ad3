//! Concurrent license usage over time (LIC-02, LIC-03): sessions in, overage episodes and billable excess out.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The concurrency simulation's input. (Being built: see issue 5.)
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CapacityInput {}

/// `simulateCapacity`: a [`CapacityInput`] as JSON text in; a tagged answer (JSON) out.
pub fn simulate_json(_text: &str) -> serde_json::Value {
    crate::api::to_value(&crate::api::Answer::<()>::failure(vec![
        crate::api::ApiError::from(crate::input::InputError::new(
            "",
            "this simulation is not built yet",
        )),
    ]))
}
