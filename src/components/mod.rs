//! Pieces of UI shared by several pages.

pub mod article_body;
pub mod embed_card;
pub mod error_panel;
pub mod figure;
pub mod gallery;
pub mod inline_text;
pub mod language_switcher;
pub mod membership_cta;
pub mod post_card;
pub mod post_meta;
pub mod recent_posts;
pub mod responsive_image;
pub mod site_footer;
pub mod site_header;
pub mod skeletons;
pub mod table_block;
