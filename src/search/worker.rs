//! The search worker (`js/search-worker.js`, a module worker that loads
//! Pagefind): started when first needed, one per page, each search a
//! numbered message whose answer comes back as JSON text. When the worker
//! cannot start or dies, every search waiting fails with
//! [`SearchError::Unavailable`] and the next search starts a new one.

use std::{cell::RefCell, collections::HashMap, rc::Rc};

use futures::channel::oneshot;
use wasm_bindgen::{closure::Closure, JsCast};
use web_sys::{ErrorEvent, MessageEvent, Worker, WorkerOptions, WorkerType};

use super::{read_reply, Found, SearchError};
use crate::urls::BasePath;

type Answer = Result<String, SearchError>;

/// The worker and the searches waiting for its answers.
struct Running {
    worker: Worker,
    waiting: Rc<RefCell<HashMap<u32, oneshot::Sender<Answer>>>>,
    next_id: u32,
    // Kept alive as long as the worker.
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

thread_local! {
    static RUNNING: RefCell<Option<Running>> = const { RefCell::new(None) };
}

/// An absolute URL of a path under the site's base (the worker resolves
/// URLs against its own address, not the page's).
fn absolute(path: &str) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(&BasePath::from_document().join(path), &page).ok()?;
    Some(url.href())
}

fn start() -> Result<Running, SearchError> {
    let unavailable = |what: &str| SearchError::Unavailable(what.to_owned());
    let script = absolute("/search-worker.js").ok_or_else(|| unavailable("no worker address"))?;
    let options = WorkerOptions::new();
    options.set_type(WorkerType::Module);
    let worker = Worker::new_with_options(&script, &options)
        .map_err(|_| unavailable("the browser refused the search worker"))?;
    let waiting: Rc<RefCell<HashMap<u32, oneshot::Sender<Answer>>>> = Rc::default();
    let on_message = {
        let waiting = Rc::clone(&waiting);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            // `{id, reply}`: the id says whose answer it is; the reply, JSON
            // text, is read by `read_reply` (which checks the id again).
            let data = event.data();
            let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
            let id = field("id").and_then(|id| id.as_f64());
            let reply = field("reply").and_then(|reply| reply.as_string());
            let (Some(id), Some(reply)) = (id, reply) else {
                return;
            };
            if let Some(sender) = waiting.borrow_mut().remove(&(id as u32)) {
                let _ = sender.send(Ok(reply));
            }
        })
    };
    let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
        let message = event.message();
        // Every search waiting fails, and the next one starts afresh.
        if let Some(running) = RUNNING.with(|running| running.borrow_mut().take()) {
            running.worker.terminate();
            for (_, sender) in running.waiting.borrow_mut().drain() {
                let _ = sender.send(Err(SearchError::Unavailable(if message.is_empty() {
                    "the search worker did not load".to_owned()
                } else {
                    message.clone()
                })));
            }
        }
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Running {
        worker,
        waiting,
        next_id: 0,
        _on_message: on_message,
        _on_error: on_error,
    })
}

/// Sends a message to the worker (started if it is not), and the receiver
/// of its answer with the message's id.
fn send(
    query: Option<&str>,
    limit: usize,
) -> Result<(u32, oneshot::Receiver<Answer>), SearchError> {
    let bundle = absolute("/pagefind/")
        .ok_or_else(|| SearchError::Unavailable("no index address".to_owned()))?;
    RUNNING.with(|running| {
        let mut running = running.borrow_mut();
        if running.is_none() {
            *running = Some(start()?);
        }
        let Some(running) = running.as_mut() else {
            return Err(SearchError::Unavailable("no search worker".to_owned()));
        };
        running.next_id += 1;
        let id = running.next_id;
        let message = crate::json::to_string(&Message {
            id,
            bundle: &bundle,
            query,
            limit,
        })
        .map_err(|error| SearchError::Garbled(error.to_string()))?;
        let (sender, receiver) = oneshot::channel();
        running.waiting.borrow_mut().insert(id, sender);
        running
            .worker
            .post_message(&message.into())
            .map_err(|_| SearchError::Unavailable("the search worker is gone".to_owned()))?;
        Ok((id, receiver))
    })
}

/// What the worker is asked: a search, or (without a query) only to load.
#[derive(serde::Serialize)]
struct Message<'a> {
    id: u32,
    bundle: &'a str,
    query: Option<&'a str>,
    limit: usize,
}

/// The posts matching `query`, at most `limit` of them shown.
pub async fn search(query: &str, limit: usize) -> Result<Found, SearchError> {
    let (id, answer) = send(Some(query), limit)?;
    let text = answer
        .await
        .map_err(|_| SearchError::Unavailable("the search worker stopped".to_owned()))??;
    read_reply(&text, id)
}

/// Starts the worker and has it load Pagefind and the index's manifest;
/// the answer is not awaited.
pub fn warm() {
    let _ = send(None, 0);
}
