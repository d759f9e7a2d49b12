//! `--chart FILE.html`: a self-contained page (no scripts, styles or fonts from the
//! network) with the chart's title and the SVG inline.

/// The page around `svg`, titled `title`.
pub fn page(title: &str, svg: &str) -> String {
    let title = escape(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n\
         <style>body {{ font-family: sans-serif; margin: 2em; }} svg {{ max-width: 100%; height: auto; }}</style>\n\
         </head>\n<body>\n<h1>{title}</h1>\n{svg}\n</body>\n</html>\n"
    )
}

/// `text` with the characters HTML gives a meaning to written as entities.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_title_is_escaped_and_the_svg_kept() {
        let html = page("Mail <per> day & night", "<svg></svg>");
        assert!(html.contains("<title>Mail &lt;per&gt; day &amp; night</title>"));
        assert!(html.contains("<h1>Mail &lt;per&gt; day &amp; night</h1>"));
        assert!(html.contains("\n<svg></svg>\n"));
        assert!(!html.contains("http"), "no network resources");
    }
}
