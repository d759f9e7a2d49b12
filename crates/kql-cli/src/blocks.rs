//! Query blocks: a file holding several queries one after the other, separated by
//! blank lines, the way the Log Analytics, Defender advanced hunting and Kusto Explorer
//! editors hold them (the editor runs the block under the cursor). `kql run
//! --each-block` runs every block as its own query; `--block N` runs the N-th.
//!
//! ```text
//! // Advanced hunting variant
//! EmailEvents | where Timestamp > ago(1d)       <- block 1 (line 2)
//!
//! // Sentinel variant
//! EmailEvents | where TimeGenerated > ago(1d)   <- block 2 (line 5)
//! EmailEvents | where TimeGenerated > ago(1d)
//! ```
//!
//! A block ends at a line holding only whitespace, unless that line is inside a
//! multi-line string (```` ``` ```` or `~~~`). A block of comments alone is not a query
//! and is dropped. Each block keeps its place in the file (the other lines become
//! spaces), so diagnostics point at the file's own lines and columns.

/// One query of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// 1-based, among the blocks that hold a query.
    pub number: usize,
    /// The 1-based line of the file holding [`Block::title`].
    pub line: usize,
    /// The block's first line that is not a comment, trimmed: what the user sees.
    pub title: String,
    /// The whole file's text with every byte of the lines outside the block made a
    /// space: the block's byte offsets, lines and columns are the file's own.
    pub text: String,
}

/// What the scanner is inside at the end of a line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Code,
    /// A multi-line string opened by three backticks or three tildes.
    Multiline(char),
}

/// Scans one line from `state`; returns the state at its end and whether the line
/// holds anything but whitespace and comments.
fn scan_line(line: &str, mut state: State) -> (State, bool) {
    let chars: Vec<char> = line.chars().collect();
    let mut code = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match state {
            State::Multiline(fence) => {
                code = true;
                if chars[i..].starts_with(&[fence, fence, fence]) {
                    state = State::Code;
                    i += 3;
                    continue;
                }
                i += 1;
            }
            State::Code => {
                if c.is_whitespace() {
                    i += 1;
                } else if chars[i..].starts_with(&['/', '/']) {
                    break;
                } else if (c == '`' || c == '~') && chars[i..].starts_with(&[c, c, c]) {
                    code = true;
                    state = State::Multiline(c);
                    i += 3;
                } else if c == '"' || c == '\'' {
                    code = true;
                    let verbatim = i > 0 && matches!(chars[i - 1], '@');
                    i = string_end(&chars, i + 1, c, verbatim);
                } else {
                    code = true;
                    i += 1;
                }
            }
        }
    }
    (state, code)
}

/// The index after the quote that closes a one-line string opened before `start`
/// (the line's end when it does not close: strings do not span lines).
fn string_end(chars: &[char], start: usize, quote: char, verbatim: bool) -> usize {
    let mut i = start;
    while i < chars.len() {
        let c = chars[i];
        if !verbatim && c == '\\' {
            i += 2;
        } else if c == quote {
            // A verbatim string writes its quote doubled.
            if verbatim && chars.get(i + 1) == Some(&quote) {
                i += 2;
            } else {
                return i + 1;
            }
        } else {
            i += 1;
        }
    }
    chars.len()
}

/// The blocks of `text` that hold a query, in order.
pub fn split(text: &str) -> Vec<Block> {
    let lines: Vec<&str> = text.split('\n').collect();
    // (first line, last line exclusive, has code) of each run of non-blank lines.
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    let mut state = State::Code;
    let mut current: Option<(usize, bool)> = None;
    for (i, line) in lines.iter().enumerate() {
        let blank = state == State::Code && line.trim().is_empty();
        if blank {
            if let Some((start, code)) = current.take() {
                runs.push((start, i, code));
            }
            continue;
        }
        let (next, code) = scan_line(line, state);
        state = next;
        let entry = current.get_or_insert((i, false));
        entry.1 |= code;
    }
    if let Some((start, code)) = current {
        runs.push((start, lines.len(), code));
    }
    runs.into_iter()
        .filter(|(_, _, code)| *code)
        .enumerate()
        .map(|(n, (start, end, _))| {
            let (title_line, title) = (start..end)
                .map(|i| (i, lines[i].trim()))
                .find(|(_, l)| !l.is_empty() && !l.starts_with("//"))
                .unwrap_or((start, ""));
            Block {
                number: n + 1,
                line: title_line + 1,
                title: title.to_string(),
                text: lines
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        if (start..end).contains(&i) {
                            (*l).to_string()
                        } else {
                            " ".repeat(l.len())
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n"),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<(usize, String)> {
        split(text).into_iter().map(|b| (b.line, b.title)).collect()
    }

    #[test]
    fn blank_lines_separate_queries_and_comment_blocks_are_dropped() {
        let text = "// Two variants\n\n// advanced hunting\nT\n| take 1\n\n  \t\nU | count\n\n// the end\n";
        assert_eq!(
            titles(text),
            vec![(4, "T".to_string()), (8, "U | count".to_string())]
        );
    }

    #[test]
    fn a_block_keeps_its_lines_in_place() {
        let blocks = split("A\n\nB\n| take 1");
        assert_eq!(blocks[1].text, " \n\nB\n| take 1");
        assert_eq!(blocks[1].text.len(), "A\n\nB\n| take 1".len());
        assert_eq!(blocks[1].number, 2);
    }

    #[test]
    fn a_blank_line_inside_a_multiline_string_does_not_split() {
        let text = "print x = ```one\n\ntwo```\n\nprint ~~~a\n\n~~~\n";
        assert_eq!(
            titles(text),
            vec![
                (1, "print x = ```one".to_string()),
                (5, "print ~~~a".to_string())
            ]
        );
    }

    #[test]
    fn fences_inside_strings_and_comments_do_not_open_a_multiline_string() {
        let text = "print \"```\" // ```\n\nprint @'a''```'\n\nprint 1";
        assert_eq!(split(text).len(), 3);
    }
}
