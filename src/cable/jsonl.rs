//! JSON Lines input: one cable per line, as a JSON object.
//!
//! Each line holds at least `text` (the cable text, read by the plain-text
//! parser). Other fields, when present, are stated metadata and win over
//! what the text says:
//!
//! | field | also accepted as |
//! | --- | --- |
//! | `id` | `refid`, `reference_id` |
//! | `created` | `date` |
//! | `released` | |
//! | `classification` | |
//! | `origin` | |
//! | `references` | (a list, or one string split at `|`) |
//!
//! Dates are normalised to `YYYY-MM-DD HH:MM` when they can be read
//! (`2009-02-04T17:08:00Z`, `2/4/2009 17:08`). A line without `text` may
//! give `header` and `content` instead, as the dump's columns do. Blank
//! lines and comment lines (`#` or `//` first) are skipped. A line that is not a JSON object, or has no text, is
//! reported as `FILE:LINE: what is wrong` and the other lines still come
//! out; each cable's `source` is `FILE:LINE` too.

use serde_json::{Map, Value};

use super::{normalize_datetime, Cable, DocProblem, KnownMeta};
use crate::problem::Location;

/// Does this look like JSON Lines? True when the first non-blank line
/// that is not a comment (`#` or `//`) opens an object with a key (`{"`),
/// which no cable text does.
pub fn looks_like_jsonl(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}');
    head.lines()
        .find(|l| !l.trim().is_empty() && !is_comment(l))
        .is_some_and(|l| {
            l.trim_start()
                .strip_prefix('{')
                .is_some_and(|rest| rest.trim_start().starts_with('"'))
        })
}

/// A comment line (`# …` or `// …`), which some JSON Lines writers put
/// first; skipped.
fn is_comment(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with('#') || t.starts_with("//")
}

/// Parse every line.
pub fn parse_jsonl(text: &str, source: &str, emit: &mut dyn FnMut(Result<Cable, DocProblem>)) {
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || is_comment(line) {
            continue;
        }
        let location = Location::file(source).line(i as u64 + 1);
        emit(parse_line(line, &location));
    }
}

/// Parse one line into a cable.
fn parse_line(line: &str, location: &Location) -> Result<Cable, DocProblem> {
    let fail = |message: String| DocProblem {
        location: location.clone(),
        message,
    };
    let value: Value = serde_json::from_str(line).map_err(|e| fail(format!("not JSON: {e}")))?;
    let Value::Object(obj) = value else {
        return Err(fail("not a JSON object".into()));
    };
    let text = match string(&obj, &["text"]) {
        Some(t) => t,
        None => match (string(&obj, &["header"]), string(&obj, &["content"])) {
            (None, None) => return Err(fail("no \"text\" field".into())),
            (h, c) => format!("{}\n\n{}", h.unwrap_or_default(), c.unwrap_or_default()),
        },
    };
    let date = |keys: &[&str]| string(&obj, keys).map(|d| normalize_datetime(&d).unwrap_or(d));
    let meta = KnownMeta {
        id: string(&obj, &["id", "refid", "reference_id"]),
        created: date(&["created", "date"]),
        released: date(&["released"]),
        classification: string(&obj, &["classification"]),
        origin: string(&obj, &["origin"]),
        references: match obj.get("references") {
            Some(Value::Array(v)) => v
                .iter()
                .filter_map(|r| r.as_str())
                .map(|r| r.trim().to_string())
                .filter(|r| !r.is_empty())
                .collect(),
            Some(Value::String(s)) => s
                .split('|')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect(),
            _ => Vec::new(),
        },
    };
    let text = crate::decode::normalize_newlines(&text);
    // the cable's source names the line; so does a problem with its text
    super::text::parse_text(&text, &location.to_string(), &meta).map_err(|p| p.at(location.clone()))
}

/// The first of `keys` that holds a non-empty string (or a number, for
/// ids), trimmed.
fn string(obj: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Result<Cable, DocProblem>> {
        let mut out = Vec::new();
        parse_jsonl(text, "c.jsonl", &mut |c| out.push(c));
        out
    }

    #[test]
    fn detects_json_lines() {
        assert!(looks_like_jsonl("{\"text\": \"x\"}\n"));
        assert!(looks_like_jsonl("\n  { \"id\": \"a\", \"text\": \"trunc"));
        assert!(!looks_like_jsonl("{C} SUBJECT"));
        assert!(!looks_like_jsonl("SUBJECT: {\"a\"}"));
    }

    #[test]
    fn lines_fields_and_problems() {
        let out = run(concat!(
            "{\"id\":\"09PARIS1\",\"created\":\"2009-07-24T15:55:00Z\",\"classification\":\"SECRET\",",
            "\"origin\":\"Embassy Paris\",\"references\":[\"09STATE1\"],",
            "\"text\":\"SUBJECT: X\\n\\n1. (S) One.\\n\\n2. (C) Two.\\n\"}\n",
            "\n",
            "not json\n",
            "[1,2]\n",
            "{\"id\":\"x\"}\n",
            "{\"text\":\"FIRST.\\r\\n\\r\\nSECOND.\",\"date\":\"2/4/2009 17:08\"}\n",
        ));
        assert_eq!(out.len(), 5);
        let c = out[0].as_ref().unwrap();
        assert_eq!(c.id, "09PARIS1");
        assert_eq!(c.source, "c.jsonl:1");
        assert_eq!(c.created.as_deref(), Some("2009-07-24 15:55"));
        assert_eq!(c.classification.as_deref(), Some("SECRET"));
        assert_eq!(c.origin.as_deref(), Some("Embassy Paris"));
        assert_eq!(c.references, ["09STATE1"]);
        let nums: Vec<(u32, Option<&str>)> = c
            .paragraphs
            .iter()
            .map(|p| (p.number, p.classification.as_deref()))
            .collect();
        assert_eq!(nums, [(1, Some("S")), (2, Some("C"))]);
        let p = out[1].as_ref().unwrap_err();
        assert!(p.to_string().starts_with("c.jsonl:3: not JSON"), "{p}");
        assert_eq!(
            out[2].as_ref().unwrap_err().to_string(),
            "c.jsonl:4: not a JSON object"
        );
        assert_eq!(
            out[3].as_ref().unwrap_err().to_string(),
            "c.jsonl:5: no \"text\" field"
        );
        let c = out[4].as_ref().unwrap();
        assert_eq!(c.created.as_deref(), Some("2009-02-04 17:08"));
        assert_eq!(c.paragraphs.len(), 2);
        assert_eq!(c.source, "c.jsonl:6");
    }
}
