//! The one error type that crosses IPC: `{ code, message }`. Each crate's error maps onto it
//! here, keeping its own stable code (`store.conflict`, `bundle.checksum_mismatch`, ...); the UI
//! matches on `code` and shows `message`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, thiserror::Error)]
#[error("{message} [{code}]")]
pub struct ApiError {
    /// Stable machine code, e.g. `store.conflict`, `bundle.checksum_mismatch`,
    /// `guide.invalid_json`, `validation.errors`, `dialog.cancelled`, `io`, `internal`.
    pub code: String,
    /// What happened, for people.
    pub message: String,
}

/// What every command returns.
pub type ApiResult<T> = Result<T, ApiError>;

impl ApiError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError { code: code.into(), message: message.into() }
    }

    /// The user closed a native dialog without choosing: not a failure to show.
    pub fn cancelled(what: &str) -> ApiError {
        ApiError::new("dialog.cancelled", format!("{what} was cancelled; nothing changed."))
    }

    pub fn internal(message: impl Into<String>) -> ApiError {
        ApiError::new("internal", message)
    }

    /// A bundle that could not be built or written for export. A guide with validation
    /// errors, which `almanac_bundle::build_bundle` refuses, is [`ApiError::validation`].
    pub fn export(e: almanac_bundle::BundleError) -> ApiError {
        match e {
            almanac_bundle::BundleError::InvalidGuide { findings } => {
                ApiError::validation(&findings)
            }
            e => e.into(),
        }
    }

    /// Export refused because validation found errors: `validation.errors`, listing the first
    /// five.
    pub fn validation(findings: &[almanac_guide::Finding]) -> ApiError {
        let errors: Vec<&almanac_guide::Finding> =
            findings.iter().filter(|f| f.severity == almanac_guide::Severity::Error).collect();
        let list = errors
            .iter()
            .take(5)
            .map(|f| format!("{}: {}", f.path, f.message))
            .collect::<Vec<_>>()
            .join("; ");
        let more = if errors.len() > 5 {
            format!(" and {} more", errors.len() - 5)
        } else {
            String::new()
        };
        ApiError::new(
            "validation.errors",
            format!("The guide has {} validation error(s): {list}{more}.", errors.len()),
        )
    }
}

impl From<almanac_store::StoreError> for ApiError {
    fn from(e: almanac_store::StoreError) -> ApiError {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<almanac_bundle::BundleError> for ApiError {
    fn from(e: almanac_bundle::BundleError) -> ApiError {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<almanac_sync::SyncError> for ApiError {
    fn from(e: almanac_sync::SyncError) -> ApiError {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<almanac_merge::MergeError> for ApiError {
    fn from(e: almanac_merge::MergeError) -> ApiError {
        ApiError::new(e.code(), e.to_string())
    }
}

impl From<almanac_guide::FormatError> for ApiError {
    fn from(e: almanac_guide::FormatError) -> ApiError {
        ApiError::new("guide.invalid_json", e.to_string())
    }
}

impl From<std::io::Error> for ApiError {
    fn from(e: std::io::Error) -> ApiError {
        ApiError::new("io", e.to_string())
    }
}

impl From<tauri::Error> for ApiError {
    fn from(e: tauri::Error) -> ApiError {
        ApiError::internal(e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_as_code_and_message_only() {
        let e = ApiError::new("store.conflict", "changed");
        assert_eq!(
            serde_json::to_value(&e).unwrap(),
            serde_json::json!({"code": "store.conflict", "message": "changed"})
        );
    }

    #[test]
    fn crate_errors_keep_their_codes() {
        let e: ApiError =
            almanac_store::StoreError::Conflict { guide_id: 1, base: 2, current: 3 }.into();
        assert_eq!(e.code, "store.conflict");
        assert!(e.message.contains("revision 3"), "{}", e.message);

        let e: ApiError =
            almanac_bundle::BundleError::MissingFile { file: "guide.md".into() }.into();
        assert!(e.code.starts_with("bundle."), "{}", e.code);
        assert!(e.message.contains("guide.md"));

        let e: ApiError = almanac_guide::Guide::from_json("{").unwrap_err().into();
        assert_eq!(e.code, "guide.invalid_json");
    }

    #[test]
    fn export_refuses_an_invalid_guide_as_validation_errors() {
        let guide = almanac_guide::Guide::new_empty("x", "", "2026-01-01T00:00:00Z");
        let findings = almanac_guide::validate(&guide);
        assert!(almanac_guide::has_errors(&findings));
        let e = ApiError::export(almanac_bundle::BundleError::InvalidGuide {
            findings: findings.clone(),
        });
        assert_eq!(e, ApiError::validation(&findings));
        assert_eq!(e.code, "validation.errors");
        assert!(e.message.contains("meta.title"), "{}", e.message);
        // Other refusals keep their own codes.
        let e = ApiError::export(almanac_bundle::BundleError::TargetExists { path: "x".into() });
        assert_eq!(e.code, "bundle.target_exists");
    }
}
