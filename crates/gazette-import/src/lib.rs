//! Posts from WordPress, Ghost and other Gazette APIs, copied into a content
//! folder ([`import`]): each CMS's JSON mapped to the contract ([`cms`]), its
//! HTML to the contract's blocks ([`html`]), here on the server, where a
//! parser costs the app nothing and no HTML can reach it.
//!
//! It may depend on the contract and on `gazette-content` (the folder it
//! writes, the spans Markdown shares); not on HTTP serving, rendering or
//! membership.

pub mod cms;
pub mod html;
pub mod import;
pub mod text;
pub mod versions;
