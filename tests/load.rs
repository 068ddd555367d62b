//! `Load` (src/load.rs), the outcome of a view's fetch as a signal, in
//! headless Chromium: each load is a future the test lets finish through a
//! gate (a oneshot channel), never a timer.
#![cfg(target_arch = "wasm32")]

use std::{
    cell::RefCell,
    rc::Rc,
    sync::atomic::{AtomicBool, Ordering},
    sync::Arc,
};

use futures::channel::oneshot;
use gazette::load::Load;
use leptos::prelude::*;
use wasm_bindgen_test::*;

// Each test file uses some of the helpers.
#[allow(dead_code)]
mod support;

use support::{mount, until};

wasm_bindgen_test_configure!(run_in_browser);

/// Gates the test opens one by one: each run of a load waits on the next.
#[derive(Clone)]
struct Gates {
    senders: Rc<RefCell<Vec<oneshot::Sender<&'static str>>>>,
    /// How many runs have started (tracked).
    started: RwSignal<usize>,
}

impl Gates {
    fn new() -> Gates {
        Gates {
            senders: Rc::default(),
            started: RwSignal::new(0),
        }
    }

    /// A future that ends with what the test sends through its gate.
    fn wait(&self) -> impl std::future::Future<Output = &'static str> {
        let (open, opened) = oneshot::channel();
        self.senders.borrow_mut().push(open);
        self.started.update(|started| *started += 1);
        async move { opened.await.unwrap_or("dropped") }
    }

    /// Opens the `index`th gate with `outcome`.
    fn open(&self, index: usize, outcome: &'static str) {
        let open = std::mem::replace(&mut self.senders.borrow_mut()[index], oneshot::channel().0);
        open.send(outcome).unwrap();
    }

    /// Once `runs` runs have started.
    async fn until_started(&self, runs: usize) {
        let started = self.started;
        let (ready, is_ready) = oneshot::channel::<()>();
        let ready = RefCell::new(Some(ready));
        let _effect = RenderEffect::new(move |_| {
            if started.get() >= runs {
                if let Some(ready) = ready.borrow_mut().take() {
                    let _ = ready.send(());
                }
            }
        });
        is_ready.await.unwrap();
    }
}

/// Shows the load's outcome as the text of a new element.
fn show(load: impl FnOnce() -> Load<&'static str> + 'static) -> web_sys::HtmlElement {
    mount(move || {
        let load = load();
        move || load.get().unwrap_or("loading")
    })
}

fn text(host: &web_sys::Element) -> String {
    host.text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
fn an_outcome_at_hand_shows_without_a_loading_state() {
    // The content cache answers at once: the first render has the outcome.
    let host = show(|| Load::new(|| async { "cached" }));
    assert_eq!(text(&host), "cached");
}

#[wasm_bindgen_test]
async fn a_load_is_none_while_it_runs_then_its_outcome() {
    let gates = Gates::new();
    let load_gates = gates.clone();
    let host = show(move || Load::new(move || load_gates.wait()));
    assert_eq!(text(&host), "loading");
    gates.open(0, "answer");
    until(&host, |host| text(host) == "answer").await;
}

#[wasm_bindgen_test]
async fn a_replaced_run_is_cleaned_up_and_its_late_outcome_dropped() {
    let gates = Gates::new();
    let load_gates = gates.clone();
    let which = RwSignal::new(1);
    let first_aborted = Arc::new(AtomicBool::new(false));
    let (first_done, first_finished) = oneshot::channel::<()>();
    let first_done = Rc::new(RefCell::new(Some(first_done)));
    let aborted = Arc::clone(&first_aborted);
    let handle = Rc::new(RefCell::new(None));
    let load_handle = Rc::clone(&handle);
    let host = show(move || {
        let load = Load::new(move || {
            let run = which.get();
            let gate = load_gates.wait();
            let aborted = Arc::clone(&aborted);
            let first_done = Rc::clone(&first_done);
            async move {
                if run == 1 {
                    // What `api::send` does: abort its request on cleanup.
                    on_cleanup(move || aborted.store(true, Ordering::SeqCst));
                }
                let outcome = gate.await;
                if run == 1 {
                    if let Some(done) = first_done.borrow_mut().take() {
                        let _ = done.send(());
                    }
                }
                outcome
            }
        });
        *load_handle.borrow_mut() = Some(load);
        load
    });
    assert_eq!(text(&host), "loading");
    // What the load read changes: the first run is cleaned up, a second starts.
    which.set(2);
    gates.until_started(2).await;
    assert!(first_aborted.load(Ordering::SeqCst));
    gates.open(1, "second");
    until(&host, |host| text(host) == "second").await;
    // The first run's answer comes late, and is dropped.
    gates.open(0, "first");
    first_finished.await.unwrap();
    assert_eq!(handle.borrow().unwrap().get(), Some("second"));
}

#[wasm_bindgen_test]
async fn reload_runs_the_load_again() {
    let gates = Gates::new();
    let load_gates = gates.clone();
    let handle = Rc::new(RefCell::new(None));
    let load_handle = Rc::clone(&handle);
    let host = show(move || {
        let load = Load::new(move || load_gates.wait());
        *load_handle.borrow_mut() = Some(load);
        load
    });
    gates.open(0, "failed");
    until(&host, |host| text(host) == "failed").await;
    handle.borrow().unwrap().reload();
    until(&host, |host| text(host) == "loading").await;
    gates.open(1, "loaded");
    until(&host, |host| text(host) == "loaded").await;
}

#[wasm_bindgen_test]
fn a_view_that_goes_away_cleans_up_its_run() {
    let cleaned = Arc::new(AtomicBool::new(false));
    let on_cleaned = Arc::clone(&cleaned);
    let owner = Owner::new();
    owner.with(|| {
        Load::new(move || {
            let cleaned = Arc::clone(&on_cleaned);
            async move {
                on_cleanup(move || cleaned.store(true, Ordering::SeqCst));
                futures::future::pending::<&'static str>().await
            }
        })
    });
    assert!(!cleaned.load(Ordering::SeqCst));
    owner.cleanup();
    assert!(cleaned.load(Ordering::SeqCst));
}
