//! The markers that the server's prerender writes into a page and the app
//! reads when it takes the page over, named once for both renderers: a
//! marker spelled twice drifts, and then the app would keep the server's
//! head beside its own, or never find the page's data.

/// An attribute marker and the CSS selector that finds it, from one literal.
macro_rules! marker {
    ($(#[$doc:meta])* $name:ident, $selector:ident = $value:literal) => {
        $(#[$doc])*
        pub const $name: &str = $value;
        #[doc = concat!("The selector of [`", stringify!($name), "`].")]
        pub const $selector: &str = concat!("[", $value, "]");
    };
}

marker!(
    /// On the element that holds a prerendered body: the app replaces it
    /// when it takes the page over, or sets it to `kept` when it cannot start.
    PRERENDER_ATTR,
    PRERENDER_SELECTOR = "data-gazette-prerender"
);

marker!(
    /// On each tag of the head that the server wrote for crawlers and link
    /// previews: the app's head takes their place.
    HEAD_ATTR,
    HEAD_SELECTOR = "data-gazette-head"
);

/// The id of the page's data block (`<script type="application/json">`):
/// what the app's first render needs, so that it takes the page over with
/// no request.
pub const DATA_BLOCK_ID: &str = "gazette-data";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_selector_finds_its_attribute() {
        assert_eq!(PRERENDER_SELECTOR, format!("[{PRERENDER_ATTR}]"));
        assert_eq!(HEAD_SELECTOR, format!("[{HEAD_ATTR}]"));
    }
}
