//! The core's sentences as a person reads them: a name the core quotes in backticks (`` `Tier 1` ``,
//! `` `premium` ``, `` /sso/basic/email ``) is shown as code, without the backticks.

use leptos::prelude::*;

/// One run of a sentence: plain words, or a quoted name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Run<'a> {
    Words(&'a str),
    Code(&'a str),
}

/// The runs of `text`: what is between a pair of backticks is code. Text with an unpaired
/// backtick is all words, shown as written (nothing is dropped).
pub fn runs(text: &str) -> Vec<Run<'_>> {
    if !text.matches('`').count().is_multiple_of(2) {
        return vec![Run::Words(text)];
    }
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            if !i.is_multiple_of(2) {
                Run::Code(part)
            } else {
                Run::Words(part)
            }
        })
        .collect()
}

/// A sentence of the core, its quoted names as `<code>`.
pub fn prose(text: &str) -> AnyView {
    runs(text)
        .into_iter()
        .map(|run| match run {
            Run::Words(words) => words.to_string().into_any(),
            Run::Code(code) => view! { <code>{code.to_string()}</code> }.into_any(),
        })
        .collect_view()
        .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn quoted_names_become_code_and_nothing_is_dropped() {
        assert_eq!(
            runs("did you mean `premium`? set `a` or `b`"),
            vec![
                Run::Words("did you mean "),
                Run::Code("premium"),
                Run::Words("? set "),
                Run::Code("a"),
                Run::Words(" or "),
                Run::Code("b"),
            ]
        );
        assert_eq!(runs("no names"), vec![Run::Words("no names")]);
        // An unpaired backtick (a value that holds one) is shown as written.
        assert_eq!(
            runs("the value `a`b` here"),
            vec![Run::Words("the value `a`b` here")]
        );
        assert_eq!(runs(""), Vec::<Run>::new());
        // Every character but the pairs' backticks is kept, in order.
        let text = "`x` and `y`";
        let kept: String = runs(text)
            .into_iter()
            .map(|r| match r {
                Run::Words(w) | Run::Code(w) => w,
            })
            .collect();
        assert_eq!(kept, text.replace('`', ""));
    }
}
