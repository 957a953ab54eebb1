//! Why the matcher found what it found: every match with the alias and
//! rule behind it, and every candidate that lost, with the reason.
//!
//! For a user tuning the gazetteer, a false positive traces to its alias
//! in one step, and a miss to the alias that beat it. Nothing is derived
//! here a second time: the pipeline, asked to record
//! ([`crate::pipeline::Recording`]), hands on each cable's
//! [`Record`] — every occurrence of every alias in the normalised
//! paragraph with the matcher's verdict ([`crate::matcher::Candidate`]),
//! every decision of the resolve stage, and every mention an acronym
//! definition added — and this module words them. Each candidate that is
//! not a final mention is classified:
//!
//! | reason | example |
//! | --- | --- |
//! | not a whole word | `"Iran" inside the word "Iranian"` |
//! | case | `alias "PGR" needs exact case, text has "pgr"` |
//! | lost to a longer alias at the same start | `"Merida" lost to "Merida Initiative" (longer)` |
//! | inside an earlier, longer match | `"London" inside "Embassy London"` |
//! | overlaps an earlier match | `"X Y" overlaps "W X" (leftmost wins)` |
//! | a definition's parenthesised acronym | `"PGR" counts once with "Attorney General's Office"` |
//!
//! A match's rule names its alias, whether case had to match exactly, and
//! the folds needed to see it (line break, spaces, end-of-line hyphen,
//! diacritics, quotes, case); a mention added by an acronym the cable
//! defines names its definition (`acronym defined in ¶3`).
//!
//! With the resolve stage on (the default; [`crate::resolve`]), a match
//! also names the rule that accepted it in its cable (`accepted: origin
//! (cable about Mexico …)`), a re-linked candidate says what it was
//! re-linked from, and every candidate the stage rejected is shown as
//! lost with its rule and evidence: `rejected (scope): cable about Morocco
//! (origin Embassy Rabat, TAGS MO); Mexico not named in the paragraph`.

use std::collections::{HashMap, HashSet};

use crate::gazetteer::Gazetteer;
use crate::matcher::{is_definition_gap, is_word_char, Located, Matcher, Verdict};
use crate::normalize::normalize;
use crate::pipeline::{Matched, Record};
use crate::resolve::Outcome as Resolved;

/// What happened to one candidate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A mention; the rule that produced it.
    Matched(String),
    /// Not a mention; why.
    Lost(String),
}

/// One match or candidate, in a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    /// Index into `cable.paragraphs`.
    pub paragraph: usize,
    /// Byte span in the paragraph's original text.
    pub start: usize,
    /// End of the span.
    pub end: usize,
    /// Entity index in the gazetteer.
    pub entity: u32,
    /// The winning entity, for a candidate that lost an overlap.
    pub winner: Option<u32>,
    /// What happened.
    pub outcome: Outcome,
}

/// Words the decisions a pipeline recorded (run it with
/// [`crate::pipeline::Recording`]`{ decisions: true, .. }`, every type
/// kept, without discovery).
pub struct Explainer<'a> {
    gazetteer: &'a Gazetteer,
    matcher: &'a Matcher,
}

impl<'a> Explainer<'a> {
    /// An explainer for cables matched by `matcher`, compiled from
    /// `gazetteer`.
    pub fn new(gazetteer: &'a Gazetteer, matcher: &'a Matcher) -> Explainer<'a> {
        Explainer { gazetteer, matcher }
    }

    /// Every match and lost candidate of a matched cable (matched with
    /// every type kept), by paragraph, then start; matches first. The
    /// candidates, decisions and links are the cable's [`Record`]; without
    /// one, only the matches are shown.
    ///
    /// Long by design: each match and candidate is explained in match order by one walk over
    /// the decisions.
    #[allow(clippy::too_many_lines)]
    pub fn explain(&self, m: &Matched) -> Vec<Item> {
        let pats = self.matcher.patterns();
        let none = Record::default();
        let record = m.record.as_deref().unwrap_or(&none);
        let decisions = &record.decisions;
        // the final mentions (the resolve stage's and the definitions'), by
        // paragraph, then start
        let mut mentions = m.mentions.clone();
        mentions.sort_by_key(|x| (x.paragraph, x.mention.start));
        let mut items = Vec::new();
        // lookups by place, so a paragraph of many mentions stays linear:
        // the first link at each (paragraph, start), the first kept
        // decision at each (paragraph, start, end), and every candidate
        // a decision was about
        let mut link_at = HashMap::new();
        for l in &record.links {
            link_at
                .entry((l.located.paragraph, l.located.mention.start))
                .or_insert(l);
        }
        let mut kept_at = HashMap::new();
        let mut judged = HashSet::new();
        for d in decisions {
            let c = d.candidate;
            judged.insert((
                c.paragraph,
                c.mention.pattern,
                c.mention.start,
                c.mention.end,
            ));
            if d.outcome != Resolved::Rejected {
                kept_at
                    .entry((c.paragraph, c.mention.start, c.mention.end))
                    .or_insert(d);
            }
        }
        let decided = |x: &Located| {
            kept_at
                .get(&(x.paragraph, x.mention.start, x.mention.end))
                .copied()
        };
        for d in decisions.iter().filter(|d| d.outcome == Resolved::Rejected) {
            let c = d.candidate;
            let p = &pats[c.mention.pattern as usize];
            items.push(Item {
                paragraph: c.paragraph,
                start: c.mention.start,
                end: c.mention.end,
                entity: c.mention.entity,
                winner: None,
                outcome: Outcome::Lost(format!(
                    "rejected ({}): {} (alias \"{}\")",
                    d.rule.name(),
                    d.evidence,
                    p.alias
                )),
            });
        }
        for x in &mentions {
            let text = &m.cable.paragraphs[x.paragraph].text;
            let (s, e) = (x.mention.start, x.mention.end);
            let rule = if self.matcher.is_defined_pattern(x.mention.pattern) {
                match link_at.get(&(x.paragraph, s)) {
                    Some(l) => format!(
                        "acronym defined in ¶{}: {}",
                        m.cable.paragraphs[l.defined_in].number,
                        l.definition.describe()
                    ),
                    None => "acronym defined in the cable".into(),
                }
            } else {
                let p = &pats[x.mention.pattern as usize];
                rule_of(&p.alias, p.exact_case, &text[s..e])
            };
            let rule = match decided(x) {
                Some(d) => match d.outcome {
                    Resolved::Relinked(_) => {
                        let was = d.candidate.mention;
                        format!(
                            "re-linked from {} (alias \"{}\"), {}: {}",
                            self.gazetteer.entities()[was.entity as usize].id,
                            pats[was.pattern as usize].alias,
                            d.rule.name(),
                            d.evidence
                        )
                    }
                    // an entity with no scope: nothing to add to the alias
                    _ if d.rule == crate::rule::Rule::Alias => rule,
                    _ => format!("{rule}; accepted: {} ({})", d.rule.name(), d.evidence),
                },
                None => rule,
            };
            items.push(Item {
                paragraph: x.paragraph,
                start: s,
                end: e,
                entity: x.mention.entity,
                winner: None,
                outcome: Outcome::Matched(rule),
            });
        }
        let mut candidates = record.candidates.as_slice();
        while let Some(&(pi, _)) = candidates.first() {
            let n = candidates.partition_point(|&(p, _)| p == pi);
            let (these, rest) = candidates.split_at(n);
            candidates = rest;
            let p = &m.cable.paragraphs[pi];
            // in start order (sorted above)
            let lo = mentions.partition_point(|x| x.paragraph < pi);
            let hi = mentions.partition_point(|x| x.paragraph <= pi);
            let here: Vec<&Located> = mentions[lo..hi].iter().collect();
            let shown_here: HashSet<(u32, usize, usize)> = here
                .iter()
                .map(|x| (x.mention.pattern, x.mention.start, x.mention.end))
                .collect();
            let longest = here
                .iter()
                .map(|x| x.mention.end - x.mention.start)
                .max()
                .unwrap_or(0);
            for &(_, c) in these {
                let (os, oe, pn) = (c.start, c.end, c.pattern);
                let pat = &pats[pn as usize];
                if shown_here.contains(&(pn, os, oe)) || judged.contains(&(pi, pn, os, oe)) {
                    continue;
                }
                // the mentions that can overlap [os, oe): those that
                // start within the longest mention's length before it
                let lo = here.partition_point(|x| x.mention.start + longest <= os);
                let hi = here.partition_point(|x| x.mention.start < oe);
                let surface = &p.text[os..oe];
                let mut winner = None;
                let reason = if c.verdict == Verdict::NotWholeWord {
                    let (ws, we) = word_around(&p.text, os, oe);
                    format!(
                        "alias \"{}\" not a whole word: inside \"{}\"",
                        pat.alias,
                        one_line(&p.text[ws..we])
                    )
                } else if c.verdict == Verdict::Case {
                    format!(
                        "alias \"{}\" needs exact case, text has \"{}\"",
                        pat.alias,
                        one_line(surface)
                    )
                } else if let Some(w) = here[lo..hi.max(lo)]
                    .iter()
                    .find(|x| x.mention.start < oe && os < x.mention.end)
                {
                    winner = Some(w.mention.entity);
                    let ws = one_line(&p.text[w.mention.start..w.mention.end]);
                    let (ms, me) = (w.mention.start, w.mention.end);
                    if ms == os && me > oe {
                        format!("\"{}\" lost to \"{ws}\" (longer)", one_line(surface))
                    } else if ms == os && me == oe {
                        format!(
                            "\"{}\" same text as the chosen alias \"{}\"",
                            one_line(surface),
                            pats[w.mention.pattern as usize].alias
                        )
                    } else if ms <= os && me >= oe {
                        format!("\"{}\" inside \"{ws}\"", one_line(surface))
                    } else if ms < os {
                        format!(
                            "\"{}\" overlaps \"{ws}\" (leftmost wins)",
                            one_line(surface)
                        )
                    } else {
                        format!("\"{}\" overlaps \"{ws}\" (longest wins)", one_line(surface))
                    }
                } else if let Some(w) = p.text[oe..]
                    .starts_with(')')
                    .then(|| {
                        // a definition gap is white space and "(" after
                        // an optional "'s" (at most 4 bytes): a mention
                        // ending before that cannot be the long form
                        let gap = p.text[..os]
                            .trim_end_matches(|c: char| c.is_whitespace() || c == '(')
                            .len()
                            .saturating_sub(4);
                        let from = here.partition_point(|x| x.mention.start + longest < gap);
                        let to = here.partition_point(|x| x.mention.start < os);
                        here[from..to.max(from)].iter().rev().find(|x| {
                            x.mention.end <= os
                                && x.mention.entity == pat.entity
                                && is_definition_gap(&p.text[x.mention.end..os])
                        })
                    })
                    .flatten()
                {
                    winner = Some(w.mention.entity);
                    format!(
                        "\"{}\" in parentheses counts once with \"{}\" (a definition)",
                        one_line(surface),
                        one_line(&p.text[w.mention.start..w.mention.end])
                    )
                } else {
                    format!(
                        "\"{}\" not chosen (a shorter overlap chain)",
                        one_line(surface)
                    )
                };
                items.push(Item {
                    paragraph: pi,
                    start: os,
                    end: oe,
                    entity: pat.entity,
                    winner,
                    outcome: Outcome::Lost(reason),
                });
            }
        }
        items.sort_by_key(|i| {
            (
                i.paragraph,
                i.start,
                matches!(i.outcome, Outcome::Lost(_)),
                std::cmp::Reverse(i.end),
            )
        });
        items.dedup();
        items
    }

    /// One item as two lines: what and why, then the context.
    pub fn render(&self, m: &Matched, item: &Item) -> String {
        let ents = self.gazetteer.entities();
        let p = &m.cable.paragraphs[item.paragraph];
        let e = &ents[item.entity as usize];
        let (tag, why) = match &item.outcome {
            Outcome::Matched(r) => ("match", r.as_str()),
            Outcome::Lost(r) => ("lost ", r.as_str()),
        };
        format!(
            "{}¶{}\t{tag}\t{} ({})\t{why}\n\t{}\n",
            m.cable.id,
            p.number,
            e.id,
            e.kind,
            context(&p.text, item.start, item.end, 40)
        )
    }
}

/// The rule behind a match of `alias` as `surface`.
pub fn rule_of(alias: &str, exact_case: bool, surface: &str) -> String {
    let mut folds = Vec::new();
    if surface.contains(['\n', '\r']) {
        folds.push("line break");
    }
    if surface.contains("  ")
        || surface.contains('\t')
        || surface.chars().any(|c| c.is_whitespace() && !c.is_ascii())
    {
        folds.push("spaces");
    }
    let hyphen_break = surface.match_indices('-').any(|(i, _)| {
        surface[i + 1..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r'])
    });
    if hyphen_break {
        folds.push("end-of-line hyphen");
    }
    let accents = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_ascii() && c.is_alphabetic())
            .collect()
    };
    if accents(surface) != accents(alias) {
        folds.push("diacritics");
    }
    let quotes = |s: &str| -> String {
        s.chars()
            .filter(|c| {
                matches!(
                    c,
                    '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' | '`' | '\u{00B4}'
                )
            })
            .collect()
    };
    if quotes(surface) != quotes(alias) {
        folds.push("quotes");
    }
    if !exact_case
        && normalize(surface)
            .split_whitespace()
            .ne(normalize(alias).split_whitespace())
    {
        folds.push("case");
    }
    let case = if exact_case { "exact case" } else { "any case" };
    if folds.is_empty() {
        format!("alias \"{alias}\" ({case})")
    } else {
        format!("alias \"{alias}\" ({case}, folded: {})", folds.join(", "))
    }
}

/// `text[s..e]` with about `width` characters either side, on one line,
/// the match in brackets.
pub fn context(text: &str, s: usize, e: usize, width: usize) -> String {
    let before: String = {
        let v: Vec<char> = text[..s].chars().rev().take(width).collect();
        v.into_iter().rev().collect()
    };
    let after: String = text[e..].chars().take(width).collect();
    let lead = if before.len() < s { "…" } else { "" };
    let tail = if after.len() < text.len() - e {
        "…"
    } else {
        ""
    };
    format!(
        "{lead}{}[{}]{}{tail}",
        one_line(&before),
        one_line(&text[s..e]),
        one_line(&after)
    )
}

/// White space runs as one space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The whole word(s) around `s..e`.
fn word_around(text: &str, s: usize, e: usize) -> (usize, usize) {
    let w = is_word_char;
    let ws = text[..s]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| w(c))
        .last()
        .map_or(s, |(i, _)| i);
    let we = e + text[e..]
        .chars()
        .take_while(|&c| w(c))
        .map(char::len_utf8)
        .sum::<usize>();
    (ws, we)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_name_the_folds() {
        assert_eq!(rule_of("PGR", true, "PGR"), "alias \"PGR\" (exact case)");
        assert_eq!(
            rule_of("Merida Initiative", false, "Merida\nInitiative"),
            "alias \"Merida Initiative\" (any case, folded: line break)"
        );
        assert_eq!(
            rule_of("Merida Initiative", false, "Merida  Initiative"),
            "alias \"Merida Initiative\" (any case, folded: spaces)"
        );
        assert_eq!(
            rule_of("Felipe Calderón", false, "FELIPE CALDERON"),
            "alias \"Felipe Calderón\" (any case, folded: diacritics, case)"
        );
        assert_eq!(
            rule_of("Procuraduría", false, "Procura-\nduría"),
            "alias \"Procuraduría\" (any case, folded: line break, end-of-line hyphen)"
        );
        assert_eq!(
            rule_of(
                "Attorney General's Office",
                false,
                "Attorney General’s office"
            ),
            "alias \"Attorney General's Office\" (any case, folded: quotes, case)"
        );
    }

    /// Run the pipeline over one fixture with the built-in gazetteer.
    fn run(fixture: &str, recording: crate::pipeline::Recording) -> (Gazetteer, Vec<Matched>) {
        let gaz = Gazetteer::builtin();
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(fixture);
        let inputs = [crate::read::InputPath::File(path)];
        let mut out = Vec::new();
        crate::pipeline::Pipeline::new(&gaz, &crate::gazetteer::TypeFilter::All, true)
            .unwrap()
            .with_recording(recording)
            .run(&inputs, &mut |r| out.push(r.unwrap()), &mut |_, _| {});
        (gaz, out)
    }

    /// The matches and losses of `matched`, as `entity-id: outcome`.
    fn lines(gaz: &Gazetteer, matched: &Matched) -> Vec<String> {
        let matcher = Matcher::new(gaz).unwrap();
        let explainer = Explainer::new(gaz, &matcher);
        explainer
            .explain(matched)
            .into_iter()
            .map(|i| {
                let id = &gaz.entities()[i.entity as usize].id;
                match i.outcome {
                    Outcome::Matched(r) => format!("{id}: match {r}"),
                    Outcome::Lost(r) => format!("{id}: lost {r}"),
                }
            })
            .collect()
    }

    /// Issue 15: the rejection `explain` shows is the decision the
    /// pipeline's resolve stage recorded, not one taken again: take the
    /// record away and it is gone, while the matches stay.
    #[test]
    fn explain_words_the_decisions_the_pipeline_recorded() {
        let recording = crate::pipeline::Recording {
            decisions: true,
            ..Default::default()
        };
        let (gaz, matched) = run("tests/fixtures/context/harare.txt", recording);
        assert_eq!(matched.len(), 1);
        let record = matched[0].record.as_deref().expect("recorded");
        let rejected: Vec<_> = record
            .decisions
            .iter()
            .filter(|d| d.outcome == crate::resolve::Outcome::Rejected)
            .map(|d| {
                gaz.entities()[d.candidate.mention.entity as usize]
                    .id
                    .as_str()
            })
            .collect();
        assert!(rejected.contains(&"ni-pgr"), "{rejected:?}");
        assert!(!record.candidates.is_empty());
        let shown = lines(&gaz, &matched[0]);
        assert!(
            shown
                .iter()
                .any(|l| l.starts_with("ni-pgr: lost rejected (scope): cable about Zimbabwe")),
            "{shown:#?}"
        );
        let mut bare = matched[0].clone();
        bare.record = None;
        let without = lines(&gaz, &bare);
        assert!(
            without.iter().all(|l| !l.contains(": lost ")),
            "{without:#?}"
        );
        let matches = |v: &[String]| v.iter().filter(|l| l.contains(": match ")).count();
        assert_eq!(matches(&without), matches(&shown));
    }

    /// Recording costs nothing unless asked for: a default pipeline (what
    /// `extract` runs) hands on no record.
    #[test]
    fn nothing_is_recorded_by_default() {
        let (_, matched) = run("tests/fixtures/context/harare.txt", Default::default());
        assert!(matched.iter().all(|m| m.record.is_none()));
        let defs = crate::pipeline::Recording {
            definitions: true,
            ..Default::default()
        };
        let (_, matched) = run("tests/fixtures/context/rabat.txt", defs);
        let record = matched[0].record.as_deref().expect("recorded");
        assert!(!record.definitions.is_empty());
        assert!(record.candidates.is_empty() && record.decisions.is_empty());
    }

    #[test]
    fn context_is_one_line_and_bracketed() {
        let t = "aaaa bbbb\ncccc  dddd eeee";
        assert_eq!(context(t, 10, 14, 5), "…bbbb [cccc] ddd…");
        assert_eq!(context("é x é", 3, 4, 40), "é [x] é");
    }
}
