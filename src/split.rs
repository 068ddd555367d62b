//! The one way code is split into a chunk: [`split_point!`], used by
//! `chunks` (the pages, the lightbox, search, offline) and `head` (its tags).
//! A module of its own, which imports nothing, so that any module may cut a
//! chunk without importing the others.

/// `async fn $load() -> Result<$code_type, ::wasm_split_helpers::SplitLoaderError>`, which gives
/// `$code`: from the chunk `$chunk` when the feature `split` is on (a
/// `#[wasm_split]` point, whose function's code, and all that only it
/// reaches, `wasm-split-cli` moves into the chunk), at once otherwise.
macro_rules! split_point {
    ($chunk:ident: $load:ident() -> $code_type:ty = $code:expr) => {
        #[cfg(feature = "split")]
        #[wasm_split_helpers::wasm_split($chunk, fallible)]
        fn $load() -> Result<$code_type, ::wasm_split_helpers::SplitLoaderError> {
            Ok($code)
        }

        #[cfg(not(feature = "split"))]
        async fn $load() -> Result<$code_type, ::wasm_split_helpers::SplitLoaderError> {
            Ok($code)
        }
    };
}

pub(crate) use split_point;
