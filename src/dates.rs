//! Dates shown to visitors, formatted by the browser's `Intl.DateTimeFormat`
//! in the visitor's own locale and time zone.

use wasm_bindgen::JsValue;

/// A timestamp as the visitor's locale writes a date ("22 May 2024",
/// "May 22, 2024"); the date part of the text when the browser cannot parse it.
pub fn format_date(timestamp: &str) -> String {
    let formatted = (|| {
        let date = js_sys::Date::new(&JsValue::from_str(timestamp));
        if date.get_time().is_nan() {
            return None;
        }
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into()).ok()?;
        let format = js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &options);
        format.format().call1(&format, &date).ok()?.as_string()
    })();
    formatted.unwrap_or_else(|| date_part(timestamp).to_owned())
}

/// The `YYYY-MM-DD` part of a timestamp, or the whole text when it has none.
pub fn date_part(timestamp: &str) -> &str {
    timestamp
        .get(..10)
        .filter(|date| date.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .unwrap_or(timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_part_is_safe_on_any_text() {
        assert_eq!(date_part("2024-05-22T10:00:00Z"), "2024-05-22");
        assert_eq!(date_part("short"), "short");
        assert_eq!(date_part("ééééééééé"), "ééééééééé");
    }
}
