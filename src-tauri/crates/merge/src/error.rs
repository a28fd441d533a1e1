//! Merge errors: each has a stable machine `code()` (the UI matches on it) and a message for
//! people that names the conflict by the words the form uses.

/// Why [`crate::resolve`] refused to build a merged guide. A refused resolution changes
/// nothing: the draft stays as it was.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MergeError {
    /// Some conflicts were given no resolution; `labels` names them (in merge order).
    #[error("{}", unresolved_message(.labels))]
    Unresolved { labels: Vec<String> },

    /// An edited value does not fit the field (or item, or order) it resolves.
    #[error(
        "The edited value for \u{201c}{label}\u{201d} is not valid: {detail}. Nothing was merged."
    )]
    InvalidValue { label: String, detail: String },

    /// A resolution names a key that is not a conflict of this merge: the sides changed since
    /// the conflicts were listed, or the key is mistyped.
    #[error(
        "\u{201c}{key}\u{201d} is not a conflict of this merge (the versions may have changed since \
         the conflicts were listed); list the conflicts again. Nothing was merged."
    )]
    UnknownConflict { key: String },
}

fn unresolved_message(labels: &[String]) -> String {
    const SHOWN: usize = 5;
    let quoted: Vec<String> =
        labels.iter().take(SHOWN).map(|l| format!("\u{201c}{l}\u{201d}")).collect();
    let more = labels.len().saturating_sub(SHOWN);
    let list =
        if more > 0 { format!("{} and {more} more", quoted.join(", ")) } else { quoted.join(", ") };
    match labels.len() {
        1 => format!(
            "The conflict on {list} has no resolution; choose ours, theirs or an edited value. \
             Nothing was merged."
        ),
        n => format!(
            "{n} conflicts have no resolution: {list}. Choose ours, theirs or an edited value for \
             each. Nothing was merged."
        ),
    }
}

impl MergeError {
    /// The stable machine code of this error, e.g. `"merge.unresolved"`.
    pub fn code(&self) -> &'static str {
        match self {
            MergeError::Unresolved { .. } => "merge.unresolved",
            MergeError::InvalidValue { .. } => "merge.invalid_value",
            MergeError::UnknownConflict { .. } => "merge.unknown_conflict",
        }
    }

    /// Every code `code()` can return (for documentation and the UI's exhaustive match).
    pub const CODES: &'static [&'static str] =
        &["merge.unresolved", "merge.invalid_value", "merge.unknown_conflict"];
}
