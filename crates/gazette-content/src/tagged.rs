//! A body made once (the API's JSON, a page, the feed) and the strong tag
//! that names its bytes, which HTTP sends as the `ETag`. Here because the
//! content is serialised when it is loaded, not on every request; the
//! server's `http` module answers with it.

use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// A made body and its strong `ETag`.
#[derive(Debug, Clone)]
pub struct TaggedBody {
    /// The bytes sent.
    pub bytes: Vec<u8>,
    /// The quoted entity tag of those bytes.
    pub etag: String,
}

impl TaggedBody {
    /// Serialises a value as JSON and tags it.
    pub fn json<T: Serialize>(value: &T) -> TaggedBody {
        TaggedBody::of(serde_json::to_vec(value).unwrap_or_else(|_| b"null".to_vec()))
    }

    /// Tags bytes that are already made (a feed, a page).
    pub fn of(bytes: Vec<u8>) -> TaggedBody {
        let etag = entity_tag(&bytes);
        TaggedBody { bytes, etag }
    }
}

/// A strong entity tag for bytes: the start of their SHA-256, quoted.
pub fn entity_tag(bytes: &[u8]) -> String {
    format!(
        "\"{}\"",
        URL_SAFE_NO_PAD.encode(&Sha256::digest(bytes)[..16])
    )
}
