//! The editor's IPC commands on the open draft: each passes its arguments through to
//! `almanac_edit::Drafts`, the window's draft session on the store, and its autosave. The
//! autosave runs on a thread of its own and tells the window where saving stands with the
//! `draft-saved` event (an `almanac_edit::SaveReport`).

use almanac_edit::{Drafts, Edited, Opened, Patch, SaveReport, Taken};
use almanac_store::GuideId;
use tauri::{AppHandle, Emitter, State, Window};

use crate::error::{ApiError, ApiResult};
use crate::preview;
use crate::state::AppState;
use crate::types::PreviewTheme;

/// The event the autosave emits to a window.
pub const SAVED_EVENT: &str = "draft-saved";

impl From<almanac_edit::draft::DraftError> for ApiError {
    fn from(e: almanac_edit::draft::DraftError) -> ApiError {
        ApiError::new(e.code(), e.to_string())
    }
}

fn drafts(state: &AppState) -> ApiResult<&Drafts> {
    match &state.drafts {
        Some(d) => Ok(d),
        // No store: the store's own error says why.
        None => state.with_store(|_| Err(ApiError::internal("The library is not open."))),
    }
}

/// Starts the autosave thread: it saves the windows' drafts and emits [`SAVED_EVENT`] to each.
pub fn start_autosave(app: &AppHandle, state: &AppState) {
    let Some(drafts) = state.drafts.clone() else { return };
    let app = app.clone();
    let spawned = std::thread::Builder::new().name("autosave".into()).spawn(move || {
        drafts.run_autosave(|window, report| {
            let _ = app.emit_to(window, SAVED_EVENT, report);
        })
    });
    if let Err(e) = spawned {
        eprintln!("Almanac Studio could not start its autosave: {e}");
    }
}

/// Opens guide `id`'s draft for editing in this window: the guide, its findings and its whole
/// preview page in `theme`, once. Edits then go through `edit_draft`.
#[tauri::command]
pub async fn open_draft_session(
    window: Window,
    state: State<'_, AppState>,
    id: GuideId,
    theme: PreviewTheme,
) -> ApiResult<Opened> {
    Ok(drafts(&state)?.open(window.label(), id, preview::options_now(), theme.into())?)
}

/// Applies a batch of patches to this window's draft of guide `id` and answers with what
/// changed (the page parts, findings and derived values; the inverses when `inverses`).
#[tauri::command]
pub async fn edit_draft(
    window: Window,
    state: State<'_, AppState>,
    id: GuideId,
    patches: Vec<Patch>,
    inverses: bool,
) -> ApiResult<Edited> {
    Ok(drafts(&state)?.edit(window.label(), id, &patches, preview::options_now(), inverses)?)
}

/// Saves this window's draft now if it has unsaved edits; where saving stands.
#[tauri::command]
pub async fn flush_draft(
    window: Window,
    state: State<'_, AppState>,
    id: GuideId,
) -> ApiResult<SaveReport> {
    Ok(drafts(&state)?.flush(window.label(), id)?)
}

/// Conflict: saves this window's edits over the stored draft, returning the stored one.
#[tauri::command]
pub async fn keep_my_draft(
    window: Window,
    state: State<'_, AppState>,
    id: GuideId,
) -> ApiResult<Taken> {
    Ok(drafts(&state)?.keep_mine(window.label(), id)?)
}

/// Takes the stored draft into this window's session as one undoable change (after a
/// restore, an import or a sync wrote it, or to take theirs in a conflict). With
/// `only_if_newer`, only a newer stored revision is taken, and only without unsaved edits.
#[tauri::command]
pub async fn take_stored_draft(
    window: Window,
    state: State<'_, AppState>,
    id: GuideId,
    only_if_newer: bool,
) -> ApiResult<Option<Taken>> {
    Ok(drafts(&state)?.take_stored(window.label(), id, preview::options_now(), only_if_newer)?)
}

/// Reads what the store derives for this window's draft page (after a version was named or
/// moved).
#[tauri::command]
pub async fn refresh_draft_stamp(
    window: Window,
    state: State<'_, AppState>,
    id: GuideId,
) -> ApiResult<Edited> {
    Ok(drafts(&state)?.refresh_stamp(window.label(), id)?)
}

/// The whole preview page of this window's draft in another look.
#[tauri::command]
pub async fn set_draft_theme(
    window: Window,
    state: State<'_, AppState>,
    id: GuideId,
    theme: PreviewTheme,
) -> ApiResult<String> {
    Ok(drafts(&state)?.set_view(window.label(), id, preview::options_now(), theme.into())?)
}

/// Closes this window's draft (save it first: `flush_draft`).
#[tauri::command]
pub async fn close_draft_session(window: Window, state: State<'_, AppState>) -> ApiResult<()> {
    drafts(&state)?.close(window.label());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::launch::Launch;

    #[test]
    fn the_drafts_share_the_apps_store_and_their_page_is_the_preview() {
        let dir = tempfile::tempdir().unwrap();
        let state =
            AppState::open(Launch { db: Some(dir.path().join("a.db")), ..Launch::default() });
        let id = state.with_store(|s| Ok(s.guide_by_slug("training-infrastructure")?.id)).unwrap();
        let d = drafts(&state).unwrap();
        let now = preview::options_now();
        let opened = d.open("main", id, now, PreviewTheme::Auto.into()).unwrap();
        // The page is the preview of the stored draft as the store stamps it.
        let stamped = state.with_store(|s| Ok(s.publishable_draft(id)?)).unwrap();
        assert_eq!(opened.draft.guide, stamped);
        let page = preview::render(&stamped, PreviewTheme::Auto, now.now.unwrap());
        assert_eq!(opened.document, page);
        let patch = Patch::Set { path: "tldr".into(), value: "Typed here.".into() };
        d.edit("main", id, &[patch], now, false).unwrap();
        assert_eq!(d.flush("main", id).unwrap().save, almanac_edit::SaveState::Saved);
        let stored = state.with_store(|s| Ok(s.draft(id)?)).unwrap();
        assert_eq!(stored.guide.tldr, "Typed here.");

        // Without a store, every draft command says why.
        let bad = dir.path().join("is-a-dir.db");
        std::fs::create_dir(&bad).unwrap();
        let broken = AppState::open(Launch { db: Some(bad), ..Launch::default() });
        let err = drafts(&broken).err().unwrap();
        assert_eq!(Some(err), broken.info.open_error);
    }
}
