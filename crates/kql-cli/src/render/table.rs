//! Results as an aligned text table, fitted to the terminal when there is one.

use std::io::{self, Write};

use super::NamedResult;

/// The narrowest a column is squeezed to when a table is fitted to a width.
const MIN_COLUMN: usize = 6;

/// How a text table is laid out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TableStyle {
    /// Truncate cells (marking them with `…`) to keep each line within this many
    /// characters; `None` never truncates.
    pub max_width: Option<usize>,
    /// Print the header in bold (ANSI), for terminals with colour.
    pub bold_header: bool,
}

impl TableStyle {
    /// The style for standard output: fitted to `COLUMNS` (or 120) and with a bold
    /// header when it is a terminal; colour only when `NO_COLOR` is unset or empty.
    pub fn for_stdout(is_terminal: bool) -> TableStyle {
        if !is_terminal {
            return TableStyle::default();
        }
        let width = std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<usize>().ok())
            .filter(|&w| w > 0)
            .unwrap_or(120);
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        TableStyle {
            max_width: Some(width),
            bold_header: !no_color,
        }
    }
}

/// Writes one result: header, rule, rows, and a `(N rows, X ms)` footer.
pub fn write_table(result: &NamedResult, style: TableStyle, out: &mut dyn Write) -> io::Result<()> {
    let (header, rows) = super::cells(&result.table);
    let natural: Vec<usize> = (0..header.len())
        .map(|i| {
            rows.iter()
                .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                .chain([header[i].chars().count()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let widths = match style.max_width {
        Some(max) => fit(&natural, max),
        None => natural,
    };
    let line = |row: &[String]| -> String {
        let parts: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, &w)| format!("{:<w$}", truncate(c, w)))
            .collect();
        parts.join(" | ").trim_end().to_string()
    };
    let head = line(&header);
    if style.bold_header {
        writeln!(out, "\x1b[1m{head}\x1b[0m")?;
    } else {
        writeln!(out, "{head}")?;
    }
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    writeln!(out, "{}", rule.join("-+-"))?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(
        out,
        "({} rows, {} ms)",
        result.table.num_rows(),
        result.elapsed.as_millis()
    )
}

/// Column widths whose line (cells joined by ` | `) fits in `max` characters: the
/// widest columns are capped first, none below [`MIN_COLUMN`] (or its natural width).
fn fit(natural: &[usize], max: usize) -> Vec<usize> {
    let total = |cap: usize| -> usize {
        let cells: usize = natural.iter().map(|&w| w.min(cap.max(MIN_COLUMN))).sum();
        cells + 3 * natural.len().saturating_sub(1)
    };
    let widest = natural.iter().copied().max().unwrap_or(0);
    if total(widest) <= max {
        return natural.to_vec();
    }
    // The largest cap that fits (total is monotonic in the cap).
    let (mut lo, mut hi) = (MIN_COLUMN, widest);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if total(mid) <= max {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    natural.iter().map(|&w| w.min(lo)).collect()
}

/// `text` cut to `width` characters, the last replaced by `…` when anything was cut.
fn truncate(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_caps_the_widest_columns_first() {
        assert_eq!(fit(&[5, 10], 40), vec![5, 10]);
        // 3 + 50 + 30 + two separators of 3 = 89 > 60: a cap of 26 gives 61, 25 gives 59.
        assert_eq!(fit(&[3, 50, 30], 60), vec![3, 25, 25]);
        // Nothing is squeezed below the minimum, even if the line stays too long.
        assert_eq!(fit(&[20, 20, 20], 10), vec![6, 6, 6]);
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("abcdef", 6), "abcdef");
        assert_eq!(truncate("abcdefg", 6), "abcde…");
        assert_eq!(truncate("héllo wörld", 4), "hél…");
    }
}
