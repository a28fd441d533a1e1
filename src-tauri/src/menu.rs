//! The native menu. Items that the UI carries out emit the `menu` event (`{ id }`, see
//! `MenuAction`) to the main window; Cut, Copy, Paste and Select All are the system's own.
//!
//! Undo and Redo have no accelerator here: Ctrl+Z / Ctrl+Shift+Z go to the page, where the
//! editor's form-wide history handles them (a menu accelerator would swallow the keys). Sync's
//! Ctrl+Shift+S is the page's own for the same reason. Their labels name the keys instead.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::menu::{Menu, MenuBuilder, MenuItemBuilder, PredefinedMenuItem, SubmenuBuilder};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::types::{MenuAction, MenuEvent};

/// How long the UI gets to flush pending edits after `quit` before the app closes anyway.
pub const QUIT_GRACE: Duration = Duration::from_secs(3);

pub fn build<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<Menu<R>> {
    let item = |action: MenuAction, text: &str, accel: Option<&str>| {
        let b = MenuItemBuilder::with_id(action.id(), text);
        match accel {
            Some(a) => b.accelerator(a).build(app),
            None => b.build(app),
        }
    };
    let file = SubmenuBuilder::new(app, "File")
        .item(&item(MenuAction::NewGuide, "New Guide", Some("CmdOrCtrl+N"))?)
        .item(&item(MenuAction::ImportBundle, "Import Bundle…", Some("CmdOrCtrl+O"))?)
        .item(&item(MenuAction::Export, "Export…", Some("CmdOrCtrl+E"))?)
        .separator()
        .item(&item(MenuAction::LinkLibrary, "Link to Shared Library…", None)?)
        .item(&item(MenuAction::Sync, "Sync (Ctrl+Shift+S)", None)?)
        .item(&item(MenuAction::PublishSite, "Publish Site", None)?)
        .separator()
        .item(&item(MenuAction::Quit, "Quit", Some("CmdOrCtrl+Q"))?)
        .build()?;
    let edit = SubmenuBuilder::new(app, "Edit")
        .item(&item(MenuAction::Undo, "Undo (Ctrl+Z)", None)?)
        .item(&item(MenuAction::Redo, "Redo (Ctrl+Shift+Z)", None)?)
        .separator()
        .item(&PredefinedMenuItem::cut(app, None)?)
        .item(&PredefinedMenuItem::copy(app, None)?)
        .item(&PredefinedMenuItem::paste(app, None)?)
        .separator()
        .item(&PredefinedMenuItem::select_all(app, None)?)
        .build()?;
    let view = SubmenuBuilder::new(app, "View")
        .item(&item(MenuAction::PreviewAuto, "Preview: Follow System", None)?)
        .item(&item(MenuAction::PreviewLight, "Preview: Light", None)?)
        .item(&item(MenuAction::PreviewDark, "Preview: Dark", None)?)
        .item(&item(MenuAction::PreviewPrint, "Preview: Print", None)?)
        .build()?;
    MenuBuilder::new(app).items(&[&file, &edit, &view]).build()
}

/// A menu item was chosen.
pub fn on_menu<R: Runtime>(app: &AppHandle<R>, id: &str) {
    match MenuAction::from_id(id) {
        Some(MenuAction::Quit) => request_quit(app),
        Some(action) => {
            let _ = app.emit_to("main", "menu", MenuEvent { id: action });
        }
        None => {}
    }
}

/// Set once a quit is under way, so the window's close does not start a second one.
static QUITTING: AtomicBool = AtomicBool::new(false);

/// Quit (menu or the window's close button): tell the UI to flush its pending edits; it calls
/// `quit_app` when done. Should it not answer within `QUIT_GRACE` the app closes anyway.
pub fn request_quit<R: Runtime>(app: &AppHandle<R>) {
    if QUITTING.swap(true, Ordering::SeqCst) {
        return;
    }
    if app.get_webview_window("main").is_none()
        || app.emit_to("main", "menu", MenuEvent { id: MenuAction::Quit }).is_err()
    {
        app.exit(0);
        return;
    }
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(QUIT_GRACE);
        app.exit(0);
    });
}
