//! CSV text read row by row with located errors: the header, then every well-formed row with its
//! line; an unreadable row or one of the wrong width is reported (all of them, not just the first)
//! and skipped. Shared by the session log, the batch directory and the bulk upload.

use crate::input::InputError;

/// A CSV document's header and rows. Rows are numbered as lines of the text, the header being 1.
pub struct Table<'t> {
    /// The header's cells, trimmed.
    pub header: Vec<String>,
    records: csv::StringRecordsIntoIter<&'t [u8]>,
    at: String,
}

/// Reads the header of `text` (a leading byte-order mark is ignored). `at` is the JSON pointer of
/// the text; `empty_help` says what the first line should be. `None` (with an error) when the text
/// is empty or its first line cannot be read.
pub fn read<'t>(
    text: &'t str,
    at: &str,
    empty_help: &str,
    errors: &mut Vec<InputError>,
) -> Option<Table<'t>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut records = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .into_records();
    match records.next() {
        Some(Ok(header)) => Some(Table {
            header: header.iter().map(|h| h.trim().to_string()).collect(),
            records,
            at: at.to_string(),
        }),
        Some(Err(e)) => {
            errors.push(located(
                format!("{at}/row/1"),
                format!("the CSV cannot be read: {e}"),
                1,
            ));
            None
        }
        None => {
            errors.push(InputError::new(at, "the CSV text is empty").with_help(empty_help));
            None
        }
    }
}

impl Table<'_> {
    /// The JSON pointer of a row: `<at>/row/<line>`.
    pub fn row_path(&self, line: u64) -> String {
        format!("{}/row/{line}", self.at)
    }

    /// The next well-formed row as `(line, cells)`; rows that cannot be read or have another width
    /// than the header are reported in `errors` and skipped.
    pub fn next_row(&mut self, errors: &mut Vec<InputError>) -> Option<(u64, csv::StringRecord)> {
        let width = self.header.len();
        loop {
            let record = match self.records.next()? {
                Ok(record) => record,
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    errors.push(located(
                        self.row_path(line),
                        format!("row {line} cannot be read: {e}"),
                        line,
                    ));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            if record.len() != width {
                errors.push(
                    located(
                        self.row_path(line),
                        format!(
                            "row {line} has {} field{}, the header has {width}",
                            record.len(),
                            if record.len() == 1 { "" } else { "s" }
                        ),
                        line,
                    )
                    .with_help(format!(
                        "give `{}` on every row; quote values that contain commas",
                        self.header.join(",")
                    )),
                );
                continue;
            }
            return Some((line, record));
        }
    }
}

/// An error at a line of the text.
pub fn located(path: String, message: impl Into<String>, line: u64) -> InputError {
    let mut error = InputError::new(path, message);
    error.line = Some(usize::try_from(line).unwrap_or(usize::MAX));
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_row_is_reported_with_its_line_and_good_rows_come_through() {
        let mut errors = Vec::new();
        let mut table = read(
            "\u{feff}a , b\n1,2\n3\n\"4\",\"5,6\"\n7,8,9\n",
            "/x",
            "",
            &mut errors,
        )
        .unwrap();
        assert_eq!(table.header, vec!["a", "b"]);
        let mut rows = Vec::new();
        while let Some((line, record)) = table.next_row(&mut errors) {
            rows.push((line, record.iter().map(str::to_string).collect::<Vec<_>>()));
        }
        assert_eq!(
            rows,
            vec![
                (2, vec!["1".to_string(), "2".to_string()]),
                (4, vec!["4".to_string(), "5,6".to_string()])
            ]
        );
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].path, "/x/row/3");
        assert_eq!(errors[0].message, "row 3 has 1 field, the header has 2");
        assert_eq!(errors[1].line, Some(5));
        let mut errors = Vec::new();
        assert!(read("", "/x", "start with `a,b`", &mut errors).is_none());
        assert_eq!(errors[0].help.as_deref(), Some("start with `a,b`"));
    }
}
