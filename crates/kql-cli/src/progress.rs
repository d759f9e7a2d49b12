//! A progress bar on stderr while tables load, shown only on a terminal and only when
//! loading takes more than a second (so quick runs and pipelines stay quiet).

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kql_eval::load::LoadProgress;

/// How long loading may take before a bar appears.
const QUIET_FOR: Duration = Duration::from_secs(1);
const TICK: Duration = Duration::from_millis(100);

/// Shows the bar from a background thread until dropped.
pub struct ProgressDisplay {
    done: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ProgressDisplay {
    /// Starts watching `progress`; does nothing when stderr is not a terminal.
    pub fn start(progress: Arc<LoadProgress>) -> ProgressDisplay {
        let done = Arc::new(AtomicBool::new(false));
        let thread = std::io::stderr().is_terminal().then(|| {
            let done = done.clone();
            std::thread::spawn(move || show(&progress, &done))
        });
        ProgressDisplay { done, thread }
    }
}

impl Drop for ProgressDisplay {
    fn drop(&mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            // A panicking display thread must not take the run down with it.
            let _ = thread.join();
        }
    }
}

fn show(progress: &LoadProgress, done: &AtomicBool) {
    let started = Instant::now();
    while started.elapsed() < QUIET_FOR {
        if done.load(Ordering::Relaxed) {
            return;
        }
        std::thread::sleep(TICK);
    }
    let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let template = if no_color {
        "loading {msg} [{bar:30}] {bytes}/{total_bytes} ({eta})"
    } else {
        "loading {msg} [{bar:30.cyan/blue}] {bytes}/{total_bytes} ({eta})"
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    while !done.load(Ordering::Relaxed) {
        let (read, total) = progress.snapshot();
        bar.set_length(total.max(read));
        bar.set_position(read);
        bar.set_message(progress.current());
        std::thread::sleep(TICK);
    }
    bar.finish_and_clear();
}
