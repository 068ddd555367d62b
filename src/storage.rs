//! `sessionStorage`, where the join form keeps its draft and idempotency key.
//! Storage can be unavailable (private modes, sandboxed frames): every call
//! then quietly does nothing.

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// The value under `key`, if any.
pub fn get(key: &str) -> Option<String> {
    session()?.get_item(key).ok()?
}

/// Stores `value` under `key`.
pub fn set(key: &str, value: &str) {
    if let Some(storage) = session() {
        let _ = storage.set_item(key, value);
    }
}

/// Removes `key`.
pub fn remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}
