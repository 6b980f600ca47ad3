//! Where a JSON pointer lands in JSON text (line and column, 1-based), so that a finding or error
//! the core reports by pointer only can be shown at its line (the CLI's SARIF output).

/// The line and column of the member or element at `pointer`; when the text has no such value, the
/// nearest ancestor that it has. `None` only when the text is not JSON that can be walked.
pub fn locate(text: &str, pointer: &str) -> Option<(usize, usize)> {
    let target: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let mut walker = Walker {
        chars: text.chars().peekable(),
        line: 1,
        column: 1,
        path: Vec::new(),
        target: &target,
        best: None,
    };
    walker.record();
    walker.value(0)?;
    walker.best.map(|(_, line, column)| (line, column))
}

/// The deepest nesting walked; serde_json refuses deeper documents before they get here.
const MAX_DEPTH: usize = 256;

struct Walker<'t, I: Iterator<Item = char>> {
    chars: std::iter::Peekable<I>,
    line: usize,
    column: usize,
    path: Vec<String>,
    target: &'t [String],
    /// Depth of the longest matched prefix, with its position.
    best: Option<(usize, usize, usize)>,
}

impl<I: Iterator<Item = char>> Walker<'_, I> {
    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn skip_whitespace(&mut self) {
        while self.chars.peek().is_some_and(|c| c.is_whitespace()) {
            self.bump();
        }
    }

    /// Notes the current position if the current path is a prefix of the target.
    fn record(&mut self) {
        let depth = self.path.len();
        let prefix = self.target.get(..depth).is_some_and(|t| t == self.path);
        if prefix && self.best.is_none_or(|(d, _, _)| depth > d) {
            self.best = Some((depth, self.line, self.column));
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        match self.chars.peek()? {
            '{' => {
                self.bump();
                loop {
                    self.skip_whitespace();
                    if self.chars.peek() == Some(&'}') {
                        self.bump();
                        return Some(());
                    }
                    let (line, column) = (self.line, self.column);
                    let key = self.string()?;
                    self.skip_whitespace();
                    (self.bump()? == ':').then_some(())?;
                    self.path.push(key);
                    let (l, c) = (self.line, self.column);
                    (self.line, self.column) = (line, column);
                    self.record();
                    (self.line, self.column) = (l, c);
                    self.value(depth + 1)?;
                    self.path.pop();
                    self.skip_whitespace();
                    match self.bump()? {
                        ',' => continue,
                        '}' => return Some(()),
                        _ => return None,
                    }
                }
            }
            '[' => {
                self.bump();
                let mut index = 0usize;
                loop {
                    self.skip_whitespace();
                    if self.chars.peek() == Some(&']') {
                        self.bump();
                        return Some(());
                    }
                    self.path.push(index.to_string());
                    self.record();
                    self.value(depth + 1)?;
                    self.path.pop();
                    index += 1;
                    self.skip_whitespace();
                    match self.bump()? {
                        ',' => continue,
                        ']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            '"' => self.string().map(|_| ()),
            _ => {
                // A number, `true`, `false` or `null`.
                while self
                    .chars
                    .peek()
                    .is_some_and(|c| !matches!(c, ',' | '}' | ']') && !c.is_whitespace())
                {
                    self.bump();
                }
                Some(())
            }
        }
    }

    /// A string literal, unescaped.
    fn string(&mut self) -> Option<String> {
        (self.bump()? == '"').then_some(())?;
        let mut out = String::new();
        loop {
            match self.bump()? {
                '"' => return Some(out),
                '\\' => match self.bump()? {
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => {
                        let mut code = 0u32;
                        for _ in 0..4 {
                            code = code * 16 + self.bump()?.to_digit(16)?;
                        }
                        out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
    }
}
