//! JSON in and out of the app through the browser's own `JSON.parse` and
//! `JSON.stringify`: a JSON parser and printer in the wasm (serde_json's) is
//! code every reader downloads to do what the browser already does. Between
//! JavaScript values and our types: [`from_js`] (ours) in, serde-wasm-bindgen
//! out. The contract's rules hold as before, since they live in the types'
//! serde impls (unknown fields ignored, unknown block types kept as
//! `Block::Unknown`).
//!
//! Natively (the `#[test]`s) serde_json does the same over the same impls.

use serde::{de::DeserializeOwned, Serialize};

/// Why a value could not be read from JSON text or written as it: the
/// parser's, the decoder's or the encoder's words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct JsonError(String);

impl JsonError {
    fn of(error: impl std::fmt::Display) -> JsonError {
        JsonError(error.to_string())
    }
}

#[cfg(target_arch = "wasm32")]
pub mod from_js;

/// A value from JSON text; why not, in words, when the text is not JSON or
/// not the shape `T` needs.
#[cfg(target_arch = "wasm32")]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let value = js_sys::JSON::parse(text).map_err(|error| thrown(&error))?;
    T::deserialize(from_js::FromJs::new(value)).map_err(JsonError::of)
}

/// A value as JSON text.
#[cfg(target_arch = "wasm32")]
pub fn to_string<T: Serialize>(value: &T) -> Result<String, JsonError> {
    // Maps as objects, not `Map`s, as JSON has them.
    let value = value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsonError::of)?;
    js_sys::JSON::stringify(&value)
        .map(String::from)
        .map_err(|error| thrown(&error))
}

/// The message of what `JSON.parse` or `JSON.stringify` threw.
#[cfg(target_arch = "wasm32")]
fn thrown(error: &wasm_bindgen::JsValue) -> JsonError {
    use wasm_bindgen::JsCast;
    JsonError(
        error
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .unwrap_or_else(|| "not JSON".to_owned()),
    )
}

#[cfg(not(target_arch = "wasm32"))]
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    serde_json::from_str(text).map_err(JsonError::of)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn to_string<T: Serialize>(value: &T) -> Result<String, JsonError> {
    serde_json::to_string(value).map_err(JsonError::of)
}
