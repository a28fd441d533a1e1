//! Full-text search (FTS5) over each guide's current draft.
//!
//! Indexed columns: title, tldr, takeaways, sections (headings and bodies), faq (questions and
//! answers), sources (names, titles, summaries), with light Markdown markup removed. Tokenizer:
//! `porter unicode61 remove_diacritics 2` (so "deals" finds "deal", "resume" finds "résumé").
//! Ranking: bm25 with column weights title 10, tldr 5, takeaways 3, sections 1, faq 2,
//! sources 1.

use almanac_guide::Guide;
use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::error::Result;
use crate::guides::read_state;
use crate::types::{GuideId, SearchHit, SnippetRun};
use crate::{damaged, Store};

/// Private-use characters FTS5 puts around matches; they split a snippet into runs. The
/// indexed text never holds them (`plain` drops them).
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

/// Removes the Markdown markup that would clutter a snippet: emphasis and code marks, heading
/// and quote marks at the start of a line, and link targets (`[text](url)` becomes `text`).
fn plain(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    for (n, line) in md.lines().enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let line = line.trim_start().trim_start_matches(['#', '>', ' ']);
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '*' | '`' | '[' => {}
                ']' if chars.peek() == Some(&'(') => {
                    // Skip "(url)", which may itself hold parentheses.
                    let mut depth = 0;
                    for n in chars.by_ref() {
                        match n {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                }
                ']' => {}
                c if c == OPEN || c == CLOSE => {}
                c => out.push(c),
            }
        }
    }
    out
}

/// The indexed text of a guide, one string per FTS column.
fn columns(g: &Guide) -> [String; 6] {
    let join = |parts: Vec<String>| parts.join("\n");
    [
        plain(&g.meta.title),
        plain(&g.tldr),
        join(g.takeaways.iter().map(|t| plain(&t.text)).collect()),
        join(
            g.sections
                .iter()
                .map(|s| format!("{}\n{}", plain(&s.heading), plain(&s.body)))
                .collect(),
        ),
        join(
            g.faq.iter().map(|f| format!("{}\n{}", plain(&f.question), plain(&f.answer))).collect(),
        ),
        join(
            g.sources
                .iter()
                .map(|s| {
                    format!("{} — {}\n{}", plain(&s.source), plain(&s.title), plain(&s.summary))
                })
                .collect(),
        ),
    ]
}

/// (Re)indexes one guide's draft; skipped when the indexed text did not change (most
/// autosaves edit one field, often one that is not indexed).
pub(crate) fn index_guide(tx: &Connection, id: GuideId, guide: &Guide) -> Result<()> {
    let cols = columns(guide);
    let indexed: Option<[String; 6]> = tx
        .prepare_cached(
            "SELECT title, tldr, takeaways, sections, faq, sources FROM guide_fts WHERE rowid = ?1",
        )?
        .query_row([id], |r| Ok([r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?]))
        .optional()?;
    if indexed.as_ref() == Some(&cols) {
        return Ok(());
    }
    let [title, tldr, takeaways, sections, faq, sources] = cols;
    tx.execute("DELETE FROM guide_fts WHERE rowid = ?1", [id])?;
    tx.execute(
        "INSERT INTO guide_fts (rowid, title, tldr, takeaways, sections, faq, sources)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, title, tldr, takeaways, sections, faq, sources],
    )?;
    Ok(())
}

/// Rebuilds the whole index from the drafts (migration 2's Rust step).
pub(crate) fn reindex_all(tx: &Transaction<'_>) -> Result<()> {
    tx.execute("DELETE FROM guide_fts", [])?;
    let mut stmt = tx.prepare("SELECT guide_id, json FROM drafts")?;
    let rows = stmt
        .query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, json) in rows {
        let guide = crate::codec::parse_stored(&json, &format!("The draft of guide {id}"))
            .map_err(damaged)?;
        index_guide(tx, id, &guide)?;
    }
    Ok(())
}

/// Turns what a user typed into a safe FTS5 query, or `None` when it has nothing to search
/// for. Each whitespace-separated word becomes a quoted phrase of its letter/digit runs
/// (so "gpt-4o" is the phrase `"gpt 4o"`), every phrase is a prefix match, and all must
/// match. Quotes, operators and other punctuation never reach FTS5 as syntax.
pub fn fts_query(input: &str) -> Option<String> {
    let phrases: Vec<String> = input
        .split_whitespace()
        .filter_map(|word| {
            let runs: Vec<&str> =
                word.split(|c: char| !c.is_alphanumeric()).filter(|r| !r.is_empty()).collect();
            (!runs.is_empty()).then(|| format!("\"{}\"*", runs.join(" ")))
        })
        .collect();
    (!phrases.is_empty()).then(|| phrases.join(" "))
}

/// Splits a snippet at the match markers into runs (line breaks read as spaces), dropping
/// empty runs and joining neighbours with the same `mark`.
fn snippet_runs(raw: &str) -> Vec<SnippetRun> {
    let mut runs: Vec<SnippetRun> = Vec::new();
    let mut mark = false;
    for c in raw.chars() {
        match c {
            OPEN => mark = true,
            CLOSE => mark = false,
            c => {
                let c = if c == '\n' { ' ' } else { c };
                match runs.last_mut() {
                    Some(run) if run.mark == mark => run.text.push(c),
                    _ => runs.push(SnippetRun { text: c.to_string(), mark }),
                }
            }
        }
    }
    runs
}

impl Store {
    /// Full-text search over the guides outside the trash, best match first, at most `limit`
    /// hits. Any input is safe (see [`fts_query`]); input with no letters or digits finds
    /// nothing. Each hit carries a snippet as runs of text, the matches marked.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let Some(q) = fts_query(query) else { return Ok(Vec::new()) };
        self.read(|c| {
            // Rank first, then make snippets for the kept rows only (a snippet re-reads and
            // re-tokenizes its row, far dearer than ranking).
            let mut stmt = c.prepare_cached(
                "WITH top AS (
                     SELECT guide_fts.rowid AS id,
                            bm25(guide_fts, 10.0, 5.0, 3.0, 1.0, 2.0, 1.0) AS rank
                     FROM guide_fts JOIN guides g ON g.id = guide_fts.rowid
                     WHERE guide_fts MATCH ?1 AND g.trashed_at IS NULL
                     ORDER BY rank, id
                     LIMIT ?2)
                 SELECT g.id, g.slug, g.title, g.state,
                        snippet(guide_fts, -1, char(57344), char(57345), '…', 16), top.rank
                 FROM top
                 JOIN guide_fts ON guide_fts.rowid = top.id
                 JOIN guides g ON g.id = top.id
                 WHERE guide_fts MATCH ?1
                 ORDER BY top.rank, top.id",
            )?;
            let rows = stmt.query_map(params![q, limit as i64], |r| {
                Ok(SearchHit {
                    guide_id: r.get(0)?,
                    slug: r.get(1)?,
                    title: r.get(2)?,
                    state: read_state(&r.get::<_, String>(3)?)?,
                    snippet: snippet_runs(&r.get::<_, String>(4)?),
                    rank: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_are_quoted_phrases() {
        assert_eq!(fts_query("gpt-4o deals").as_deref(), Some("\"gpt 4o\"* \"deals\"*"));
        assert_eq!(
            fts_query("\"AND\" OR NOT (x*)").as_deref(),
            Some("\"AND\"* \"OR\"* \"NOT\"* \"x\"*")
        );
        assert_eq!(fts_query("  -- !! "), None);
        assert_eq!(fts_query(""), None);
    }

    #[test]
    fn markdown_is_stripped_for_the_index() {
        assert_eq!(plain("**Bold** and [a link](https://x.y/(z)) `code`"), "Bold and a link code");
        assert_eq!(plain("## Heading\n> quoted a > b <c>"), "Heading\nquoted a > b <c>");
    }

    #[test]
    fn snippets_are_runs_of_text_split_at_the_marks() {
        let run = |text: &str, mark| SnippetRun { text: text.into(), mark };
        assert_eq!(
            snippet_runs("a <b>\n\u{E000}x&y\u{E001} z"),
            [run("a <b> ", false), run("x&y", true), run(" z", false)]
        );
        // Adjacent matches are one run; empty runs are dropped.
        assert_eq!(
            snippet_runs("\u{E000}gig\u{E001}\u{E000}awatt\u{E001}\u{E000}\u{E001}"),
            [run("gigawatt", true)]
        );
        assert!(snippet_runs("").is_empty());
    }
}
