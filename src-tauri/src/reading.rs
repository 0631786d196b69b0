//! The screenshot reader in the background: one thread that reads the library's images waiting in the queue, one
//! at a time, on a connection of its own (so the window's commands never wait for it), and sleeps when none waits
//! or the user paused it. Imports wake it. The reading itself is the core's ([`Store::read_next_screenshot`]).

use std::sync::atomic::Ordering;
use std::time::Duration;

use tauri::{AppHandle, Manager};
use weiquan_core::store::Store;

use crate::commands::{lock, AppState};

/// Wakes the reader (after an import, or when the user lets it go on).
pub fn resume(app: &AppHandle) {
    let state = app.state::<AppState>();
    state.reading_paused.store(false, Ordering::Relaxed);
    let (flag, cv) = &state.reading_wake;
    *flag.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = true;
    cv.notify_all();
}

/// Starts the reader thread.
pub fn start(app: AppHandle) {
    std::thread::Builder::new()
        .name("screenshot-reader".into())
        .spawn(move || loop {
            let state = app.state::<AppState>();
            if !state.reading_paused.load(Ordering::Relaxed) {
                // The library's current path (it can be moved or restored); the connection is dropped when the
                // queue is empty, so a restore never waits for an idle reader.
                let path = lock(&state).path().to_path_buf();
                if let Ok(mut store) = Store::open(&path) {
                    while !state.reading_paused.load(Ordering::Relaxed) {
                        let r = weiquan_core::contain_panics(|| store.read_next_screenshot());
                        match r {
                            Ok(Some(_)) => continue,
                            Ok(None) => break,
                            Err(e) => {
                                eprintln!("weiquan-app: the screenshot reader stopped: {e}");
                                state.reading_paused.store(true, Ordering::Relaxed);
                                break;
                            }
                        }
                    }
                }
            }
            let (flag, cv) = &state.reading_wake;
            let mut woken = flag.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            if !*woken {
                woken = cv
                    .wait_timeout(woken, Duration::from_secs(30))
                    .map(|(g, _)| g)
                    .unwrap_or_else(|e| e.into_inner().0);
            }
            *woken = false;
        })
        .map(drop)
        .unwrap_or_else(|e| eprintln!("weiquan-app: the screenshot reader could not start: {e}"));
}
