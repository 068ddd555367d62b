//! A body compressed once, in each encoding a browser asks for, and the one
//! a request gets: so that a page served many times is not compressed for
//! every request (the compression layer does that for the rest).

use axum::{
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use gazette_content::tagged::TaggedBody;
use std::{io::Write, sync::Arc};

use super::none_match;

/// An encoding of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

impl Encoding {
    fn token(self) -> &'static str {
        match self {
            Encoding::Brotli => "br",
            Encoding::Gzip => "gzip",
            Encoding::Identity => "identity",
        }
    }
}

/// The encoding to answer with, by the request's `Accept-Encoding` (RFC
/// 9110, 12.5.3): brotli, else gzip, when accepted with a weight above 0
/// (`*` stands for any coding the field does not name); else none.
pub fn preferred(request: &HeaderMap) -> Encoding {
    // The fields are read again for each coding rather than collected:
    // every request asks this, and nothing of it needs to outlive the call.
    let weight = |coding: &str| {
        let mut star = None;
        let items = request
            .get_all(header::ACCEPT_ENCODING)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|field| field.split(','));
        for item in items {
            let mut parts = item.split(';');
            let named = parts.next().unwrap_or_default().trim();
            let weight = || {
                parts
                    .filter_map(|parameter| parameter.trim().strip_prefix("q="))
                    .find_map(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0)
            };
            if named.eq_ignore_ascii_case(coding) {
                return weight();
            }
            if named == "*" && star.is_none() {
                star = Some(weight());
            }
        }
        star.unwrap_or(0.0)
    };
    [Encoding::Brotli, Encoding::Gzip]
        .into_iter()
        .find(|encoding| weight(encoding.token()) > 0.0)
        .unwrap_or(Encoding::Identity)
}

/// A body in each encoding, each with its own strong entity tag (they are
/// different representations).
#[derive(Debug)]
pub struct Encoded {
    identity: Variant,
    brotli: Variant,
    gzip: Variant,
}

/// One encoding of a body, with its entity tag as a header value made once.
#[derive(Debug)]
struct Variant {
    body: TaggedBody,
    etag: Option<HeaderValue>,
}

impl Variant {
    fn of(body: TaggedBody) -> Variant {
        let etag = HeaderValue::from_str(&body.etag).ok();
        Variant { body, etag }
    }
}

impl Encoded {
    /// Compresses a body as the static build's files are (brotli at its
    /// best quality, gzip at level 9).
    pub fn of(identity: TaggedBody) -> Encoded {
        let bytes = &identity.bytes;
        let mut brotli = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut brotli, 4096, 11, 22);
            // Writing to a Vec cannot fail.
            let _ = writer.write_all(bytes);
        }
        let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let _ = gzip.write_all(bytes);
        let gzip = gzip.finish().unwrap_or_default();
        Encoded {
            brotli: Variant::of(TaggedBody::of(brotli)),
            gzip: Variant::of(TaggedBody::of(gzip)),
            identity: Variant::of(identity),
        }
    }

    fn get(&self, encoding: Encoding) -> &Variant {
        match encoding {
            Encoding::Brotli => &self.brotli,
            Encoding::Gzip => &self.gzip,
            Encoding::Identity => &self.identity,
        }
    }
}

/// Bodies that stay (an article's JSON), kept compressed by their entity
/// tag, which names their bytes: an entry is never stale, and a body of an
/// older content version is simply asked for no more. At most
/// [`KeptBodies::MAX`]; emptied when full.
#[derive(Clone, Default)]
pub struct KeptBodies(Arc<papaya::HashMap<String, Arc<Encoded>>>);

impl KeptBodies {
    const MAX: usize = 20_000;

    /// `body` compressed, made the first time it is asked for. Read without
    /// a lock (`papaya`'s map: readers never wait, nor block a writer).
    pub fn of(&self, body: &TaggedBody) -> Arc<Encoded> {
        let kept = self.0.pin();
        if let Some(encoded) = kept.get(&body.etag) {
            return Arc::clone(encoded);
        }
        // Two requests may both compress it; both make the same bytes.
        let encoded = Arc::new(Encoded::of(body.clone()));
        if kept.len() >= Self::MAX {
            kept.clear();
        }
        kept.insert(body.etag.clone(), Arc::clone(&encoded));
        encoded
    }
}

/// The body in the encoding the request prefers, with its `ETag`,
/// `Content-Type`, `Cache-Control` and `Vary: Accept-Encoding`, or `304`
/// when the request's `If-None-Match` names that representation.
pub fn encoded_response(
    request: &HeaderMap,
    body: &Encoded,
    content_type: &'static str,
    cache_control: &'static str,
) -> Response {
    let encoding = preferred(request);
    let chosen = body.get(encoding);
    let mut response = if none_match(request, &chosen.body.etag) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = (
            [(header::CONTENT_TYPE, content_type)],
            chosen.body.bytes.clone(),
        )
            .into_response();
        if encoding != Encoding::Identity {
            response.headers_mut().insert(
                header::CONTENT_ENCODING,
                HeaderValue::from_static(encoding.token()),
            );
        }
        response
    };
    let headers = response.headers_mut();
    if let Some(etag) = &chosen.etag {
        headers.insert(header::ETAG, etag.clone());
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn asking(fields: &[&str]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for field in fields {
            headers.append(header::ACCEPT_ENCODING, field.parse().unwrap());
        }
        headers
    }

    #[test]
    fn the_best_encoding_the_request_accepts() {
        let cases: [(&[&str], Encoding); 11] = [
            (&["gzip, deflate, br, zstd"], Encoding::Brotli),
            (&["gzip"], Encoding::Gzip),
            (&["br;q=0, gzip;q=0.5"], Encoding::Gzip),
            (&["BR ; q=0.1"], Encoding::Brotli),
            (&["*"], Encoding::Brotli),
            (&["*;q=0, gzip"], Encoding::Gzip),
            // A coding's own weight, wherever it is, before the `*`'s.
            (&["*, br;q=0"], Encoding::Gzip),
            (&["br;q=0", "gzip;q=0"], Encoding::Identity),
            (&["identity"], Encoding::Identity),
            (&[], Encoding::Identity),
            (&["deflate", "gzip;q=0.2"], Encoding::Gzip),
        ];
        for (fields, expected) in cases {
            assert_eq!(preferred(&asking(fields)), expected, "{fields:?}");
        }
    }

    #[test]
    fn each_encoding_decodes_to_the_body_and_has_its_own_tag() {
        let page = "<p>Výzkum, дослідження, research.</p>"
            .repeat(50)
            .into_bytes();
        let encoded = Encoded::of(TaggedBody::of(page.clone()));
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&encoded.brotli.body.bytes[..], 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, page);
        let mut ungzip = Vec::new();
        flate2::read::GzDecoder::new(&encoded.gzip.body.bytes[..])
            .read_to_end(&mut ungzip)
            .unwrap();
        assert_eq!(ungzip, page);
        assert!(encoded.brotli.body.bytes.len() < page.len() / 5);
        let tags = [
            &encoded.identity.etag,
            &encoded.brotli.etag,
            &encoded.gzip.etag,
        ];
        assert!(tags[0] != tags[1] && tags[1] != tags[2] && tags[0] != tags[2]);

        let response = encoded_response(&asking(&["gzip, br"]), &encoded, "text/html", "no-cache");
        assert_eq!(response.headers()[header::CONTENT_ENCODING], "br");
        assert_eq!(response.headers()[header::VARY], "accept-encoding");
        assert_eq!(
            response.headers()[header::ETAG],
            encoded.brotli.body.etag.as_str()
        );
        let mut again = asking(&["gzip, br"]);
        again.insert(
            header::IF_NONE_MATCH,
            encoded.brotli.body.etag.parse().unwrap(),
        );
        let response = encoded_response(&again, &encoded, "text/html", "no-cache");
        assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
        // The gzip representation's tag does not match the brotli one.
        let mut other = asking(&["br"]);
        other.insert(
            header::IF_NONE_MATCH,
            encoded.gzip.body.etag.parse().unwrap(),
        );
        let response = encoded_response(&other, &encoded, "text/html", "no-cache");
        assert_eq!(response.status(), StatusCode::OK);
        let plain = encoded_response(&asking(&[]), &encoded, "text/html", "no-cache");
        assert!(plain.headers().get(header::CONTENT_ENCODING).is_none());
    }

    #[test]
    fn a_kept_body_is_compressed_once() {
        let kept = KeptBodies::default();
        let body = TaggedBody::of(b"{\"slug\":\"a\"}".to_vec());
        let first = kept.of(&body);
        assert!(Arc::ptr_eq(&first, &kept.of(&body.clone())));
        assert_eq!(first.identity.body.etag, body.etag);
        let other = kept.of(&TaggedBody::of(b"{}".to_vec()));
        assert!(!Arc::ptr_eq(&first, &other));
    }
}
