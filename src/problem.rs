//! Problems with inputs: what went wrong with one part of an input, where,
//! in words. Below every stage that reads, so each reports the same way.

use std::io;

/// Where in an input a problem is: the input, and where inside it (a line
/// of a text or a JSON Lines file, a row of a dump, a page of a PDF).
/// Shown as `FILE`, `FILE:LINE`, `FILE:row N` or `FILE:page N`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// The input: a path, or `-` for standard input.
    pub file: String,
    /// The line, from 1.
    pub line: Option<u64>,
    /// The dump row, by its number.
    pub row: Option<u64>,
    /// The page of a PDF or a scan, from 1.
    pub page: Option<u64>,
}

impl Location {
    /// The whole input `file`.
    pub fn file(file: impl Into<String>) -> Location {
        Location {
            file: file.into(),
            ..Location::default()
        }
    }

    /// Line `n` of the input.
    pub fn line(mut self, n: u64) -> Location {
        self.line = Some(n);
        self
    }

    /// Row `n` of a dump.
    pub fn row(mut self, n: u64) -> Location {
        self.row = Some(n);
        self
    }

    /// Page `n` of a PDF or a scan.
    pub fn page(mut self, n: u64) -> Location {
        self.page = Some(n);
        self
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.file)?;
        if let Some(n) = self.line {
            write!(f, ":{n}")?;
        }
        if let Some(n) = self.row {
            write!(f, ":row {n}")?;
        }
        if let Some(n) = self.page {
            write!(f, ":page {n}")?;
        }
        Ok(())
    }
}

/// What went wrong with one part of an input (a file, a row, a line, a
/// page) or of a gazetteer file: reported as `LOCATION: MESSAGE`, and the
/// input skipped (a gazetteer with problems is refused whole).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocProblem {
    /// Where.
    pub location: Location,
    /// What is wrong, lowercase, no trailing period.
    pub message: String,
}

impl DocProblem {
    /// A problem with the whole input `file`.
    pub fn new(file: impl Into<String>, message: impl Into<String>) -> DocProblem {
        DocProblem {
            location: Location::file(file),
            message: message.into(),
        }
    }

    /// The same problem, at `location`.
    pub fn at(self, location: Location) -> DocProblem {
        DocProblem { location, ..self }
    }
}

impl std::fmt::Display for DocProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

/// A short, lowercase description of an I/O error.
pub fn io_message(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or directory".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // drop the " (os error N)" tail
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{DocProblem, Location};

    #[test]
    fn a_location_reads_as_before_and_keeps_its_input_apart() {
        for (loc, shown) in [
            (Location::file("a/b.csv"), "a/b.csv"),
            (Location::file("a/b.csv").row(7), "a/b.csv:row 7"),
            (Location::file("c.jsonl").line(12), "c.jsonl:12"),
            (Location::file("odd:name.txt"), "odd:name.txt"),
            (Location::file("s.pdf").page(3), "s.pdf:page 3"),
        ] {
            assert_eq!(loc.to_string(), shown);
        }
        let p = DocProblem::new("odd:name.txt", "no text").at(Location::file("d.csv").row(2));
        assert_eq!(p.to_string(), "d.csv:row 2: no text");
        assert_eq!(
            p.location.file, "d.csv",
            "the input, without parsing a string back"
        );
    }
}
