//! Dates shown to visitors, formatted by the browser's `Intl.DateTimeFormat`
//! in the UI language (in the visitor's variant of it). The day is the UTC
//! day, as on the page the server prerendered: the app taking a page over
//! must not move a date to the day before for a reader west of Greenwich.

use wasm_bindgen::JsValue;

use gazette_api::content::date_part;

use crate::lang::UiLang;

/// The locale for dates: the browser's own when it is a variant of the UI
/// language (`en-GB` for English), else the UI language.
pub fn date_locale(ui: UiLang, browser: Option<&str>) -> String {
    match browser {
        Some(browser) if UiLang::from_tag(browser) == Some(ui) => browser.to_owned(),
        _ => ui.code().to_owned(),
    }
}

/// A timestamp as the UI language writes a date ("22 May 2024", "May 22,
/// 2024", "2. listopadu 2022"); the date part of the text when the browser
/// cannot parse it.
pub fn format_date(timestamp: &str, ui: UiLang) -> String {
    let formatted = (|| {
        let date = js_sys::Date::new(&JsValue::from_str(timestamp));
        if date.get_time().is_nan() {
            return None;
        }
        let options = js_sys::Object::new();
        js_sys::Reflect::set(&options, &"dateStyle".into(), &"long".into()).ok()?;
        js_sys::Reflect::set(&options, &"timeZone".into(), &"UTC".into()).ok()?;
        let browser = web_sys::window().and_then(|window| window.navigator().language());
        let locales = js_sys::Array::of1(&date_locale(ui, browser.as_deref()).into());
        let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
        format.format().call1(&format, &date).ok()?.as_string()
    })();
    formatted.unwrap_or_else(|| date_part(timestamp).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_ui_language() {
        assert_eq!(date_locale(UiLang::En, Some("en-GB")), "en-GB");
        assert_eq!(date_locale(UiLang::Cs, Some("en-US")), "cs");
        assert_eq!(date_locale(UiLang::Uk, None), "uk");
    }
}
