//! `almanac check`: validate guides and bundles, print the findings.
//!
//! A bundle is checked whole first (`almanac_bundle::check_bundle`): manifest, format, checksums,
//! slug, and for format 2 its index.html and guide.md derived again from its guide.json and
//! compared; a format 1 bundle's derived files are taken on their checksums, and the output
//! says so ("format 1 bundle: derived files not re-derived"). A folder holding a guide.json and
//! none of manifest.json, index.html or guide.md is checked as a guide folder and the output
//! says it was not checked as a bundle (text: a line naming it; JSON: `kind` "guide_folder" and
//! a `note`); a folder with any of those is a bundle, refused when incomplete.

use std::path::{Path, PathBuf};

use almanac_guide::{validate, Finding, Severity};
use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::exit::{CliError, OK, VALIDATION};
use crate::input::{self, finding_line, Loaded};

#[derive(Debug, Args)]
#[command(
    about = "Validate guides and bundles and print their findings",
    long_about = "Validate guide.json files and bundle folders and print every finding as\n\
                  `error[code] path: message` or `warning[code] path: message`.\n\
                  A bundle is checked whole first: manifest, format version, sha256 of each file, slug.",
    after_help = "Examples:\n  almanac check content/training-infrastructure/guide.json\n  \
                  almanac check content/*/guide.json\n  \
                  almanac check dist/training-infrastructure --format json\n\n\
                  Exits 0 when no input has errors (warnings allowed), 1 on validation errors,\n\
                  3 when an input cannot be read, 4 when a bundle is refused."
)]
pub struct CheckArgs {
    /// guide.json files or bundle folders to check
    #[arg(required = true, value_name = "GUIDE.JSON|BUNDLE")]
    pub paths: Vec<PathBuf>,
    /// Output format: text lines, or a JSON array with one report per input
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// One input's result, as `--format json` prints it.
#[derive(Debug, Serialize)]
struct Report {
    path: String,
    /// "guide" (a guide.json file), "guide_folder" (a folder checked as a guide, not as a
    /// bundle) or "bundle"; null when the input could not be read.
    kind: Option<&'static str>,
    /// How the input was checked, when a person should know: a guide folder is not checked as
    /// a bundle; a format 1 bundle's derived files are not derived again.
    note: Option<String>,
    /// True when the input was read and has no validation errors.
    ok: bool,
    errors: usize,
    warnings: usize,
    findings: Vec<Finding>,
    /// Why the input could not be checked (unreadable, or a refused bundle).
    failure: Option<Failure>,
}

#[derive(Debug, Serialize)]
struct Failure {
    code: String,
    message: String,
}

pub fn run(args: CheckArgs) -> Result<u8, CliError> {
    let mut exit = OK;
    let mut reports = Vec::new();
    for path in &args.paths {
        let (report, code) = check_one(path);
        exit = exit.max(code);
        if args.format == Format::Text {
            print_text(&report);
        }
        reports.push(report);
    }
    if args.format == Format::Json {
        crate::output::outln!(
            "{}",
            serde_json::to_string_pretty(&reports).expect("reports serialise")
        );
    }
    Ok(exit)
}

fn check_one(path: &Path) -> (Report, u8) {
    let mut report = Report {
        path: path.display().to_string(),
        kind: None,
        note: None,
        ok: false,
        errors: 0,
        warnings: 0,
        findings: Vec::new(),
        failure: None,
    };
    let findings = match input::load(path) {
        Ok(Loaded::Guide(guide, source)) => {
            report.kind = Some(source.as_str());
            report.note = source.note();
            validate(&guide)
        }
        Ok(Loaded::InvalidBundle(findings)) => {
            report.kind = Some("bundle");
            findings
        }
        Err(err) => {
            report.failure = Some(Failure { code: err.code.into(), message: err.message });
            return (report, err.exit);
        }
    };
    report.errors = findings.iter().filter(|f| f.severity == Severity::Error).count();
    report.warnings = findings.len() - report.errors;
    report.ok = report.errors == 0;
    report.findings = findings;
    let code = if report.ok { OK } else { VALIDATION };
    (report, code)
}

fn print_text(r: &Report) {
    if let Some(f) = &r.failure {
        crate::output::errln!("error: {}", f.message);
        return;
    }
    for f in &r.findings {
        crate::output::outln!("{}", finding_line(f));
    }
    if let Some(note) = &r.note {
        crate::output::outln!("{}: {note}", r.path);
    }
    crate::output::outln!(
        "{}: {} ({} error{}, {} warning{})",
        r.path,
        if r.ok { "ok" } else { "failed" },
        r.errors,
        if r.errors == 1 { "" } else { "s" },
        r.warnings,
        if r.warnings == 1 { "" } else { "s" },
    );
}
