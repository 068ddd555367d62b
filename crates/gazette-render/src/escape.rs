//! Escaping for the HTML and XML written as text: every value is content,
//! and content is untrusted.

/// Text content: `&`, `<` and `>` escaped.
pub fn text(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A double-quoted attribute value: quotes escaped too.
pub fn attribute(value: &str) -> String {
    text(value).replace('"', "&quot;").replace('\'', "&#39;")
}

/// JSON for a `<script type="application/…json">` data block: `<`, `>` and
/// `&` as JSON escapes, so that nothing in it can close the element or open
/// a comment; the JSON means the same.
pub fn script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}
