//! What the app does on the desktop beyond the store: the files it writes (diff reports and
//! bundles, each written whole) and the system's file manager.

use std::path::{Path, PathBuf};

use almanac_bundle::BundleFiles;
use tauri::{AppHandle, Emitter};

use crate::error::{ApiError, ApiResult};
use crate::stored::Report;
use crate::types::ExportProgress;

/// Writes `report` into `dir` (created when missing) under its file name, atomically
/// (`almanac_bundle::files::write_atomic`): never a half-written report. Returns its path.
pub fn write_report(dir: &Path, report: &Report) -> ApiResult<PathBuf> {
    let fail = |e: std::io::Error, what: &Path| {
        ApiError::new("io", format!("Cannot write the report {}: {e}", what.display()))
    };
    std::fs::create_dir_all(dir).map_err(|e| fail(e, dir))?;
    let path = dir.join(&report.file_name);
    almanac_bundle::files::write_atomic(&path, report.html.as_bytes())
        .map_err(|e| fail(e, &path))?;
    Ok(path)
}

/// Writes bundles built by `almanac_bundle::build_bundle` into `dir`, emitting the
/// `export-progress` event after each, and returns their folders.
pub fn write_bundles(
    app: &AppHandle,
    bundles: &[BundleFiles],
    dir: &Path,
) -> ApiResult<Vec<String>> {
    let total = bundles.len() as u32;
    let mut paths = Vec::with_capacity(bundles.len());
    for (i, bundle) in bundles.iter().enumerate() {
        let path = almanac_bundle::write_bundle(bundle, dir)?.display().to_string();
        let _ = app.emit(
            "export-progress",
            ExportProgress { done: i as u32 + 1, total, path: path.clone() },
        );
        paths.push(path);
    }
    Ok(paths)
}

/// Opens the system's file manager on `path` (a folder, or the folder holding a file).
pub fn show_in_folder(path: &Path) -> ApiResult<()> {
    let folder = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    if !folder.is_dir() {
        return Err(ApiError::new(
            "io",
            format!("{} is not a folder that exists.", folder.display()),
        ));
    }
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener).arg(&folder).spawn().map(drop).map_err(|e| {
        ApiError::new("io", format!("Could not open {} with {opener}: {e}", folder.display()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_diff_report_is_written_whole() {
        let dir = tempfile::tempdir().unwrap();
        let report = Report {
            file_name: "my-guide-v1-to-draft.diff.html".into(),
            html: "<!doctype html><p>New</p>".into(),
        };
        let path = write_report(&dir.path().join("reports"), &report).unwrap();
        assert_eq!(path, dir.path().join("reports/my-guide-v1-to-draft.diff.html"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), report.html);
        let names: Vec<_> = std::fs::read_dir(dir.path().join("reports"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    }

    #[test]
    fn show_in_folder_refuses_a_missing_folder() {
        let dir = tempfile::tempdir().unwrap();
        let err = show_in_folder(&dir.path().join("gone/report.html")).unwrap_err();
        assert_eq!(err.code, "io");
        assert!(err.message.contains("not a folder that exists"), "{}", err.message);
    }
}
