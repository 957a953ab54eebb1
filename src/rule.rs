//! The rule behind every mention: the matcher records [`Rule::Match`], the
//! resolve stage ([`crate::resolve`]) and discovery ([`crate::discover`])
//! the rule that kept, re-linked or found it. Below both, so that each
//! records its decisions in the same words (`mentions.csv`'s `rule` column,
//! `explain`).

/// The rule that decided a mention. `name()` is the stable lower-case word
/// written in `mentions.csv`'s `rule` column and shown by `explain`. New
/// rules are added at the end.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Rule {
    /// The matcher alone (the resolve stage was off: `--no-context`).
    #[default]
    Match,
    /// Accepted on its alias: an international entity, or scope `any`.
    Alias,
    /// Accepted: the cable's origin post is in the entity's country.
    Origin,
    /// Accepted: the cable's TAGS hold the entity's country.
    Tags,
    /// Accepted: the text names the entity's country (in the cable, or in
    /// the paragraph for scope `local` and weak aliases).
    Named,
    /// Accepted: the words before the mention (or the alias itself) name
    /// the entity's country; rejected: they name another one.
    Qualified,
    /// Accepted, re-linked or rejected by the cable's own acronym
    /// definition; also every mention an acronym definition adds.
    Defined,
    /// Accepted: a U.S. body in a U.S. cable, nothing pointing elsewhere.
    Default,
    /// Rejected: part of a longer name (hyphenated compound, tail of a
    /// proper name).
    Boundary,
    /// Rejected: an acronym used as a person's title (`NSA Kim`).
    Title,
    /// Rejected: the cable is not about the entity's country.
    Scope,
    /// Rejected: a one-word name of a program or organization used as a
    /// place (`in Merida` is the city or state, not the Merida
    /// Initiative).
    Place,
    /// Discovered: an acronym the cable defines, or a later use of it
    /// ([`crate::discover`]).
    DiscoveredAcronym,
    /// Discovered: a person introduced by a title.
    DiscoveredTitle,
    /// Discovered: a bare surname referring back to a person named in
    /// full earlier in the cable.
    BackReference,
    /// Discovered: a government named or abbreviated ("Government of
    /// Uganda", `GOC` in a Havana cable).
    Government,
    /// Discovered: a person named in full without a title, by a given name
    /// the gazetteer's people use ("Porfirio Lobo", "Lisa Kubiske").
    DiscoveredName,
}

impl Rule {
    /// The stable name, e.g. `origin`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::Match => "match",
            Rule::Alias => "alias",
            Rule::Origin => "origin",
            Rule::Tags => "tags",
            Rule::Named => "named",
            Rule::Qualified => "qualified",
            Rule::Defined => "defined",
            Rule::Default => "default",
            Rule::Boundary => "boundary",
            Rule::Title => "title",
            Rule::Scope => "scope",
            Rule::Place => "place",
            Rule::DiscoveredAcronym => "discovered-acronym",
            Rule::DiscoveredTitle => "discovered-title",
            Rule::BackReference => "back-reference",
            Rule::Government => "government",
            Rule::DiscoveredName => "discovered-name",
        }
    }
}
