//! Window size and position, remembered (tauri-plugin-window-state). The plugin saves when the
//! app exits normally; here the state is also saved shortly after every move or resize, so a
//! crash or a kill does not lose where the window was.

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tauri::{AppHandle, Runtime};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

/// What is remembered: not visibility (the window always opens visible).
pub const FLAGS: StateFlags =
    StateFlags::SIZE.union(StateFlags::POSITION).union(StateFlags::MAXIMIZED);

/// Moves and resizes come in bursts; one save at the end of a burst.
const SETTLE: Duration = Duration::from_millis(400);

static SAVE_PENDING: AtomicBool = AtomicBool::new(false);

/// The window moved or was resized: save the state once the burst settles.
pub fn changed<R: Runtime>(app: &AppHandle<R>) {
    if SAVE_PENDING.swap(true, Ordering::SeqCst) {
        return;
    }
    let app = app.clone();
    std::thread::spawn(move || {
        std::thread::sleep(SETTLE);
        SAVE_PENDING.store(false, Ordering::SeqCst);
        if let Err(e) = app.save_window_state(FLAGS) {
            eprintln!("Almanac Studio: could not save the window's size and position: {e}");
        }
    });
}
