//! The content folder: `site.json`, the posts (the contract's JSON, or
//! Markdown mapped to it) and the pictures with their variants, loaded and
//! checked once, and paginated by keyset ([`folder`]).
//!
//! It may depend on the contract (`gazette-api`) and on parsers and image
//! codecs; not on HTTP, rendering, the CMS importers or membership, which
//! all read it.

pub mod archive;
pub mod folder;
pub mod markdown;
pub mod pictures;
pub mod spans;
pub mod tagged;
pub mod translations;

pub use archive::Filter;
pub use folder::{load, Content, Current, Cursor, LoadError};
