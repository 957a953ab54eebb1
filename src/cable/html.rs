//! WikiLeaks cable pages (HTML). Placeholder until the HTML reader lands.

use super::{Cable, DocProblem, KnownMeta};

/// Parse a WikiLeaks cable page.
pub fn parse_html(text: &str, source: &str) -> Result<Cable, DocProblem> {
    super::text::parse_text(text, source, &KnownMeta::default())
}
