//! How a [`Block`] is decoded: by hand, in one pass over its fields.
//!
//! serde's derive for an internally tagged enum (`"type": "…"` beside the
//! fields) first copies the whole object into a buffer of its own, then
//! decodes the variant from that buffer: every type inside a block (spans,
//! pictures, tables) is then decoded by two decoders, and the app's wasm
//! carries both (about 19 kB before compression, the size of a page's
//! budget margin many times over). Reading `type` and the fields in one
//! pass needs neither.
//!
//! What it accepts is what the derive accepted: the fields in any order,
//! unknown fields ignored, `separator` read as `divider`, an unknown type as
//! [`Block::Unknown`] whatever its fields hold, and a field that belongs to
//! another type (`"image"` on a paragraph) ignored whatever it holds. The
//! tests in `lib.rs` and `tests/json.rs` (the browser's decoder) hold it to
//! that.

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::{url, Block, Href, Image, Span};

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Key {
    Type,
    Text,
    Level,
    Ordered,
    Items,
    Attribution,
    Image,
    Images,
    Caption,
    HeaderRow,
    HeaderColumn,
    Rows,
    Language,
    Url,
    Provider,
    Title,
    Thumbnail,
    #[serde(other)]
    Other,
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(field_identifier, rename_all = "snake_case")]
enum Kind {
    Paragraph,
    Heading,
    List,
    Quote,
    Figure,
    Gallery,
    Table,
    Code,
    Embed,
    #[serde(alias = "separator")]
    Divider,
    #[serde(other)]
    Unknown,
}

impl Kind {
    /// Whether a block of this type has the field: any other is skipped
    /// unread, as the derive skipped it.
    fn takes(self, key: &Key) -> bool {
        use Key as K;
        match self {
            Kind::Paragraph => matches!(key, K::Text),
            Kind::Heading => matches!(key, K::Text | K::Level),
            Kind::List => matches!(key, K::Ordered | K::Items),
            Kind::Quote => matches!(key, K::Text | K::Attribution),
            Kind::Figure => matches!(key, K::Image),
            Kind::Gallery => matches!(key, K::Images | K::Caption),
            Kind::Table => matches!(key, K::Caption | K::HeaderRow | K::HeaderColumn | K::Rows),
            Kind::Code => matches!(key, K::Text | K::Language | K::Caption),
            Kind::Embed => matches!(
                key,
                K::Url | K::Provider | K::Title | K::Caption | K::Thumbnail
            ),
            Kind::Divider | Kind::Unknown => false,
        }
    }
}

/// `text` is spans in most blocks and a string in `code`.
enum Text {
    Plain(String),
    Spans(Vec<Span>),
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(decoder: D) -> Result<Text, D::Error> {
        struct TextVisitor;
        impl<'de> Visitor<'de> for TextVisitor {
            type Value = Text;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string or a list of spans")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Text, E> {
                Ok(Text::Plain(text.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Text, A::Error> {
                let mut spans = Vec::new();
                while let Some(span) = seq.next_element()? {
                    spans.push(span);
                }
                Ok(Text::Spans(spans))
            }
        }
        decoder.deserialize_any(TextVisitor)
    }
}

/// An embed's `url`, through the allow-list for `http(s)`.
struct WebUrl(Option<Href>);

impl<'de> Deserialize<'de> for WebUrl {
    fn deserialize<D: Deserializer<'de>>(decoder: D) -> Result<WebUrl, D::Error> {
        url::lenient::web(decoder).map(WebUrl)
    }
}

/// Every field a block may have, as read so far.
#[derive(Default)]
struct Fields {
    text: Option<Text>,
    level: Option<u8>,
    ordered: Option<bool>,
    items: Option<Vec<Vec<Span>>>,
    attribution: Option<String>,
    image: Option<Image>,
    images: Option<Vec<Image>>,
    caption: Option<String>,
    header_row: Option<bool>,
    header_column: Option<bool>,
    rows: Option<Vec<Vec<Vec<Span>>>>,
    language: Option<String>,
    url: Option<WebUrl>,
    provider: Option<String>,
    title: Option<String>,
    thumbnail: Option<Image>,
}

impl Fields {
    fn read<'de, A: MapAccess<'de>>(&mut self, key: Key, map: &mut A) -> Result<(), A::Error> {
        match key {
            Key::Text => self.text = Some(map.next_value()?),
            Key::Level => self.level = Some(map.next_value()?),
            Key::Ordered => self.ordered = Some(map.next_value()?),
            Key::Items => self.items = Some(map.next_value()?),
            Key::Attribution => self.attribution = map.next_value()?,
            Key::Image => self.image = Some(map.next_value()?),
            Key::Images => self.images = Some(map.next_value()?),
            Key::Caption => self.caption = map.next_value()?,
            Key::HeaderRow => self.header_row = Some(map.next_value()?),
            Key::HeaderColumn => self.header_column = Some(map.next_value()?),
            Key::Rows => self.rows = Some(map.next_value()?),
            Key::Language => self.language = map.next_value()?,
            Key::Url => self.url = Some(map.next_value()?),
            Key::Provider => self.provider = map.next_value()?,
            Key::Title => self.title = map.next_value()?,
            Key::Thumbnail => self.thumbnail = map.next_value()?,
            Key::Type | Key::Other => {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }

    fn block<E: de::Error>(self, kind: Kind) -> Result<Block, E> {
        fn required<T, E: de::Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
            value.ok_or_else(|| E::missing_field(field))
        }
        let spans = |text: Option<Text>| match required(text, "text")? {
            Text::Spans(spans) => Ok(spans),
            Text::Plain(_) => Err(E::custom("text: expected a list of spans")),
        };
        Ok(match kind {
            Kind::Paragraph => Block::Paragraph {
                text: spans(self.text)?,
            },
            Kind::Heading => Block::Heading {
                level: required(self.level, "level")?,
                text: spans(self.text)?,
            },
            Kind::List => Block::List {
                ordered: self.ordered.unwrap_or(false),
                items: required(self.items, "items")?,
            },
            Kind::Quote => Block::Quote {
                text: spans(self.text)?,
                attribution: self.attribution,
            },
            Kind::Figure => Block::Figure {
                image: required(self.image, "image")?,
            },
            Kind::Gallery => Block::Gallery {
                images: required(self.images, "images")?,
                caption: self.caption,
            },
            Kind::Table => Block::Table {
                caption: self.caption,
                header_row: self.header_row.unwrap_or(false),
                header_column: self.header_column.unwrap_or(false),
                rows: required(self.rows, "rows")?,
            },
            Kind::Code => Block::Code {
                text: match required(self.text, "text")? {
                    Text::Plain(text) => text,
                    Text::Spans(_) => return Err(E::custom("text: expected a string")),
                },
                language: self.language,
                caption: self.caption,
            },
            Kind::Embed => Block::Embed {
                url: required(self.url, "url")?.0,
                provider: self.provider,
                title: self.title,
                caption: self.caption,
                thumbnail: self.thumbnail,
            },
            Kind::Divider => Block::Divider,
            Kind::Unknown => Block::Unknown,
        })
    }
}

struct BlockVisitor;

impl<'de> Visitor<'de> for BlockVisitor {
    type Value = Block;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a block: an object with a \"type\"")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Block, A::Error> {
        let mut kind = None;
        let mut fields = Fields::default();
        while let Some(key) = map.next_key::<Key>()? {
            match (&key, kind) {
                (Key::Type, None) => kind = Some(map.next_value::<Kind>()?),
                // The type known, a field it does not have is skipped unread.
                // (Before the type, every known field is read as its type.)
                (_, Some(known)) if !known.takes(&key) => {
                    map.next_value::<IgnoredAny>()?;
                }
                _ => fields.read(key, &mut map)?,
            }
        }
        fields.block(kind.ok_or_else(|| de::Error::missing_field("type"))?)
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(decoder: D) -> Result<Block, D::Error> {
        decoder.deserialize_map(BlockVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{from_value, json, to_value};

    fn block(value: serde_json::Value) -> Result<Block, serde_json::Error> {
        from_value(value)
    }

    #[test]
    fn every_block_type_round_trips() {
        let spans = json!([{"text": "a", "bold": true, "href": "/posts/b"}]);
        let image = json!({"src": "/a.webp", "alt": "A", "variants": [{"src": "/a-480.webp", "width": 480}]});
        for value in [
            json!({"type": "paragraph", "text": spans}),
            json!({"type": "heading", "level": 3, "text": spans}),
            json!({"type": "list", "ordered": true, "items": [spans, spans]}),
            json!({"type": "quote", "text": spans, "attribution": "Q"}),
            json!({"type": "figure", "image": image}),
            json!({"type": "gallery", "images": [image, image], "caption": "G"}),
            json!({"type": "table", "caption": "T", "header_row": true, "header_column": true, "rows": [[spans, spans]]}),
            json!({"type": "code", "text": "  fn main() {}\n", "language": "rust", "caption": "C"}),
            json!({"type": "embed", "url": "https://youtu.be/x", "provider": "YouTube", "title": "V", "caption": "C", "thumbnail": image}),
            json!({"type": "divider"}),
        ] {
            let decoded = block(value.clone()).unwrap();
            assert_eq!(to_value(&decoded).unwrap(), value);
        }
    }

    #[test]
    fn fields_in_any_order_and_absent_or_null_options() {
        let late_type =
            block(json!({"text": [{"text": "q"}], "attribution": null, "type": "quote"}));
        assert_eq!(
            late_type.unwrap(),
            Block::Quote {
                text: vec![Span::plain("q")],
                attribution: None
            }
        );
        let list = block(json!({"items": [], "type": "list"})).unwrap();
        assert_eq!(
            list,
            Block::List {
                ordered: false,
                items: vec![]
            }
        );
        assert_eq!(block(json!({"type": "separator"})).unwrap(), Block::Divider);
    }

    #[test]
    fn what_a_block_does_not_have_is_skipped_unread() {
        let unknown = json!({"type": "video", "text": 5, "image": "no", "rows": {"a": [1]}});
        assert_eq!(block(unknown).unwrap(), Block::Unknown);
        let stray = json!({"type": "paragraph", "text": [{"text": "p"}], "image": 1, "level": "x"});
        assert_eq!(
            block(stray).unwrap(),
            Block::Paragraph {
                text: vec![Span::plain("p")]
            }
        );
    }

    #[test]
    fn malformed_blocks_are_errors() {
        for bad in [
            json!({"text": [{"text": "no type"}]}),
            json!({"type": "paragraph"}),
            json!({"type": "paragraph", "text": "a string"}),
            json!({"type": "code", "text": [{"text": "spans"}]}),
            json!({"type": "heading", "level": 300, "text": []}),
            json!({"type": "figure"}),
            json!({"type": "embed"}),
            json!({"type": 7}),
            json!("paragraph"),
            json!(null),
        ] {
            assert!(block(bad.clone()).is_err(), "{bad}");
        }
    }
}
