//! The examples gallery: the documented traps, each opening in its workbench with one click. The
//! SAML ones are the corpus's own test cases (`tests/scenarios/saml/`), so the gallery shows what
//! the engine is tested to do.

use leptos::prelude::*;
use provisim_core::license::{Licensing, Package};
use provisim_core::rules::{self, RuleId};

use crate::browser;
use crate::route::Route;
use crate::rule_ref::RuleRef;
use crate::seats::{SeatDoc, SeatForm};
use crate::workbench::Kind;
use crate::Docs;

/// The scenario a first visit starts from.
pub const SAML_STARTER: &str = include_str!("../../../web/examples/saml-starter.json");

/// What an example opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opens {
    /// The seat planner with these values.
    Seats {
        agents: u32,
        package: Package,
        licensing: Licensing,
        pool: u32,
    },
    /// A workbench's document with a test case's `input` (or a scenario).
    Doc(Kind, &'static str),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    /// The trap, in a sentence.
    pub lesson: &'static str,
    pub rules: &'static [RuleId],
    pub opens: Opens,
}

impl Example {
    pub fn route(&self) -> Route {
        match self.opens {
            Opens::Seats { .. } => Route::Seats,
            Opens::Doc(kind, _) => kind.route(),
        }
    }

    pub fn seat_form(&self) -> Option<SeatForm> {
        match self.opens {
            Opens::Seats {
                agents,
                package,
                licensing,
                pool,
            } => Some(SeatForm {
                agents: agents.to_string(),
                package,
                licensing,
                bundle: None,
                pool: pool.to_string(),
                wfm: "0".into(),
                qm: "0".into(),
                ai: "0".into(),
            }),
            Opens::Doc(..) => None,
        }
    }
}

macro_rules! case {
    ($name:literal) => {
        include_str!(concat!("../../../tests/scenarios/saml/", $name, ".json"))
    };
}

macro_rules! corpus {
    ($path:literal) => {
        include_str!(concat!("../../../tests/scenarios/", $path, ".json"))
    };
}

pub const EXAMPLES: [Example; 23] = [
    Example {
        id: "seats-lic-07",
        title: "100 agents on 25 Elite concurrent licenses",
        lesson: "The bundled pool covers WFM and QM for 25 users only: the other 75 agents each need individual WFM and QM add-ons, or they cannot use them.",
        rules: &[rules::LIC_07, rules::LIC_05],
        opens: Opens::Seats {
            agents: 100,
            package: Package::Elite,
            licensing: Licensing::Concurrent,
            pool: 25,
        },
    },
    Example {
        id: "batch-lic-07",
        title: "The same 100 agents, user by user",
        lesson: "Run the directory through the rules and the pool: the batch names the 75 agents locked out of Workforce Management and Quality Management.",
        rules: &[rules::LIC_07, rules::LIC_08],
        opens: Opens::Doc(Kind::Batch, corpus!("batch/lic-07-100-agents-25-elite-concurrent")),
    },
    Example {
        id: "csv-02",
        title: "The CSV that wipes license and queues",
        lesson: "An upload meant to change skills only: every column it leaves out (the package, the queues) is cleared for every user in it. The safe CSV keeps them.",
        rules: &[rules::CSV_02, rules::CSV_03],
        opens: Opens::Doc(Kind::Csv, corpus!("csv/csv-02-skills-only-wipes-license-and-queues")),
    },
    Example {
        id: "scim-05",
        title: "The update-type template ignored on create",
        lesson: "A SCIM create that names an update-type Contact Center template: Zoom ignores it, and the new agent gets none of its settings.",
        rules: &[rules::SCIM_05],
        opens: Opens::Doc(Kind::Scim, corpus!("scim/scim-05-update-template-ignored")),
    },
    Example {
        id: "scim-08-entra-import",
        title: "Entra ID's provisioning schema, as downloaded",
        lesson: "The app's own attribute mappings and scoping filter provision the directory: a user the filter leaves out is never sent, and the functions provisim does not evaluate are listed, not dropped.",
        rules: &[rules::SCIM_08, rules::SCIM_15],
        opens: Opens::Doc(Kind::Scim, corpus!("scim/scim-08-entra-schema-import")),
    },
    Example {
        id: "capacity-lic-03",
        title: "An overage one second past the grace period",
        lesson: "Four users on a pool of two for 30 minutes and 1 second: the grace period is over, and the peak excess is billed on the next cycle.",
        rules: &[rules::LIC_03, rules::LIC_02],
        opens: Opens::Doc(Kind::Concurrency, corpus!("capacity/lic-03-billable")),
    },
    Example {
        id: "batch-saml-11",
        title: "Refusals grouped by the rule that refused",
        lesson: "A License Assignment rule resulting in None comes first: every contractor is refused, even one who is also in Sales, and the batch groups the refusals under that rule.",
        rules: &[rules::SAML_11, rules::SAML_04],
        opens: Opens::Doc(Kind::Batch, corpus!("batch/saml-11-refusals-by-rule")),
    },
    Example {
        id: "batch-lic-01",
        title: "Five agents on a named pool of three",
        lesson: "Named licenses run out: the first three agents get theirs, and the last two are refused with the shortfall.",
        rules: &[rules::LIC_01],
        opens: Opens::Doc(Kind::Batch, corpus!("batch/lic-01-named-pool-short")),
    },
    Example {
        id: "csv-02-lists",
        title: "One queue in the CSV removes the others",
        lesson: "List columns replace, they do not add: an upload that names one queue takes the agent out of every other queue.",
        rules: &[rules::CSV_02],
        opens: Opens::Doc(Kind::Csv, corpus!("csv/csv-02-lists-replace-not-merge")),
    },
    Example {
        id: "csv-04",
        title: "One bad cell rejects the whole upload",
        lesson: "Zoom applies an upload all or nothing: a single invalid value refuses every row, and each error is listed with its row and column.",
        rules: &[rules::CSV_04],
        opens: Opens::Doc(Kind::Csv, corpus!("csv/csv-04-every-error-at-once")),
    },
    Example {
        id: "scim-06",
        title: "Another userName, the same work email",
        lesson: "Zoom keys users by email: a second create with a new userName but a work email another user has is refused (409), not a new user.",
        rules: &[rules::SCIM_06],
        opens: Opens::Doc(Kind::Scim, corpus!("scim/scim-06-email-uniqueness")),
    },
    Example {
        id: "capacity-lic-03-exact",
        title: "An overage of exactly the grace period",
        lesson: "Thirty minutes over the pool, not a second more: the overage is tolerated, since only one strictly longer than the grace period is billed.",
        rules: &[rules::LIC_03],
        opens: Opens::Doc(Kind::Concurrency, corpus!("capacity/lic-03-exactly-grace")),
    },
    Example {
        id: "capacity-lic-02",
        title: "One user on two devices counts once",
        lesson: "Concurrent licenses count active users, not sessions: a user signed in on a laptop and a phone at once takes one license.",
        rules: &[rules::LIC_02],
        opens: Opens::Doc(Kind::Concurrency, corpus!("capacity/lic-02-one-user-counts-once")),
    },
    Example {
        id: "saml-31",
        title: "The phone extension that needs a second sign-in",
        lesson: "Basic mapping sets the extension, but the calling plan checks for one as the sign-in starts: the plan arrives only at the second sign-in.",
        rules: &[rules::SAML_31, rules::SAML_30, rules::SAML_06],
        opens: Opens::Doc(Kind::Saml, case!("saml-31-two-sign-ins")),
    },
    Example {
        id: "saml-04",
        title: "First match, in configured order",
        lesson: "Both rules match, but rules are tried top to bottom and the first match wins: the Basic rule listed first beats the Licensed one.",
        rules: &[rules::SAML_04, rules::SAML_03],
        opens: Opens::Doc(Kind::Saml, case!("saml-04-first-match")),
    },
    Example {
        id: "saml-13",
        title: "The add-on removed because nothing matched",
        lesson: "A mapped add-on section with no matching rule removes the add-on the user already had.",
        rules: &[rules::SAML_13],
        opens: Opens::Doc(Kind::Saml, case!("saml-13-addon-removed")),
    },
    Example {
        id: "saml-08",
        title: "The owner whose role never changes",
        lesson: "The account owner is exempt from Advanced mapping: the rules match, and nothing changes.",
        rules: &[rules::SAML_08, rules::SAML_21],
        opens: Opens::Doc(Kind::Saml, case!("saml-08-owner-exempt")),
    },
    Example {
        id: "saml-11",
        title: "None blocks the sign-in",
        lesson: "A License Assignment rule resulting in None refuses the sign-in, and the user is not created, even though a later rule would have licensed them.",
        rules: &[rules::SAML_11, rules::SAML_04],
        opens: Opens::Doc(Kind::Saml, case!("saml-11-none-blocks")),
    },
    Example {
        id: "saml-09-none",
        title: "Default license None refuses the unmatched",
        lesson: "With Basic mapping's default license set to None, a new user whom no License rule matches gets no account.",
        rules: &[rules::SAML_09],
        opens: Opens::Doc(Kind::Saml, case!("saml-09-default-license-none")),
    },
    Example {
        id: "saml-22",
        title: "Groups are overwritten, not added",
        lesson: "A User Group match replaces every group the user had; the first group listed becomes the primary one.",
        rules: &[rules::SAML_22],
        opens: Opens::Doc(Kind::Saml, case!("saml-22-groups-overwritten")),
    },
    Example {
        id: "saml-20",
        title: "Signed in to a sub-account",
        lesson: "A Sign in to Sub Account match moves the user to the sub-account, and the sections below it apply to the primary account only.",
        rules: &[rules::SAML_20],
        opens: Opens::Doc(Kind::Saml, case!("saml-20-sub-account")),
    },
    Example {
        id: "saml-response-entra",
        title: "A SAML Response from Entra ID, as the browser captured it",
        lesson: "Attribute names are claim URIs, and the groups arrive in two <Attribute> elements that Zoom reads as one list: see what Zoom receives, then the rule it decides by.",
        rules: &[rules::SAML_01, rules::SAML_22],
        opens: Opens::Doc(Kind::Saml, case!("saml-response-entra-id")),
    },
    Example {
        id: "saml-response-transient",
        title: "The transient NameID that becomes the email",
        lesson: "ADFS sends a transient identifier as the NameID, and Basic mapping maps no email attribute: the new user's email would be that identifier. The warning names the attribute to map.",
        rules: &[rules::SAML_09],
        opens: Opens::Doc(Kind::Saml, case!("saml-response-adfs-transient-name-id")),
    },
];

/// Opens an example in its workbench, keeping what it replaces to switch back to; the workbench
/// opens at its top, its heading focused.
pub fn open(example: &Example, seats: SeatDoc, docs: Docs) {
    let what = format!("Opened the example “{}”", example.title);
    if let Some(form) = example.seat_form() {
        seats.replace(form, what);
    } else if let Opens::Doc(kind, file) = example.opens {
        if let Some(doc) = docs.get(kind.route()) {
            doc.open(file, what);
        }
    }
    let route = example.route();
    browser::go(&route.href());
    browser::focus_heading(format!("{}-title", route.path()));
}

#[component]
pub fn Gallery(seats: SeatDoc, docs: Docs) -> impl IntoView {
    let cards = EXAMPLES
        .iter()
        .map(|example| {
            let route = example.route();
            let heading = format!("example-{}-title", example.id);
            let labelled_by = heading.clone();
            let rule_refs = example
                .rules
                .iter()
                .map(|r| view! { <li><RuleRef rule=*r/></li> })
                .collect_view();
            let example = *example;
            view! {
                <li class="card" data-testid=format!("example-{}", example.id)>
                    <article aria-labelledby=labelled_by>
                        <p class="eyebrow">{route.label()}</p>
                        <h2 id=heading>{example.title}</h2>
                        <p>{example.lesson}</p>
                        <ul class="rule-list-inline" aria-label="Rules">{rule_refs}</ul>
                        <button type="button" class="primary" data-testid=format!("open-{}", example.id)
                            aria-label=format!("Open in {}: {}", route.label(), example.title)
                            on:click=move |_| open(&example, seats, docs)>
                            {format!("Open in {}", route.label())}
                        </button>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="workbench gallery" aria-labelledby="examples-title">
            <h1 id="examples-title">"Examples: the documented traps"</h1>
            <p class="lede">"Each opens in its workbench, ready to change. The SAML examples are the simulator's own test cases. Opening one keeps your current scenario, to switch back to."</p>
            <ul class="cards">{cards}</ul>
        </section>
    }
}
