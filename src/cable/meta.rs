//! What a container states about a cable outright, before its text is read.

/// Metadata that a container (HTML reference table, CSV columns, JSON
/// fields) states outright. Whatever is set here wins over what the text
/// parser finds in the cable text itself.
#[derive(Clone, Debug, Default)]
pub struct KnownMeta {
    /// Reference id.
    pub id: Option<String>,
    /// Creation date, `YYYY-MM-DD HH:MM`.
    pub created: Option<String>,
    /// Release date, `YYYY-MM-DD HH:MM`.
    pub released: Option<String>,
    /// Classification.
    pub classification: Option<String>,
    /// Origin.
    pub origin: Option<String>,
    /// Ids of the cables this one refers to (the dump's `references`).
    pub references: Vec<String>,
}
