//! Pieces of UI shared by several pages.

pub mod error_panel;
pub mod site_footer;
pub mod site_header;
