//! What a view waits for: the outcome of one async load (a fetch) as a signal.
//!
//! Leptos's `LocalResource` read in a `<Suspense>` does this too, with
//! machinery for transitions, streaming and hydration that this app never
//! uses, instantiated again for every type it loads. `Load` is the part we
//! use; it took 12 kB brotli off the recent-posts wasm (docs/performance.md).

use std::{cell::Cell, future::Future, rc::Rc};

use futures::FutureExt;
use leptos::{prelude::*, reactive::computed::ScopedFuture, task::spawn_local};

/// The outcome of an async load, `None` while it runs.
///
/// The load runs at once, again when a signal its function read changes,
/// and on [`Load::reload`]. A run that another replaces, or whose view goes
/// away, is cleaned up (which aborts its request: `api::send` registers the
/// abort with the run's owner) and its outcome is dropped, so that a late
/// answer never overwrites a newer one.
pub struct Load<T: 'static> {
    outcome: RwSignal<Option<T>, LocalStorage>,
    reloads: Trigger,
}

impl<T> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Load<T> {}

impl<T: Clone + 'static> Load<T> {
    /// Starts `load`. What `load` reads before it returns its future is
    /// tracked; the future itself runs untracked.
    pub fn new<Fut>(load: impl Fn() -> Fut + 'static) -> Load<T>
    where
        Fut: Future<Output = T> + 'static,
    {
        let outcome = RwSignal::new_local(None);
        let reloads = Trigger::new();
        let runs = Rc::new(Cell::new(0_u64));
        // The effect's owner is cleaned up before each run and with the view.
        let effect = RenderEffect::new(move |_| {
            reloads.track();
            let run = runs.get() + 1;
            runs.set(run);
            let mut future = Box::pin(ScopedFuture::new_untracked(load()));
            // Polled once now, so that an outcome already at hand (the
            // content cache, a prerendered page's data) renders at once,
            // without a loading state in between.
            if let Some(done) = future.as_mut().now_or_never() {
                outcome.set(Some(done));
                return;
            }
            outcome.set(None);
            let runs = Rc::clone(&runs);
            spawn_local(async move {
                let done = future.await;
                if runs.get() == run {
                    outcome.try_set(Some(done));
                }
            });
        });
        StoredValue::new_local(effect);
        Load { outcome, reloads }
    }

    /// The outcome, `None` while the load runs (tracked).
    pub fn get(&self) -> Option<T> {
        self.outcome.get()
    }

    /// Applies `f` to the outcome without cloning it (tracked).
    pub fn with<R>(&self, f: impl FnOnce(&Option<T>) -> R) -> R {
        self.outcome.with(f)
    }

    /// Runs the load again (a retry button).
    pub fn reload(&self) {
        self.reloads.notify();
    }
}
