//! WikiLeaks cable pages (HTML).
//!
//! A page holds, besides its navigation and help text:
//!
//! - the **reference table**: a header row `<th>Reference ID</th>`,
//!   `<th>Created</th>`, `<th>Released</th>`, `<th>Classification</th>`,
//!   `<th>Origin</th>` and one row of `<td>` cells. Its values are stated
//!   outright and become [`KnownMeta`]. The left navigation pane lists
//!   classifications and origins too, so the table is looked for only after
//!   the `Reference ID` header cell;
//! - the cable itself in `<pre>` blocks: the routing header, then the body.
//!   Some pages repeat the blocks further down; each distinct block is read
//!   once, in the order it first appears. Line ends are written as the
//!   entity `&#x000A;`, and each paragraph marker is an anchor,
//!   `<a id='par3' href='#par3'>¶</a>3.`, which reads `¶3.` once the tags
//!   are stripped.
//!
//! Tags are stripped before entities are decoded, so an escaped `&lt;` in
//! the text never becomes a tag. The resulting text goes to the plain-text
//! parser ([`super::text`]) with the table's values. A page without `<pre>`
//! blocks (an unusual mirror, a saved page) is read as the text of its
//! body.

use super::{normalize_datetime, Cable, DocProblem, KnownMeta};

/// Parse a WikiLeaks cable page.
pub fn parse_html(page: &str, source: &str) -> Result<Cable, DocProblem> {
    let meta = reference_table(page);
    let text = cable_text(page);
    let mut cable = super::text::parse_text(&text, source, &meta)?;
    if let Some(w) = truncation(page) {
        cable.warnings.push(w.to_string());
    }
    Ok(cable)
}

/// Does the page end early (a partial download)? Only what is there is read.
fn truncation(page: &str) -> Option<&'static str> {
    let last_pre = find_last_ci(page, "<pre")?;
    if find_ci(page, "</pre", last_pre).is_none() {
        Some("page ends inside a <pre> block (truncated download?); read what is there")
    } else if find_ci(page, "</html", last_pre).is_none() {
        Some("page has no </html> (truncated download?); read what is there")
    } else {
        None
    }
}

fn find_last_ci(hay: &str, needle: &str) -> Option<usize> {
    let mut pos = 0;
    let mut last = None;
    while let Some(i) = find_ci(hay, needle, pos) {
        last = Some(i);
        pos = i + needle.len();
    }
    last
}

/// The cable text of a page: its distinct `<pre>` blocks, or the text of the
/// whole page when it has none.
pub fn cable_text(page: &str) -> String {
    let blocks = pre_blocks(page);
    if blocks.is_empty() {
        return page_text(page);
    }
    // each distinct block once (a set: a page of many blocks stays linear)
    let mut seen: std::collections::HashSet<&str> = Default::default();
    let mut out = String::with_capacity(page.len() / 2);
    for b in blocks {
        if !seen.insert(b) {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&to_text(b));
    }
    out
}

/// The values of the reference table, empty when the page has none.
pub fn reference_table(page: &str) -> KnownMeta {
    let mut meta = KnownMeta::default();
    let Some(at) = find_ci(page, "<th>reference id</th>", 0) else {
        return meta;
    };
    // header cells from the start of this row to its end
    let row_start = rfind_ci(&page[..at], "<tr").unwrap_or(at);
    let Some(head_end) = find_ci(page, "</tr", at) else {
        return meta;
    };
    let headers: Vec<String> = cells(&page[row_start..head_end], "th")
        .into_iter()
        .map(|h| h.to_ascii_lowercase())
        .collect();
    // the next row holds the values
    let Some(next_row) = find_ci(page, "<tr", head_end) else {
        return meta;
    };
    let row_end = find_ci(page, "</tr", next_row)
        .or_else(|| find_ci(page, "</table", next_row))
        .unwrap_or(page.len());
    let values = cells(&page[next_row..row_end], "td");
    for (h, v) in headers.iter().zip(values) {
        if v.is_empty() {
            continue;
        }
        match h.as_str() {
            "reference id" => meta.id = Some(v),
            "created" => meta.created = Some(normalize_datetime(&v).unwrap_or(v)),
            "released" => meta.released = Some(normalize_datetime(&v).unwrap_or(v)),
            "classification" => meta.classification = Some(v),
            "origin" => meta.origin = Some(v),
            _ => {}
        }
    }
    meta
}

/// The text of every `<tag>…</tag>` cell in `row`, tags stripped, entities
/// decoded, white space collapsed.
fn cells(row: &str, tag: &str) -> Vec<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}");
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(s) = find_ci(row, &open, pos) {
        // `<th` must not match `<thead`
        let after = row[s + open.len()..].chars().next();
        if !matches!(after, Some('>' | ' ' | '\t' | '\n' | '\r' | '/')) {
            pos = s + open.len();
            continue;
        }
        let Some(gt) = row[s..].find('>') else { break };
        let inner_start = s + gt + 1;
        let inner_end = find_ci(row, &close, inner_start).unwrap_or(row.len());
        out.push(super::header::collapse_ws(&to_text(&row[inner_start..inner_end])).into_owned());
        pos = inner_end;
    }
    out
}

/// The inner HTML of every `<pre>` block, in page order. A `<pre>` inside
/// an HTML comment or a `<script>`/`<style>` element is not a block.
fn pre_blocks(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut pos = 0;
    let b = page.as_bytes();
    while let Some(lt) = memchr::memchr(b'<', &b[pos..]).map(|i| pos + i) {
        if let Some(end) = skip_hidden(page, lt) {
            pos = end;
            continue;
        }
        let is_pre = b.len() >= lt + 4
            && b[lt + 1..lt + 4].eq_ignore_ascii_case(b"pre")
            && matches!(b.get(lt + 4), Some(b'>' | b' ' | b'\t' | b'\n' | b'\r'));
        if !is_pre {
            pos = lt + 1;
            continue;
        }
        let Some(gt) = memchr::memchr(b'>', &b[lt..]) else {
            break;
        };
        let inner_start = lt + gt + 1;
        let inner_end = find_ci(page, "</pre", inner_start).unwrap_or(page.len());
        out.push(&page[inner_start..inner_end]);
        pos = inner_end;
    }
    out
}

/// At a `<`: when it opens an HTML comment or a `<script>` or `<style>`
/// element, the position just past its end (the end of the page when it
/// is not closed). Their content is never cable text.
fn skip_hidden(page: &str, lt: usize) -> Option<usize> {
    let rest = &page.as_bytes()[lt..];
    if rest.starts_with(b"<!--") {
        let end = memchr::memmem::find(&rest[4..], b"-->").map_or(page.len(), |i| lt + 4 + i + 3);
        return Some(end);
    }
    for name in ["script", "style"] {
        let n = name.len();
        if rest.len() > n + 1
            && rest[1..=n].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                rest.get(n + 1),
                Some(b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'/')
            )
        {
            let close = find_ci(page, &format!("</{name}"), lt + n + 1);
            let end = close.map_or(page.len(), |c| {
                memchr::memchr(b'>', &page.as_bytes()[c..]).map_or(page.len(), |i| c + i + 1)
            });
            return Some(end);
        }
    }
    None
}

/// The text of a page without `<pre>` blocks: scripts and styles dropped,
/// block-level tags read as line breaks.
fn page_text(page: &str) -> String {
    let body_start = find_ci(page, "<body", 0).unwrap_or(0);
    let mut html = String::with_capacity(page.len());
    let mut pos = body_start;
    let bytes_len = page.len();
    while pos < bytes_len {
        let Some(lt) = page[pos..].find('<').map(|i| pos + i) else {
            html.push_str(&page[pos..]);
            break;
        };
        html.push_str(&page[pos..lt]);
        let rest = &page[lt..];
        let skip_to = |name: &str| find_ci(page, &format!("</{name}"), lt).unwrap_or(bytes_len);
        let lower_prefix: String = rest
            .chars()
            .take(8)
            .collect::<String>()
            .to_ascii_lowercase();
        if lower_prefix.starts_with("<script") {
            pos = skip_to("script");
        } else if lower_prefix.starts_with("<style") {
            pos = skip_to("style");
        } else if lower_prefix.starts_with("<!--") {
            pos = page[lt..].find("-->").map_or(bytes_len, |i| lt + i + 3);
            continue;
        }
        if pos > lt {
            // skip the closing tag itself
            pos = page[pos..].find('>').map_or(bytes_len, |i| pos + i + 1);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            break;
        };
        let name: String = rest[1..gt]
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if matches!(
            name.as_str(),
            "br" | "p" | "div" | "tr" | "li" | "h1" | "h2" | "h3" | "h4" | "table" | "pre"
        ) {
            html.push('\n');
        } else if matches!(name.as_str(), "td" | "th") {
            html.push(' ');
        }
        pos = lt + gt + 1;
    }
    decode_entities(&html)
}

/// Strip the tags of an HTML fragment and decode its entities. Comments,
/// scripts and styles go with their content. Linear: a `<` without a `>`
/// after it is text, and once no `>` is left every later `<` is too.
fn to_text(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let b = fragment.as_bytes();
    let mut pos = 0;
    // where the next `>` at or after the search position is (None: none left)
    let mut next_gt: Option<Option<usize>> = None;
    while let Some(lt) = memchr::memchr(b'<', &b[pos..]).map(|i| pos + i) {
        out.push_str(&fragment[pos..lt]);
        if let Some(end) = skip_hidden(fragment, lt) {
            pos = end;
            continue;
        }
        // a `<` that does not open a tag is text
        let opens_tag = b
            .get(lt + 1)
            .is_some_and(|&c| c.is_ascii_alphabetic() || c == b'/' || c == b'!');
        let gt = match next_gt {
            Some(Some(g)) if g > lt => Some(g),
            Some(None) => None,
            _ => {
                let g = memchr::memchr(b'>', &b[lt..]).map(|i| lt + i);
                next_gt = Some(g);
                g
            }
        };
        match gt {
            Some(gt) if opens_tag => pos = gt + 1,
            _ => {
                out.push('<');
                pos = lt + 1;
            }
        }
    }
    out.push_str(&fragment[pos..]);
    decode_entities(&out)
}

/// Decode HTML entities (`&#x000A;`, `&amp;`, `&eacute;` …); unknown ones
/// stay as written. Line ends come out as LF.
fn decode_entities(s: &str) -> String {
    let decoded = html_escape::decode_html_entities(s);
    crate::decode::normalize_newlines(&decoded)
}

/// Case-insensitive (ASCII) search for `needle` in `hay` from `from`.
fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || from > h.len() || h.len() - from < n.len() {
        return None;
    }
    (from..=h.len() - n.len()).find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

/// Case-insensitive (ASCII) search for the last `needle` in `hay`.
fn rfind_ci(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len())
        .rev()
        .find(|&i| h[i..i + n.len()].eq_ignore_ascii_case(n))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><body>\
<div class='nav'><a href='/classification/1_0.html'>SECRET</a>\
<a href='/origin/9_0.html'>Embassy Nowhere</a></div>\
<table class='cable'>\n<tr>\n<th>Reference ID</th>\n<th>Created</th>\n<th>Released</th>\n\
<th>Classification</th>\n<th>Origin</th>\n</tr>\n<tr>\n\
<td>\n<a href='/cable/2009/02/09PARIS77.html'>09PARIS77</a>\n</td>\n\
<td>\n<a href='/date/2009-02_0.html'>2009-02-04 17:08</a>\n</td>\n\
<td>\n<a href='/reldate/2010-12-01_0.html'>2010-12-01 21:09</a>\n</td>\n\
<td>\n<a href='/classification/1_0.html' title='x'>CONFIDENTIAL</a>\n</td>\n\
<td>\n<a href='/origin/7_0.html'>Embassy Paris</a>\n</td>\n</tr>\n</table>\n\
<code><pre>R 041708Z FEB 09&#x000A;FM AMEMBASSY PARIS</pre></code>\
<code><pre>C O N F I D E N T I A L PARIS 000077 &#x000A;&#x000A;SUBJECT: A &amp; B&#x000A;&#x000A;\
<a id='par1' href='#par1'>¶</a>1. (C) First &lt;b&gt; para.&#x000A;&#x000A;\
<a id='par2' href='#par2'>¶</a>2. (U) Second.&#x000A;</pre></code>\
<code><pre>R 041708Z FEB 09&#x000A;FM AMEMBASSY PARIS</pre></code>\
</body></html>";

    #[test]
    fn table_after_reference_id_header() {
        let m = reference_table(PAGE);
        assert_eq!(m.id.as_deref(), Some("09PARIS77"));
        assert_eq!(m.created.as_deref(), Some("2009-02-04 17:08"));
        assert_eq!(m.released.as_deref(), Some("2010-12-01 21:09"));
        assert_eq!(m.classification.as_deref(), Some("CONFIDENTIAL"));
        assert_eq!(m.origin.as_deref(), Some("Embassy Paris"));
    }

    #[test]
    fn pre_blocks_once_entities_and_anchors() {
        let t = cable_text(PAGE);
        assert_eq!(t.matches("FM AMEMBASSY PARIS").count(), 1);
        assert!(t.contains("SUBJECT: A & B\n"));
        assert!(t.contains("\n¶1. (C) First <b> para.\n"), "{t}");
        assert!(t.contains("\n¶2. (U) Second."));
    }

    #[test]
    fn whole_page() {
        let c = parse_html(PAGE, "p.html").unwrap();
        assert_eq!(c.id, "09PARIS77");
        assert_eq!(c.subject.as_deref(), Some("A & B"));
        let nums: Vec<u32> = c.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(nums, [1, 2]);
        assert_eq!(c.paragraphs[0].text, "First <b> para.");
    }

    #[test]
    fn page_without_pre_or_table() {
        let page = "<html><head><style>p{}</style></head><body><script>var a=1;</script>\
<p>SUBJECT: OLD</p><p>1. FIRST.</p><p>2. SECOND.</p></body></html>";
        let c = parse_html(page, "p.html").unwrap();
        let nums: Vec<u32> = c.paragraphs.iter().map(|p| p.number).collect();
        assert_eq!(nums, [1, 2]);
        assert_eq!(c.subject.as_deref(), Some("OLD"));
    }

    #[test]
    fn broken_html_does_not_panic() {
        for page in [
            "<pre",
            "<pre>",
            "<th>Reference ID</th>",
            "<th>Reference ID</th></tr><tr><td>x",
            "<pre>a < b</pre>",
            "<<<>>>é<pre>¶</pre",
            "<body><script>",
            "<body><!-- ",
        ] {
            let _ = parse_html(page, "p.html");
        }
    }

    #[test]
    fn scripts_and_comments_are_not_cable_text() {
        let page = "<html><body><!-- <pre>OLD HIDDEN</pre> --><script>var x = '<pre>JS</pre>';</script>\
<pre>1. (C) Seen. <!-- a > b HIDDEN --> <script>alert('HIDDEN')</script><SCRIPT type=x>HIDDEN</SCRIPT>Also seen.</pre></body></html>";
        let t = cable_text(page);
        assert!(t.contains("Seen.") && t.contains("Also seen."), "{t}");
        assert!(!t.contains("HIDDEN") && !t.contains("JS"), "{t}");
    }

    #[test]
    fn unclosed_tags_and_many_blocks_stay_linear() {
        // 200k `<b` without `>`: every one is text, found in one pass
        let page = format!("<html><pre>{}</pre></html>", "<b x ".repeat(200_000));
        let start = std::time::Instant::now();
        let t = cable_text(&page);
        assert_eq!(t.matches("<b").count(), 200_000);
        let many = format!("<html>{}</html>", "<pre>x</pre>".repeat(50_000));
        assert_eq!(cable_text(&many).trim(), "x");
        let distinct: String = (0..50_000).map(|i| format!("<pre>{i}</pre>")).collect();
        assert!(cable_text(&distinct).contains("49999"));
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
    }
}
