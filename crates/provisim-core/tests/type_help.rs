//! A value of the wrong type is told in plain words, with the form the field takes and an example,
//! at the value's JSON pointer (issue 18).
// Test code: a failed unwrap is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use provisim_core::input::InputError;
use provisim_core::scenario;

fn error_of(text: &str) -> InputError {
    let errors = scenario::parse(text).expect_err("the scenario is refused");
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().unwrap()
}

fn assert_error(text: &str, path: &str, message: &str, help: &str) {
    let error = error_of(text);
    assert_eq!(error.path, path, "{error:?}");
    assert_eq!(error.message, message, "{error:?}");
    assert_eq!(error.help.as_deref(), Some(help), "{error:?}");
}

#[test]
fn text_where_a_whole_number_goes() {
    assert_error(
        r#"{"provisim":1,"account":{"basic_users":"5"}}"#,
        "/account/basic_users",
        "the value has the wrong type: text \"5\", where this field takes a whole number, 0 or more",
        "a whole number, e.g. `5` (no quotes)",
    );
}

#[test]
fn text_where_a_list_goes() {
    assert_error(
        r#"{"provisim":1,"account":{"plans":"webinars"}}"#,
        "/account/plans",
        "the value has the wrong type: text \"webinars\", where this field takes a list",
        "a list in brackets, e.g. `[\"webinars\"]`",
    );
}

#[test]
fn text_where_true_or_false_goes() {
    assert_error(
        r#"{"provisim":1,"user":{"email":"a@example.com","active":"yes"}}"#,
        "/user/active",
        "the value has the wrong type: text \"yes\", where this field takes `true` or `false`",
        "`true` or `false` (no quotes)",
    );
}

#[test]
fn a_number_where_text_goes() {
    assert_error(
        r#"{"provisim":1,"user":{"email":"a@example.com","phone":{"extension":100}}}"#,
        "/user/phone/extension",
        "the value has the wrong type: the number `100`, where this field takes text",
        "text in quotes, e.g. `\"100\"`",
    );
}

#[test]
fn text_where_an_object_goes() {
    assert_error(
        r#"{"provisim":1,"user":{"email":"a@example.com","phone":"100"}}"#,
        "/user/phone",
        "the value has the wrong type: text \"100\", where this field takes an object",
        "an object in braces `{…}`",
    );
}

#[test]
fn text_where_a_map_goes() {
    assert_error(
        r#"{"provisim":1,"user":{"email":"a@example.com","addons":"webinar"}}"#,
        "/user/addons",
        "the value has the wrong type: text \"webinar\", where this field takes an object",
        "an object in braces `{…}`",
    );
}
