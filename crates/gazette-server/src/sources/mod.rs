//! Where posts come from besides the contract's own JSON files: Markdown
//! files in the content folder ([`markdown`]), and WordPress and Ghost sites
//! imported into one ([`import`], through [`cms`] and [`html`]). Each maps its
//! format to the contract's blocks here, on the server, where a parser costs
//! the app nothing and no HTML can reach it.

pub mod cms;
pub mod html;
pub mod import;
pub mod markdown;
pub mod spans;
pub mod text;
