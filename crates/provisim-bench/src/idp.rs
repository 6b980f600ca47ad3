//! Benchmark of issue 18: a directory provisioned through the IdP (`batch.through: "idp"`), each
//! user a lookup by the matching attribute then a create or an update, against a growing directory.

use provisim_core::batch::{BatchInput, BatchUser};
use provisim_core::saml::Values;
use provisim_core::scenario::{self, Scenario};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::Instant;

/// The IdP's mapping table of the corpus case `batch/scim-08-through-the-idp`, and `existing`
/// users Zoom already has (the first `existing` users of the batch update them).
fn scenario(existing: usize) -> Result<Scenario, Vec<provisim_core::input::InputError>> {
    let directory: Vec<serde_json::Value> = (0..existing)
        .map(
            |i| serde_json::json!({"email": format!("user{i}@example.com"), "license": "licensed"}),
        )
        .collect();
    let doc = serde_json::json!({
        "provisim": 1,
        "account": {"plans": ["contact_center"]},
        "directory": directory,
        "scim": {"idp": {"mappings": [
            {"type": "direct", "source": "userPrincipalName", "target": "userName", "matching": true},
            {"type": "direct", "source": "givenName", "target": "name.givenName"},
            {"type": "direct", "source": "mail", "target": "emails[type eq \"work\"].value"},
            {"type": "constant", "source": "Licensed", "target": "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:userType", "apply": "only_during_creation"},
            {"type": "expression", "source": "Switch([jobTitle], \"\", \"Agent\", \"Elite\", \"Lead\", \"Premium\")",
             "target": "urn:ietf:params:scim:schemas:extension:zoom:1.0:User:zoomContactCenterPackage"}
        ], "users": []}},
        "batch": {"through": "idp", "users": [], "summary_only": true,
                  "pools": [{"package": "elite", "licensing": "concurrent", "size": 5000}]}
    });
    scenario::parse(&doc.to_string())
}

fn user(i: usize) -> BatchUser {
    let mut attributes = BTreeMap::new();
    let one = |s: String| Values::One(s);
    attributes.insert(
        "userPrincipalName".to_string(),
        one(format!("user{i}@example.com")),
    );
    attributes.insert("givenName".to_string(), one(format!("Given{i}")));
    attributes.insert("mail".to_string(), one(format!("user{i}@example.com")));
    attributes.insert(
        "jobTitle".to_string(),
        one(if i.is_multiple_of(2) { "Agent" } else { "Lead" }.to_string()),
    );
    BatchUser {
        name_id: None,
        attributes,
        user: None,
    }
}

/// Seconds to provision `n` users (built beforehand) through the IdP.
fn timed(scenario: &Scenario, input: &BatchInput, n: usize) -> f64 {
    let users: Vec<BatchUser> = (0..n).map(user).collect();
    let start = Instant::now();
    let Ok(mut batch) = scenario.start_batch(input) else {
        return f64::NAN;
    };
    for (i, u) in users.into_iter().enumerate() {
        black_box(batch.push(i as u64 + 1, u));
    }
    let report = batch.finish();
    let seconds = start.elapsed().as_secs_f64();
    assert_eq!(report.users, n as u64);
    assert_eq!(report.refused, 0, "{:?}", report.refusals);
    black_box(report);
    seconds
}

/// `n` users through the IdP, a tenth of them already in Zoom's directory: median of 3.
pub fn run(n: usize) {
    let scenario = match scenario(n / 10) {
        Ok(scenario) => scenario,
        Err(errors) => {
            println!(
                "  batch through the IdP: the benchmark's scenario does not parse: {errors:?}"
            );
            return;
        }
    };
    let Some(input) = scenario.batch.clone() else {
        return;
    };
    let _ = timed(&scenario, &input, n.min(1_000)); // warm-up
    let mut seconds: Vec<f64> = (0..3).map(|_| timed(&scenario, &input, n)).collect();
    seconds.sort_by(f64::total_cmp);
    let median = seconds.get(1).copied().unwrap_or(f64::NAN);
    println!(
        "  batch through the IdP (lookup, then create or update; {} already in Zoom), {n} users: {:.1} ms (median of 3), {:.0} users/s (target ≥ 50,000)",
        n / 10,
        median * 1000.0,
        n as f64 / median
    );
    println!(
        "BENCH native_batch_idp_{}k_ms {:.1}",
        n / 1000,
        median * 1000.0
    );
}
