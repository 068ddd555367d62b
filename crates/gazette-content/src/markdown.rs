//! Markdown posts (`content/posts/<slug>.md`): YAML front matter and
//! CommonMark, mapped to the contract's blocks on the server, so that no
//! HTML ever reaches the app. What the contract cannot express is dropped
//! with a note naming the line (raw HTML, tables), or refused when the post
//! would be wrong without it (no title, a second level-1 heading).
//!
//! Long because each Markdown construct has its mapping here, in one walk
//! over pulldown-cmark's events; docs/sources.md has the table.

use gazette_api::{Article, Author, Block, Href, Image, ImageUrl, PostSummary, Span};

use crate::spans::{self, has_text, plain_text, trimmed};
use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use yaml_rust2::{Yaml, YamlLoader};

/// Something the post holds that the contract cannot: dropped, and said
/// at start-up with its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    pub line: usize,
    pub message: String,
}

/// Why a post cannot be published as written.
pub type Refusal = Note;

/// A post read from Markdown.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub article: Article,
    /// `draft: true` in the front matter: not published.
    pub draft: bool,
    /// `translation_of: <slug>`: this post is a version of that one, in
    /// another language (the folder links them both ways).
    pub translation_of: Option<String>,
    pub notes: Vec<Note>,
}

/// Reads a Markdown post; `slug` is the file's name without `.md`, used
/// when the front matter names none, and `lang` the site's language.
pub fn parse(text: &str, slug: &str, lang: &str) -> Result<Parsed, Refusal> {
    let (front, body, body_line) = split_front_matter(text)?;
    let meta = FrontMatter::read(front)?;
    let mut walk = Walk::new(body, body_line);
    for (event, range) in
        Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH)
            .into_offset_iter()
    {
        walk.event(event, range.start)?;
    }
    let excerpt = meta.string("excerpt").unwrap_or_else(|| walk.first_words());
    let summary = PostSummary {
        slug: meta.string("slug").unwrap_or_else(|| slug.to_owned()),
        title: meta
            .string("title")
            .ok_or_else(|| refuse(1, "the front matter has no `title`"))?,
        excerpt,
        author: meta.author(),
        lang: meta.string("lang").unwrap_or_else(|| lang.to_owned()),
        published_at: meta
            .date("date")?
            .ok_or_else(|| refuse(1, "the front matter has no `date`"))?,
        cover: meta.cover(),
        reading_minutes: None,
    };
    Ok(Parsed {
        article: Article {
            summary,
            updated_at: meta.date("updated")?,
            tags: meta.list("tags"),
            body: walk.blocks,
            translations: Vec::new(),
        },
        draft: meta.0["draft"].as_bool().unwrap_or(false),
        translation_of: meta
            .string("translation_of")
            .map(|slug| slug.trim().to_owned()),
        notes: walk.notes,
    })
}

fn refuse(line: usize, message: impl Into<String>) -> Refusal {
    Note {
        line,
        message: message.into(),
    }
}

/// The front matter between `---` lines, the body, and the body's first line.
fn split_front_matter(text: &str) -> Result<(&str, &str, usize), Refusal> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
        .ok_or_else(|| {
            refuse(
                1,
                "a Markdown post starts with front matter between `---` lines",
            )
        })?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            return Ok((front, body, front.lines().count() + 3));
        }
        offset += line.len();
    }
    Err(refuse(1, "the front matter has no closing `---` line"))
}

/// The parsed front matter.
struct FrontMatter(Yaml);

impl FrontMatter {
    fn read(text: &str) -> Result<FrontMatter, Refusal> {
        let documents = YamlLoader::load_from_str(text).map_err(|error| {
            refuse(
                error.marker().line() + 2,
                format!("the front matter is not YAML: {error}"),
            )
        })?;
        match documents.into_iter().next() {
            Some(yaml @ Yaml::Hash(_)) => Ok(FrontMatter(yaml)),
            _ => Err(refuse(
                2,
                "the front matter is not a set of `key: value` lines",
            )),
        }
    }

    /// A text value: strings, and numbers written bare (`title: 1989`).
    fn string(&self, key: &str) -> Option<String> {
        text_of(&self.0[key])
    }

    /// A date as the contract has it: `2024-05-22` is midnight UTC; a time
    /// must be UTC (`2024-05-22T12:00:00Z`).
    fn date(&self, key: &str) -> Result<Option<String>, Refusal> {
        let Some(value) = self.string(key) else {
            return Ok(None);
        };
        let value = value.trim();
        let full = if value.len() == 10 {
            format!("{value}T00:00:00Z")
        } else {
            value.replacen(' ', "T", 1)
        };
        if gazette_api::content::is_rfc3339_utc(&full) {
            Ok(Some(full))
        } else {
            Err(refuse(
                1,
                format!("`{key}: {value}` is not a date such as 2024-05-22 or a UTC time such as 2024-05-22T12:00:00Z"),
            ))
        }
    }

    /// `author: Jana` or `author: {name: Jana, url: https://…}`.
    fn author(&self) -> Author {
        let author = &self.0["author"];
        Author {
            name: text_of(author)
                .or_else(|| text_of(&author["name"]))
                .unwrap_or_default(),
            url: text_of(&author["url"]).as_deref().and_then(Href::parse),
        }
    }

    /// `tags: [a, b]`, a list, or one tag.
    fn list(&self, key: &str) -> Vec<String> {
        match &self.0[key] {
            Yaml::Array(items) => items.iter().filter_map(text_of).collect(),
            other => text_of(other).into_iter().collect(),
        }
    }

    /// `cover: images/a.jpg`, or `{src, alt, caption, lang, credit}`; none
    /// when the allow-list refuses its address.
    fn cover(&self) -> Option<Image> {
        let cover = &self.0["cover"];
        let src = text_of(cover).or_else(|| text_of(&cover["src"]))?;
        Some(Image {
            src: Some(image_src(&src)?),
            alt: text_of(&cover["alt"]).unwrap_or_default(),
            caption: text_of(&cover["caption"]),
            caption_lang: text_of(&cover["lang"]),
            credit: text_of(&cover["credit"]),
            ..Image::default()
        })
    }
}

fn text_of(yaml: &Yaml) -> Option<String> {
    match yaml {
        Yaml::String(text) | Yaml::Real(text) => Some(text.clone()),
        Yaml::Integer(number) => Some(number.to_string()),
        _ => None,
    }
    .map(|text| text.trim().to_owned())
    .filter(|text| !text.is_empty())
}

/// An image path as the content has it: `images/a.jpg` (beside the posts'
/// folder) is the site's `/images/a.jpg`; site paths and URLs stay. Spaces
/// and commas in a file name are escaped as a URL has them; `None` when the
/// allow-list refuses the address.
fn image_src(src: &str) -> Option<ImageUrl> {
    let src = src.trim().replace(' ', "%20").replace(',', "%2C");
    if src.starts_with('/') || src.contains("://") {
        ImageUrl::parse(&src)
    } else {
        let path = src.trim_start_matches("./").trim_start_matches("../");
        ImageUrl::parse(&format!("/{path}"))
    }
}

/// A paragraph that is an `http(s)` address alone (as text, or a link whose
/// text is its address): an embed of what it points to.
fn bare_url(spans: &[Span]) -> Option<Href> {
    let text = plain_text(spans);
    let text = text.trim();
    let alone = !text.contains(char::is_whitespace)
        && spans
            .iter()
            .all(|span| span.href.as_deref().is_none_or(|href| href == text));
    alone.then(|| Href::parse_web(text)).flatten()
}

/// The walk over the events: the blocks so far, and what is open.
struct Walk<'a> {
    body: &'a str,
    first_line: usize,
    blocks: Vec<Block>,
    notes: Vec<Note>,
    /// The spans of the paragraph, heading or item being read.
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    href: Option<Href>,
    /// The images of the paragraph being read.
    images: Vec<Image>,
    /// The image whose alt text is being read.
    image: Option<Image>,
    /// The last image ended just before: `{lang=uk credit="…"}` may follow.
    after_image: bool,
    /// Open lists (nested ones are flattened into the outermost).
    lists: Vec<bool>,
    items: Vec<Vec<Span>>,
    /// The paragraphs of the open quote.
    quote: Option<Vec<Vec<Span>>>,
    /// Inside a code block: its text is kept as it is, not read as spans.
    code: Option<Code>,
    /// The rows of the open table; its cells' text is read as spans.
    table: Option<Vec<Vec<Vec<Span>>>>,
}

/// A code block being read: its language and its text.
struct Code {
    language: Option<String>,
    text: String,
}

impl<'a> Walk<'a> {
    fn new(body: &'a str, first_line: usize) -> Walk<'a> {
        Walk {
            body,
            first_line,
            blocks: Vec::new(),
            notes: Vec::new(),
            spans: Vec::new(),
            bold: 0,
            italic: 0,
            href: None,
            images: Vec::new(),
            image: None,
            after_image: false,
            lists: Vec::new(),
            items: Vec::new(),
            quote: None,
            code: None,
            table: None,
        }
    }

    fn line(&self, offset: usize) -> usize {
        self.first_line
            + self.body[..offset.min(self.body.len())]
                .matches('\n')
                .count()
    }

    fn note(&mut self, offset: usize, message: impl Into<String>) {
        let line = self.line(offset);
        self.notes.push(Note {
            line,
            message: message.into(),
        });
    }

    fn event(&mut self, event: Event<'_>, offset: usize) -> Result<(), Refusal> {
        if let Some(code) = &mut self.code {
            match event {
                Event::Text(text) => code.text.push_str(&text),
                Event::End(TagEnd::CodeBlock) => {
                    let Code { language, text } = self.code.take().unwrap_or_else(|| Code {
                        language: None,
                        text: String::new(),
                    });
                    let text = text.trim_end_matches('\n').to_owned();
                    if !text.trim().is_empty() {
                        self.blocks.push(Block::Code {
                            text,
                            language,
                            caption: None,
                        });
                    }
                }
                _ => {}
            }
            return Ok(());
        }
        let after_image = std::mem::take(&mut self.after_image);
        match event {
            Event::Start(tag) => self.start(tag, offset),
            Event::End(tag) => self.end(tag, offset)?,
            Event::Text(text) if self.image.is_some() => {
                if let Some(image) = &mut self.image {
                    image.alt.push_str(&text);
                }
            }
            Event::Text(text) if after_image && text.starts_with('{') => {
                self.image_attributes(&text, offset)
            }
            Event::Text(text) | Event::Code(text) => self.text(&text),
            Event::SoftBreak | Event::HardBreak => self.text(" "),
            Event::Rule => self.blocks.push(Block::Divider),
            Event::Html(_) | Event::InlineHtml(_) => {
                self.note(offset, "raw HTML was dropped: write it in Markdown")
            }
            Event::TaskListMarker(done) => self.text(if done { "☑ " } else { "☐ " }),
            _ => self.note(
                offset,
                "this construct has no place in an article and was dropped",
            ),
        }
        Ok(())
    }

    fn start(&mut self, tag: Tag<'_>, offset: usize) {
        match tag {
            Tag::Paragraph | Tag::Heading { .. } => {
                if self.lists.is_empty() {
                    self.spans.clear();
                    self.images.clear();
                } else if !self.spans.is_empty() {
                    self.text(" ");
                }
            }
            Tag::List(start) => {
                self.finish_item();
                if self.lists.is_empty() {
                    self.items.clear();
                }
                self.lists.push(start.is_some());
            }
            Tag::Item => {
                self.finish_item();
                self.items.push(Vec::new());
            }
            Tag::BlockQuote(_) => self.quote = Some(Vec::new()),
            Tag::Emphasis => self.italic += 1,
            Tag::Strong => self.bold += 1,
            Tag::Link { dest_url, .. } => {
                self.href = Href::parse(&dest_url);
                if self.href.is_none() {
                    self.note(
                        offset,
                        format!("the link to {:?} was dropped (links are https:, http:, mailto: or site paths)", &*dest_url),
                    );
                }
            }
            Tag::Image {
                dest_url, title, ..
            } => {
                let src = image_src(&dest_url);
                if src.is_none() {
                    self.note(
                        offset,
                        format!("the picture {:?} was dropped (pictures are https:, http: or site paths)", &*dest_url),
                    );
                }
                self.image = Some(Image {
                    src,
                    caption: Some(title.trim().to_owned()).filter(|title| !title.is_empty()),
                    ..Image::default()
                })
            }
            Tag::Table(_) => self.table = Some(Vec::new()),
            Tag::TableHead | Tag::TableRow => {
                if let Some(rows) = &mut self.table {
                    rows.push(Vec::new());
                }
            }
            Tag::TableCell => self.spans.clear(),
            Tag::CodeBlock(kind) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split([' ', ','])
                        .next()
                        .filter(|language| !language.is_empty())
                        .map(str::to_owned),
                    CodeBlockKind::Indented => None,
                };
                self.code = Some(Code {
                    language,
                    text: String::new(),
                });
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd, offset: usize) -> Result<(), Refusal> {
        match tag {
            TagEnd::Paragraph if !self.lists.is_empty() => {}
            TagEnd::Paragraph => self.finish_paragraph(),
            TagEnd::Heading(level) => {
                let level = match level {
                    HeadingLevel::H1 => {
                        return Err(refuse(
                            self.line(offset),
                            "a level-1 heading (`# …`): the title is the post's only one; use `##` for sections",
                        ))
                    }
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    _ => 4,
                };
                let text = std::mem::take(&mut self.spans);
                if has_text(&text) {
                    self.blocks.push(Block::Heading { level, text });
                }
            }
            TagEnd::Item => self.finish_item(),
            TagEnd::List(_) => {
                let ordered = self.lists.pop().unwrap_or(false);
                if self.lists.is_empty() {
                    let items: Vec<Vec<Span>> = std::mem::take(&mut self.items)
                        .into_iter()
                        .filter(|item| has_text(item))
                        .collect();
                    if !items.is_empty() {
                        self.blocks.push(Block::List { ordered, items });
                    }
                }
            }
            TagEnd::BlockQuote(_) => self.finish_quote(),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Link => self.href = None,
            TagEnd::Image => {
                let image = self.image.take().filter(|image| image.src.is_some());
                if let Some(mut image) = image {
                    image.alt = image.alt.trim().to_owned();
                    self.images.push(image);
                    self.after_image = true;
                }
            }
            TagEnd::TableCell => {
                let cell = trimmed(std::mem::take(&mut self.spans));
                if let Some(row) = self.table.as_mut().and_then(|rows| rows.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Table => {
                let rows = self.table.take().unwrap_or_default();
                if !rows.is_empty() {
                    // A GFM table always has its header row.
                    self.blocks.push(Block::Table {
                        caption: None,
                        header_row: true,
                        header_column: false,
                        rows,
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Text with the open formatting, joined to the last span when it has
    /// the same.
    fn text(&mut self, text: &str) {
        let span = Span {
            text: text.to_owned(),
            bold: self.bold > 0,
            italic: self.italic > 0,
            href: self.href.clone(),
        };
        spans::push(&mut self.spans, span);
    }

    /// `{lang=uk credit="Photo: Jana"}` after an image: its caption's
    /// language and its credit. The rest of the text is read as text.
    fn image_attributes(&mut self, text: &str, offset: usize) {
        let Some(end) = text.find('}') else {
            self.text(text);
            return;
        };
        let Some(image) = self.images.last_mut() else {
            return;
        };
        let mut rest = &text[1..end];
        while let Some((key, value_and_more)) = rest.trim_start().split_once('=') {
            let (value, more) = match value_and_more.strip_prefix('"') {
                Some(quoted) => quoted.split_once('"').unwrap_or((quoted, "")),
                None => value_and_more
                    .split_once(' ')
                    .unwrap_or((value_and_more, "")),
            };
            match key.trim() {
                "lang" => image.caption_lang = Some(value.to_owned()),
                "credit" => image.credit = Some(value.to_owned()),
                other => {
                    let message =
                        format!("the image attribute `{other}` is not known (lang, credit)");
                    self.note(offset, message);
                    return self.text(&text[end + 1..]);
                }
            }
            rest = more;
        }
        self.text(&text[end + 1..]);
    }

    fn finish_item(&mut self) {
        let spans = std::mem::take(&mut self.spans);
        if let Some(item) = self.items.last_mut() {
            item.extend(spans);
        }
    }

    /// A paragraph of images alone is a figure (one) or a gallery (several);
    /// text around images stays a paragraph, before them.
    fn finish_paragraph(&mut self) {
        let spans = std::mem::take(&mut self.spans);
        let images = std::mem::take(&mut self.images);
        if let Some(quote) = &mut self.quote {
            if has_text(&spans) {
                quote.push(spans);
            }
            return;
        }
        // Italic text beside images is their caption; other text stays a
        // paragraph, before them.
        let caption_beside = !images.is_empty()
            && has_text(&spans)
            && spans
                .iter()
                .all(|span| span.italic || span.text.trim().is_empty());
        if images.is_empty() {
            if let Some(url) = bare_url(&spans) {
                self.blocks.push(Block::Embed {
                    url: Some(url),
                    provider: None,
                    title: None,
                    caption: None,
                    thumbnail: None,
                });
                return;
            }
        }
        let caption = if caption_beside {
            Some(plain_text(&spans).trim().to_owned())
        } else {
            if has_text(&spans) {
                self.blocks.push(Block::Paragraph {
                    text: trimmed(spans),
                });
            }
            None
        };
        let mut images = images;
        match images.len() {
            0 => {}
            1 => {
                let mut image = images.remove(0);
                image.caption = image.caption.or(caption);
                self.blocks.push(Block::Figure { image });
            }
            _ => self.blocks.push(Block::Gallery { images, caption }),
        }
    }

    /// A quote's last paragraph is its attribution when it starts with a dash.
    fn finish_quote(&mut self) {
        let Some(mut paragraphs) = self.quote.take() else {
            return;
        };
        let attribution = paragraphs.last().and_then(|last| {
            let text = plain_text(last);
            ["— ", "– ", "-- ", "- "].iter().find_map(|dash| {
                text.trim()
                    .strip_prefix(dash)
                    .map(|who| who.trim().to_owned())
            })
        });
        if attribution.is_some() {
            paragraphs.pop();
        }
        let mut text = Vec::new();
        for (index, paragraph) in paragraphs.into_iter().enumerate() {
            if index > 0 {
                text.push(Span::plain(" "));
            }
            text.extend(trimmed(paragraph));
        }
        if has_text(&text) {
            self.blocks.push(Block::Quote { text, attribution });
        }
    }

    /// The excerpt when the front matter has none: the first paragraph, cut
    /// at a word near 200 characters.
    fn first_words(&self) -> String {
        let first = self.blocks.iter().find_map(|block| match block {
            Block::Paragraph { text } => Some(plain_text(text)),
            _ => None,
        });
        let first = first.unwrap_or_default();
        if first.chars().count() <= 200 {
            return first;
        }
        let cut: String = first.chars().take(200).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{}…", cut.trim_end_matches([',', ';', ':', '.']))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(body: &str) -> Result<Parsed, Refusal> {
        parse(
            &format!("---\ntitle: A post\ndate: 2024-05-22\n---\n{body}"),
            "a-post",
            "en",
        )
    }

    fn blocks(body: &str) -> Vec<Block> {
        post(body).unwrap().article.body
    }

    fn plain(text: &str) -> Vec<Span> {
        vec![Span::plain(text)]
    }

    #[test]
    fn the_front_matter_fills_the_summary() {
        let parsed = parse(
            "---\ntitle: Norwegian Embassy\ndate: 2024-05-22T12:00:00Z\nupdated: 2024-05-23\n\
             author:\n  name: Hans Weber\n  url: https://example.org/hans\nlang: cs\n\
             tags: [Embassies, Events]\ncover:\n  src: images/norway.jpg\n  alt: A fjord\n---\n\
             First words.\n",
            "norwegian-embassy",
            "en",
        )
        .unwrap();
        let summary = &parsed.article.summary;
        assert_eq!(summary.slug, "norwegian-embassy");
        assert_eq!(summary.title, "Norwegian Embassy");
        assert_eq!(summary.published_at, "2024-05-22T12:00:00Z");
        assert_eq!(
            parsed.article.updated_at.as_deref(),
            Some("2024-05-23T00:00:00Z")
        );
        assert_eq!(summary.author.name, "Hans Weber");
        assert_eq!(
            summary.author.url.as_deref(),
            Some("https://example.org/hans")
        );
        assert_eq!(summary.lang, "cs");
        assert_eq!(summary.excerpt, "First words.");
        assert_eq!(parsed.article.tags, ["Embassies", "Events"]);
        let cover = summary.cover.as_ref().unwrap();
        assert_eq!(
            (cover.src.as_deref().unwrap(), cover.alt.as_str()),
            ("/images/norway.jpg", "A fjord")
        );
        assert!(!parsed.draft);
    }

    #[test]
    fn paragraphs_keep_bold_italic_and_safe_links() {
        assert_eq!(
            blocks("Some **bold**, *italic* and [a link](https://example.org).\n"),
            [Block::Paragraph {
                text: vec![
                    Span::plain("Some "),
                    Span {
                        text: "bold".into(),
                        bold: true,
                        ..Span::default()
                    },
                    Span::plain(", "),
                    Span {
                        text: "italic".into(),
                        italic: true,
                        ..Span::default()
                    },
                    Span::plain(" and "),
                    Span {
                        text: "a link".into(),
                        href: "https://example.org".parse().ok(),
                        ..Span::default()
                    },
                    Span::plain("."),
                ]
            }]
        );
    }

    #[test]
    fn headings_lists_quotes_and_breaks_map_to_their_blocks() {
        let body = "## Section\n\n#### Deep\n\n###### Deeper\n\n- one\n- two\n  1. nested\n\n\
                    1. first\n2. second\n\n> Words to live by.\n>\n> — Václav Havel\n\n---\n";
        assert_eq!(
            blocks(body),
            [
                Block::Heading {
                    level: 2,
                    text: plain("Section")
                },
                Block::Heading {
                    level: 4,
                    text: plain("Deep")
                },
                Block::Heading {
                    level: 4,
                    text: plain("Deeper")
                },
                Block::List {
                    ordered: false,
                    items: vec![plain("one"), plain("two"), plain("nested")]
                },
                Block::List {
                    ordered: true,
                    items: vec![plain("first"), plain("second")]
                },
                Block::Quote {
                    text: plain("Words to live by."),
                    attribution: Some("Václav Havel".into())
                },
                Block::Divider,
            ]
        );
    }

    #[test]
    fn images_alone_are_figures_and_several_are_a_gallery_with_caption_language_and_credit() {
        let body =
            "![A hall](images/hall.jpg \"Зустріч у Києві\"){lang=uk credit=\"Photo: Jana\"}\n\n\
                    ![One](/images/a.webp) ![Two](https://cdn.example.org/b.webp \"Two\")\n";
        let blocks = blocks(body);
        let Block::Figure { image } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(image.src.as_deref(), Some("/images/hall.jpg"));
        assert_eq!(image.alt, "A hall");
        assert_eq!(image.caption.as_deref(), Some("Зустріч у Києві"));
        assert_eq!(image.caption_lang.as_deref(), Some("uk"));
        assert_eq!(image.credit.as_deref(), Some("Photo: Jana"));
        let Block::Gallery { images, .. } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        let sources: Vec<&str> = images
            .iter()
            .filter_map(|image| image.src.as_deref())
            .collect();
        assert_eq!(
            sources,
            ["/images/a.webp", "https://cdn.example.org/b.webp"]
        );
        assert_eq!(images[1].caption.as_deref(), Some("Two"));
    }

    #[test]
    fn italic_text_beside_images_is_their_caption() {
        let blocks = blocks(
            "![a](a.webp)\n![b](b.webp)\n*Members' photographs.*\n\n![c](c.webp)\n*One picture.*\n",
        );
        let Block::Gallery { caption, images } = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            (caption.as_deref(), images.len()),
            (Some("Members' photographs."), 2)
        );
        let Block::Figure { image } = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(image.caption.as_deref(), Some("One picture."));
    }

    #[test]
    fn html_and_unsafe_links_are_dropped_with_their_lines() {
        let parsed = post(
            "Intro.\n\n<script>alert(1)</script>\n\n\n\n\n\n\
             [click](javascript:alert(1)) and <b onclick=\"x\">bold</b>\n",
        )
        .unwrap();
        let lines: Vec<usize> = parsed.notes.iter().map(|note| note.line).collect();
        assert_eq!(lines, [7, 13, 13, 13], "{:?}", parsed.notes);
        let json = serde_json::to_string(&parsed.article.body).unwrap();
        for executable in ["<script", "javascript:", "onclick", "<b"] {
            assert!(!json.contains(executable), "{executable} in {json}");
        }
        assert_eq!(
            parsed.article.body[1],
            Block::Paragraph {
                text: plain("click and bold")
            }
        );
    }

    #[test]
    fn a_picture_the_allow_list_refuses_is_dropped_with_its_line() {
        let parsed = post(
            "![A hall](<images/IMG 0042.jpg>)\n\n\
             ![Far](//evil.example/a.jpg) ![Back](/\\evil.example/b.jpg)\n",
        )
        .unwrap();
        let lines: Vec<usize> = parsed.notes.iter().map(|note| note.line).collect();
        assert_eq!(lines, [7, 7], "{:?}", parsed.notes);
        assert!(parsed.notes[0].message.contains("\"//evil.example/a.jpg\""));
        let [Block::Figure { image }] = &parsed.article.body[..] else {
            panic!("{:?}", parsed.article.body);
        };
        assert_eq!(image.src.as_deref(), Some("/images/IMG%200042.jpg"));
    }

    #[test]
    fn a_level_one_heading_or_a_missing_title_is_refused_with_its_line() {
        let refusal = post("Intro.\n\n# Another title\n").unwrap_err();
        assert_eq!(refusal.line, 7);
        assert!(refusal.message.contains("level-1"), "{}", refusal.message);
        assert!(parse("---\ndate: 2024-05-22\n---\nText.\n", "x", "en").is_err());
        assert!(parse("No front matter.\n", "x", "en").is_err());
        let bad_date = parse("---\ntitle: T\ndate: 22 May 2024\n---\n", "x", "en").unwrap_err();
        assert!(
            bad_date.message.contains("2024-05-22"),
            "{}",
            bad_date.message
        );
    }

    #[test]
    fn code_keeps_its_white_space_and_a_long_first_paragraph_a_short_excerpt() {
        let body = format!(
            "{}\n\n```rust ignore\nlet x = 1;\n    if x < 2 {{}}\n```\n",
            "word ".repeat(100)
        );
        let parsed = post(&body).unwrap();
        assert_eq!(
            parsed.article.body[1],
            Block::Code {
                text: "let x = 1;\n    if x < 2 {}".into(),
                language: Some("rust".into()),
                caption: None,
            }
        );
        let excerpt = &parsed.article.summary.excerpt;
        assert!(
            excerpt.ends_with('…') && excerpt.chars().count() <= 201,
            "{excerpt}"
        );
    }

    #[test]
    fn a_draft_is_marked() {
        let parsed = parse(
            "---\ntitle: T\ndate: 2024-05-22\ndraft: true\n---\n",
            "x",
            "en",
        )
        .unwrap();
        assert!(parsed.draft);
    }

    #[test]
    fn tables_separators_and_addresses_alone_are_blocks() {
        let body = blocks(
            "| Version | *Musician* |\n|---|---|\n| .70 | [Miles](https://example.org/m) |\n| 1.0 | |\n\n\
             ***\n\nhttps://www.youtube.com/watch?v=abc\n\n<https://example.org/page>\n\n\
             See https://example.org/a here.\n",
        );
        let italic = Span {
            text: "Musician".into(),
            italic: true,
            ..Span::default()
        };
        let link = Span {
            text: "Miles".into(),
            href: "https://example.org/m".parse().ok(),
            ..Span::default()
        };
        let embed = |url: &str| Block::Embed {
            url: url.parse().ok(),
            provider: None,
            title: None,
            caption: None,
            thumbnail: None,
        };
        assert_eq!(
            body,
            [
                Block::Table {
                    caption: None,
                    header_row: true,
                    header_column: false,
                    rows: vec![
                        vec![plain("Version"), vec![italic]],
                        vec![plain(".70"), vec![link]],
                        vec![plain("1.0"), vec![]],
                    ],
                },
                Block::Divider,
                embed("https://www.youtube.com/watch?v=abc"),
                embed("https://example.org/page"),
                Block::Paragraph {
                    text: plain("See https://example.org/a here.")
                },
            ]
        );
    }
}
