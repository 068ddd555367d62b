//! Keeps a page's scroll position in its own history entry, so that Back,
//! Forward and reload come back to the same place, and a fresh visit starts
//! at the top.

use leptos::{ev, prelude::*};
use wasm_bindgen::JsValue;

use crate::router::Navigate;

/// The key in `history.state` that holds the scroll position.
const STATE_KEY: &str = "gazetteScrollY";
/// How long scrolling must pause before the position is saved, in ms
/// (browsers throttle `history.replaceState`).
const SAVE_DELAY_MS: u32 = 200;

/// A navigation that changes the page's state in its URL (`?pages=`,
/// `?photo=`) without moving the page: the scroll position stays, and with
/// `replace` no history entry is added.
pub fn in_place(replace: bool) -> Navigate {
    Navigate {
        replace,
        scroll: false,
    }
}

/// Saves the scroll position into the current history entry while the
/// calling view lives.
pub fn remember() {
    let pending = StoredValue::new_local(None::<gloo_timers::callback::Timeout>);
    let handle = window_event_listener(ev::scroll, move |_| {
        let timeout = gloo_timers::callback::Timeout::new(SAVE_DELAY_MS, save);
        pending.set_value(Some(timeout));
    });
    on_cleanup(move || handle.remove());
}

fn save() {
    let window = window();
    let (Ok(history), Ok(y)) = (window.history(), window.scroll_y()) else {
        return;
    };
    let state = js_sys::Object::new();
    if js_sys::Reflect::set(&state, &STATE_KEY.into(), &JsValue::from_f64(y.round())).is_ok() {
        let _ = history.replace_state(&state, "");
    }
}

/// Scrolls to the position saved in the current history entry, if any, once
/// the page has been laid out.
pub fn restore() {
    let saved = window()
        .history()
        .and_then(|history| history.state())
        .ok()
        .and_then(|state| js_sys::Reflect::get(&state, &STATE_KEY.into()).ok())
        .and_then(|value| value.as_f64());
    if let Some(y) = saved {
        request_animation_frame(move || window().scroll_to_with_x_and_y(0.0, y));
    }
}
