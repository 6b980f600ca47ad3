//! The chunked run shared by the batch and its Compare view: users pushed a chunk at a time, with
//! a yield to the browser, progress and Cancel between chunks, and a newer run superseding an older.

use leptos::prelude::*;

use crate::browser;

/// Users run between two yields to the browser.
pub const CHUNK: usize = 2_000;

/// Where a run is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Progress {
    Reading,
    Running { done: usize, total: usize },
}

/// A long run's signals: where it is, which run is current, whether Cancel was pressed.
#[derive(Clone, Copy, Debug)]
pub struct Chunks {
    pub progress: RwSignal<Option<Progress>>,
    /// Bumped by every new run: a run that sees another number stops.
    pub generation: RwSignal<u64>,
    pub cancel_requested: RwSignal<bool>,
}

impl Chunks {
    /// Pushes every user, yielding to the browser (paint, a click on Cancel) and reporting
    /// progress after each [`CHUNK`]; `None` when a newer run took over, else how many users were
    /// pushed and whether Cancel stopped it.
    pub async fn run<T>(
        self,
        users: Vec<(u64, T)>,
        generation: u64,
        mut push: impl FnMut(u64, T),
    ) -> Option<(usize, bool)> {
        let total = users.len();
        let mut done = 0;
        for (row, user) in users {
            push(row, user);
            done += 1;
            if done % CHUNK == 0 {
                self.progress.set(Some(Progress::Running { done, total }));
                browser::yield_now().await;
                if self.generation.get_untracked() != generation {
                    return None;
                }
                if self.cancel_requested.get_untracked() {
                    return Some((done, true));
                }
            }
        }
        Some((done, false))
    }
}
