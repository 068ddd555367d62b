//! Where posts come from besides the contract's own JSON files: Markdown
//! files in the content folder ([`markdown`]). Each maps its format to the
//! contract's blocks here, on the server, where a parser costs the app
//! nothing and no HTML can reach it.

pub mod markdown;
