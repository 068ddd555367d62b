//! One module per route.

pub mod article;
pub mod embeds;
pub mod home;
pub mod join;
pub mod not_found;
pub mod posts;
