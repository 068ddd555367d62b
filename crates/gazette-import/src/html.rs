//! HTML from a CMS (a WordPress or Ghost post's body) mapped to the
//! contract's blocks, on the server: paragraphs, headings clamped to 2–4,
//! lists (flattened), quotes with their `cite`, figures and galleries in
//! WordPress's and Ghost's markup, separators. Scripts, styles, forms and
//! iframes are dropped; an embed becomes a link to its source. Entities are
//! decoded by the parser, and white space collapses as a browser would.
//!
//! Long because each kind of element the two CMSs write has its mapping
//! here, in one walk over the parsed tree.

use gazette_api::{Block, Href, Image, ImageUrl, ImageVariant, Span};

use gazette_content::spans::{self, has_text, trimmed};
use scraper::{node::Node, ElementRef, Html};

/// The blocks of an HTML fragment, and what was dropped (to log).
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Mapped {
    pub blocks: Vec<Block>,
    pub dropped: Vec<String>,
}

/// Maps an HTML fragment to blocks.
pub fn blocks(html: &str) -> Mapped {
    let fragment = Html::parse_fragment(html);
    let mut walk = Walk::default();
    walk.children(fragment.root_element());
    walk.flush();
    Mapped {
        blocks: walk.blocks,
        dropped: walk.dropped,
    }
}

/// The text of an HTML fragment (a title, an excerpt): tags removed,
/// entities decoded, white space collapsed.
pub fn text(html: &str) -> String {
    let fragment = Html::parse_fragment(html);
    let mut text = String::new();
    for piece in fragment.root_element().text() {
        text.push_str(piece);
    }
    collapse(&text).trim().to_owned()
}

/// Block-level elements with no mapping of their own: their text stays,
/// apart from the text around them, as a browser shows it.
const BLOCK_LEVEL: [&str; 18] = [
    "div", "section", "article", "aside", "header", "footer", "nav", "main", "address", "details",
    "summary", "table", "thead", "tbody", "tfoot", "caption", "td", "th",
];

/// Elements whose content is never text of the article.
const DROPPED: [&str; 12] = [
    "script", "style", "form", "noscript", "object", "embed", "template", "svg", "button", "input",
    "select", "textarea",
];

#[derive(Default)]
struct Walk {
    blocks: Vec<Block>,
    dropped: Vec<String>,
    /// Inline content not yet in a block (text directly in a container).
    spans: Vec<Span>,
    bold: u32,
    italic: u32,
    href: Option<Href>,
    /// Inside an element whose text is gathered as one piece (a heading, a
    /// list item, a quote): there, a block boundary is a space.
    nested: u32,
}

impl Walk {
    fn children(&mut self, element: ElementRef) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.text(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.element(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: ElementRef) {
        let name = element.value().name();
        match name {
            _ if DROPPED.contains(&name) => self.dropped.push(format!("<{name}>")),
            "p" => {
                self.flush();
                self.children(element);
                self.flush();
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name[1..].parse::<u8>().unwrap_or(2).clamp(2, 4);
                let text = self.inline_of(element);
                if has_text(&text) {
                    self.blocks.push(Block::Heading { level, text });
                }
            }
            "ul" | "ol" => {
                self.flush();
                let mut items = Vec::new();
                self.list_items(element, &mut items);
                if !items.is_empty() {
                    self.blocks.push(Block::List {
                        ordered: name == "ol",
                        items,
                    });
                }
            }
            "blockquote" => {
                self.flush();
                self.quote(element);
            }
            "figure" => {
                self.flush();
                self.figure(element);
            }
            "hr" => {
                self.flush();
                self.blocks.push(Block::Divider);
            }
            "img" => {
                self.flush();
                if let Some(image) = image_of(element, None) {
                    self.blocks.push(Block::Figure { image });
                }
            }
            "iframe" => {
                self.flush();
                self.embed(Embedded {
                    url: element.value().attr("src"),
                    title: element.value().attr("title").map(str::to_owned),
                    ..Embedded::default()
                });
            }
            "table" if self.nested == 0 => {
                self.flush();
                self.table(element, None);
            }
            "pre" if self.nested == 0 => {
                self.flush();
                self.code(element, None);
            }
            // The classic editor's captioned image.
            "div" if has_class(element, "wp-caption") => {
                self.flush();
                // A `p` or a `span`, by theme and version.
                let caption = element
                    .descendants()
                    .filter_map(ElementRef::wrap)
                    .find(|child| has_class(*child, "wp-caption-text"))
                    .map(text_of)
                    .filter(|caption| !caption.is_empty());
                if let Some(image) = descendants(element, "img")
                    .first()
                    .and_then(|img| image_of(*img, caption))
                {
                    self.blocks.push(Block::Figure { image });
                }
            }
            "div" if has_class(element, "gallery") => {
                self.flush();
                self.classic_gallery(element);
            }
            "br" => self.text(" "),
            // A row of a table in a table, code or a caption where no block
            // can be: a paragraph of their own, or text apart.
            "tr" | "pre" | "figcaption" => {
                self.boundary();
                self.children(element);
                self.boundary();
            }
            "dl" if self.nested == 0 => {
                self.flush();
                self.definitions(element);
            }
            "dt" | "dd" | "li" => {
                self.text(" ");
                self.children(element);
                self.text(" ");
            }
            "strong" | "b" => {
                self.bold += 1;
                self.children(element);
                self.bold -= 1;
            }
            "em" | "i" | "cite" => {
                self.italic += 1;
                self.children(element);
                self.italic -= 1;
            }
            "a" => {
                let outer = self.href.take();
                self.href = element.value().attr("href").and_then(Href::parse);
                self.children(element);
                self.href = outer;
            }
            _ if BLOCK_LEVEL.contains(&name) => {
                self.text(" ");
                self.children(element);
                self.text(" ");
            }
            // Inline elements without a meaning of their own.
            _ => self.children(element),
        }
    }

    fn text(&mut self, text: &str) {
        let text = collapse(text);
        if text.is_empty() {
            return;
        }
        let span = Span {
            text,
            bold: self.bold > 0,
            italic: self.italic > 0,
            href: self.href.clone(),
        };
        spans::push(&mut self.spans, span);
    }

    /// Ends the paragraph being gathered, if it has any text.
    fn flush(&mut self) {
        let spans = trimmed(std::mem::take(&mut self.spans));
        if has_text(&spans) {
            self.blocks.push(Block::Paragraph { text: spans });
        }
    }

    /// Ends the paragraph being gathered where a block ends, or, inside an
    /// element gathered as one piece, keeps the text apart with a space.
    fn boundary(&mut self) {
        if self.nested == 0 {
            self.flush();
        } else {
            self.text(" ");
        }
    }

    /// The inline content of an element alone, as spans; blocks inside it
    /// (an image in a heading) still become blocks.
    fn inline_of(&mut self, element: ElementRef) -> Vec<Span> {
        let outer = std::mem::take(&mut self.spans);
        self.nested += 1;
        self.children(element);
        self.nested -= 1;
        let inner = std::mem::replace(&mut self.spans, outer);
        trimmed(inner)
    }

    /// A definition list as paragraphs of "term — definition" (a term
    /// without a definition, or a definition without a term, alone).
    fn definitions(&mut self, list: ElementRef) {
        let mut term: Option<Vec<Span>> = None;
        for child in list.children().filter_map(ElementRef::wrap) {
            match child.value().name() {
                "dt" => {
                    if let Some(alone) = term.take() {
                        self.paragraph(alone);
                    }
                    term = Some(self.inline_of(child)).filter(|spans| has_text(spans));
                }
                "dd" => {
                    let mut text = term.take().unwrap_or_default();
                    if !text.is_empty() {
                        text.push(Span::plain(" — "));
                    }
                    text.extend(self.inline_of(child));
                    self.paragraph(text);
                }
                // HTML allows a `div` around each group of terms and definitions.
                "div" => self.definitions(child),
                _ => {}
            }
        }
        if let Some(alone) = term {
            self.paragraph(alone);
        }
    }

    fn paragraph(&mut self, spans: Vec<Span>) {
        let spans = trimmed(spans);
        if has_text(&spans) {
            self.blocks.push(Block::Paragraph { text: spans });
        }
    }

    /// The items of a list, nested lists' items after their parent's.
    fn list_items(&mut self, list: ElementRef, items: &mut Vec<Vec<Span>>) {
        for item in list.children().filter_map(ElementRef::wrap) {
            if item.value().name() != "li" {
                continue;
            }
            let outer = std::mem::take(&mut self.spans);
            self.nested += 1;
            let mut nested = Vec::new();
            for child in item.children() {
                match child.value() {
                    Node::Text(text) => self.text(text),
                    Node::Element(element) if matches!(element.name(), "ul" | "ol") => {
                        if let Some(list) = ElementRef::wrap(child) {
                            nested.push(list);
                        }
                    }
                    // A paragraph in an item is the item's text (loose lists).
                    Node::Element(element) if element.name() == "p" => {
                        if let Some(paragraph) = ElementRef::wrap(child) {
                            self.text(" ");
                            self.children(paragraph);
                        }
                    }
                    Node::Element(_) => {
                        if let Some(child) = ElementRef::wrap(child) {
                            self.element(child);
                        }
                    }
                    _ => {}
                }
            }
            self.nested -= 1;
            let spans = trimmed(std::mem::replace(&mut self.spans, outer));
            if has_text(&spans) {
                items.push(spans);
            }
            for list in nested {
                self.list_items(list, items);
            }
        }
    }

    /// A quote: its paragraphs' text, and its `cite` (WordPress) or
    /// `footer` as the attribution.
    fn quote(&mut self, quote: ElementRef) {
        let mut attribution = None;
        let mut text = Vec::new();
        for child in quote.children() {
            let Some(element) = ElementRef::wrap(child) else {
                if let Node::Text(piece) = child.value() {
                    let outer = std::mem::take(&mut self.spans);
                    self.text(piece);
                    for span in std::mem::replace(&mut self.spans, outer) {
                        spans::push(&mut text, span);
                    }
                }
                continue;
            };
            if matches!(element.value().name(), "cite" | "footer") {
                attribution = Some(text_of(element)).filter(|who| !who.is_empty());
                continue;
            }
            let inner = self.inline_of(element);
            if has_text(&inner) {
                // White space between the quote's paragraphs, one, never
                // before the first.
                if has_text(&text) {
                    spans::push(&mut text, Span::plain(" "));
                }
                for span in inner {
                    spans::push(&mut text, span);
                }
            }
        }
        let attribution =
            attribution.map(|who| who.trim_start_matches(['—', '–', '-', ' ']).to_owned());
        let text = trimmed(text);
        if has_text(&text) {
            self.blocks.push(Block::Quote { text, attribution });
        }
    }

    /// `figure`: a gallery (WordPress's nested figures or older list, Ghost's
    /// card), an image, a bookmark card, or an embed.
    fn figure(&mut self, figure: ElementRef) {
        let classes: Vec<&str> = figure.value().classes().collect();
        let caption = direct_caption(figure);
        if classes
            .iter()
            .any(|class| *class == "wp-block-gallery" || *class == "kg-gallery-card")
        {
            let images: Vec<Image> = descendants(figure, "img")
                .into_iter()
                .filter_map(|img| image_of(img, caption_of_image(img, figure)))
                .collect();
            self.gallery(images, caption);
        } else if let (Some(table), 0) = (descendants(figure, "table").first(), self.nested) {
            // WordPress's table block, a table with its caption.
            self.table(*table, caption);
        } else if let (Some(pre), 0) = (descendants(figure, "pre").first(), self.nested) {
            // Ghost's code card.
            self.code(*pre, caption);
        } else if classes.iter().any(|class| class.contains("embed")) {
            self.embed(embedded(figure, &classes, caption));
        } else if classes.contains(&"kg-bookmark-card") {
            self.embed(bookmark(figure, caption));
        } else if let Some(img) = descendants(figure, "img").first() {
            if let Some(image) = image_of(*img, caption) {
                self.blocks.push(Block::Figure { image });
            }
        } else {
            self.children(figure);
            self.flush();
        }
    }

    /// The classic editor's `[gallery]` output: `div.gallery` of `dl`s, or of
    /// `figure.gallery-item`s on themes with HTML5 support (most of them).
    fn classic_gallery(&mut self, gallery: ElementRef) {
        let images = gallery
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|item| {
                item.value().name() == "dl"
                    || (item.value().name() == "figure" && has_class(*item, "gallery-item"))
            })
            .filter_map(|item| {
                let img = *descendants(item, "img").first()?;
                let caption = descendants(item, "dd")
                    .into_iter()
                    .chain(descendants(item, "figcaption"))
                    .map(text_of)
                    .find(|caption| !caption.is_empty());
                image_of(img, caption)
            })
            .collect();
        self.gallery(images, None);
    }

    fn gallery(&mut self, mut images: Vec<Image>, caption: Option<String>) {
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

    /// Media from elsewhere as an embed block: a card that links to it.
    fn embed(&mut self, embedded: Embedded) {
        let url = embedded.url.map(|url| match url.strip_prefix("//") {
            Some(rest) => format!("https://{rest}"),
            None => url.to_owned(),
        });
        match url.as_deref().and_then(Href::parse_web) {
            Some(url) => self.blocks.push(Block::Embed {
                url: Some(url),
                provider: embedded.provider,
                title: embedded.title.filter(|title| !title.is_empty()),
                caption: embedded.caption,
                thumbnail: embedded.thumbnail,
            }),
            None => self.dropped.push("an embed without a source".to_owned()),
        }
    }

    /// A table: its rows of inline text, a header row when the first row is
    /// all `th` (or in a `thead`), a header column when every other row
    /// starts with a `th`. A table inside a cell is that cell's text.
    fn table(&mut self, table: ElementRef, caption: Option<String>) {
        let caption = caption.or_else(|| {
            table
                .children()
                .filter_map(ElementRef::wrap)
                .find(|child| child.value().name() == "caption")
                .map(text_of)
                .filter(|caption| !caption.is_empty())
        });
        let mut rows = Vec::new();
        let mut header_row = false;
        let mut row_headers = Vec::new();
        for row in table_rows(table) {
            let cells: Vec<ElementRef> = row
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|cell| matches!(cell.value().name(), "td" | "th"))
                .collect();
            if cells.is_empty() {
                continue;
            }
            let is_th = |cell: &ElementRef| cell.value().name() == "th";
            let in_head = row
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|parent| parent.value().name() == "thead");
            if rows.is_empty() && (in_head || cells.iter().all(is_th)) {
                header_row = true;
            } else {
                row_headers.push(is_th(&cells[0]));
            }
            rows.push(cells.into_iter().map(|cell| self.inline_of(cell)).collect());
        }
        if rows.is_empty() {
            return;
        }
        let header_column = !row_headers.is_empty() && row_headers.iter().all(|th| *th);
        self.blocks.push(Block::Table {
            caption,
            header_row,
            header_column,
            rows,
        });
    }

    /// `pre`: code, its white space kept; its language from a `language-…`
    /// or `lang-…` class of the `pre` or its `code`.
    fn code(&mut self, pre: ElementRef, caption: Option<String>) {
        let text: String = pre.text().collect();
        if text.trim().is_empty() {
            return;
        }
        let language = std::iter::once(pre)
            .chain(descendants(pre, "code"))
            .flat_map(|element| element.value().classes())
            .find_map(|class| {
                class
                    .strip_prefix("language-")
                    .or_else(|| class.strip_prefix("lang-"))
            })
            .filter(|language| !language.is_empty())
            .map(str::to_owned);
        self.blocks.push(Block::Code {
            text: text.trim_end_matches('\n').to_owned(),
            language,
            caption,
        });
    }
}

/// What an embed's markup says of it.
#[derive(Default)]
struct Embedded<'a> {
    url: Option<&'a str>,
    provider: Option<String>,
    title: Option<String>,
    caption: Option<String>,
    thumbnail: Option<Image>,
}

/// WordPress's `figure.wp-block-embed` (its provider in an
/// `is-provider-…` class, its address in an iframe, a link, or the text
/// WordPress leaves for oEmbed) and Ghost's `figure.kg-embed-card`.
fn embedded<'a>(figure: ElementRef<'a>, classes: &[&str], caption: Option<String>) -> Embedded<'a> {
    let iframe = descendants(figure, "iframe").into_iter().next();
    let wrapper = figure
        .descendants()
        .filter_map(ElementRef::wrap)
        .find(|child| has_class(*child, "wp-block-embed__wrapper"))
        .unwrap_or(figure);
    let url = iframe
        .and_then(|iframe| iframe.value().attr("src"))
        .or_else(|| {
            descendants(figure, "a")
                .first()
                .and_then(|a| a.value().attr("href"))
        })
        .or_else(|| {
            wrapper
                .text()
                .flat_map(str::split_whitespace)
                .find(|word| word.starts_with("http"))
        });
    let provider = classes
        .iter()
        .find_map(|class| class.strip_prefix("is-provider-"))
        .map(provider_name);
    Embedded {
        url,
        provider,
        title: iframe
            .and_then(|iframe| iframe.value().attr("title"))
            .map(collapse)
            .map(|title| title.trim().to_owned()),
        caption,
        thumbnail: None,
    }
}

/// Ghost's bookmark card: the page's address, title, publisher and picture.
fn bookmark(figure: ElementRef<'_>, caption: Option<String>) -> Embedded<'_> {
    let part = |class: &str| {
        figure
            .descendants()
            .filter_map(ElementRef::wrap)
            .find(|child| has_class(*child, class))
    };
    let text = |class: &str| part(class).map(text_of).filter(|text| !text.is_empty());
    Embedded {
        url: descendants(figure, "a")
            .first()
            .and_then(|a| a.value().attr("href")),
        provider: text("kg-bookmark-publisher"),
        title: text("kg-bookmark-title"),
        caption: caption.or_else(|| text("kg-bookmark-description")),
        thumbnail: part("kg-bookmark-thumbnail")
            .and_then(|thumbnail| descendants(thumbnail, "img").first().copied())
            .and_then(|img| image_of(img, None)),
    }
}

/// A provider's name as its readers know it, from WordPress's slug.
fn provider_name(slug: &str) -> String {
    let known = [
        ("youtube", "YouTube"),
        ("vimeo", "Vimeo"),
        ("twitter", "X"),
        ("x", "X"),
        ("soundcloud", "SoundCloud"),
        ("spotify", "Spotify"),
        ("tiktok", "TikTok"),
        ("wordpress-tv", "WordPress.tv"),
    ];
    match known.iter().find(|(known, _)| *known == slug) {
        Some((_, name)) => (*name).to_owned(),
        None => {
            let mut name = slug.replace('-', " ");
            if let Some(first) = name.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            name
        }
    }
}

/// A table's own rows, in order: those of its `thead`, `tbody`s and `tfoot`
/// and those directly in it, not a nested table's.
fn table_rows(table: ElementRef) -> Vec<ElementRef> {
    let mut rows = Vec::new();
    for child in table.children().filter_map(ElementRef::wrap) {
        match child.value().name() {
            "tr" => rows.push(child),
            "thead" | "tbody" | "tfoot" => rows.extend(
                child
                    .children()
                    .filter_map(ElementRef::wrap)
                    .filter(|row| row.value().name() == "tr"),
            ),
            _ => {}
        }
    }
    rows
}

/// The elements named `name` under `element`, in document order.
fn descendants<'a>(element: ElementRef<'a>, name: &str) -> Vec<ElementRef<'a>> {
    element
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|child| child.value().name() == name)
        .collect()
}

fn has_class(element: ElementRef, class: &str) -> bool {
    element.value().classes().any(|own| own == class)
}

fn text_of(element: ElementRef) -> String {
    collapse(&element.text().collect::<String>())
        .trim()
        .to_owned()
}

/// A figure's own caption: a `figcaption` child (not one of its images').
fn direct_caption(figure: ElementRef) -> Option<String> {
    figure
        .children()
        .filter_map(ElementRef::wrap)
        .find(|child| child.value().name() == "figcaption")
        .map(text_of)
        .filter(|caption| !caption.is_empty())
}

/// The caption of one image in a gallery: the `figcaption` of the nearest
/// figure around it, below the gallery itself.
fn caption_of_image(img: ElementRef, gallery: ElementRef) -> Option<String> {
    let mut node = img.parent();
    while let Some(parent) = node.and_then(ElementRef::wrap) {
        if parent.id() == gallery.id() {
            return None;
        }
        if parent.value().name() == "figure" || parent.value().name() == "li" {
            if let Some(caption) = descendants(parent, "figcaption").first() {
                return Some(text_of(*caption)).filter(|caption| !caption.is_empty());
            }
        }
        node = parent.parent();
    }
    None
}

/// An `img` as a contract image: its `src` (or `data-src`), alt, size, and
/// its `srcset` widths as variants. `None` without a usable address.
fn image_of(img: ElementRef, caption: Option<String>) -> Option<Image> {
    let attr = |name: &str| {
        img.value()
            .attr(name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
    };
    let src = attr("src")
        .or_else(|| attr("data-src"))
        .and_then(image_url)?;
    let number = |name: &str| {
        attr(name)
            .and_then(|value| value.parse::<u32>().ok())
            .filter(|n| *n > 0)
    };
    let mut variants: Vec<ImageVariant> = attr("srcset")
        .map(|srcset| {
            srcset
                .split(',')
                .filter_map(|candidate| {
                    let (url, width) = candidate.trim().rsplit_once(' ')?;
                    let width = width.strip_suffix('w')?.parse().ok()?;
                    Some(ImageVariant {
                        src: image_url(url)?,
                        width,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    variants.sort_by_key(|variant| variant.width);
    variants.dedup_by_key(|variant| variant.width);
    Some(Image {
        src: Some(src),
        alt: attr("alt")
            .map(collapse)
            .unwrap_or_default()
            .trim()
            .to_owned(),
        width: number("width"),
        height: number("height"),
        caption,
        variants,
        ..Image::default()
    })
}

/// A picture's address in a post: absolute, or a path on the CMS's site
/// (a relative one would mean nothing once copied).
fn image_url(url: &str) -> Option<ImageUrl> {
    let absolute = url.starts_with("https://")
        || url.starts_with("http://")
        || (url.starts_with('/') && !url.starts_with("//"));
    absolute.then(|| ImageUrl::parse(url)).flatten()
}

/// HTML's white space collapsed: runs of spaces, tabs and line breaks are one space.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(text: &str) -> Vec<Span> {
        vec![Span::plain(text)]
    }

    #[test]
    fn messy_paragraphs_collapse_and_keep_their_formatting() {
        let mapped = blocks(
            "<p style=\"color:red\">  Hello&nbsp;<b>bold</b>,<br>\n <em>it&#8217;s</em> <a href=\"https://x.org\" onclick=\"evil()\">a link</a> &amp; 🇺🇦 Київ </p><p> </p><p>&nbsp;</p>",
        );
        assert_eq!(
            mapped.blocks,
            [Block::Paragraph {
                text: vec![
                    Span::plain("Hello\u{a0}"),
                    Span {
                        text: "bold".into(),
                        bold: true,
                        ..Span::default()
                    },
                    Span::plain(", "),
                    Span {
                        text: "it’s".into(),
                        italic: true,
                        ..Span::default()
                    },
                    Span::plain(" "),
                    Span {
                        text: "a link".into(),
                        href: "https://x.org".parse().ok(),
                        ..Span::default()
                    },
                    Span::plain(" & 🇺🇦 Київ"),
                ]
            }],
            "paragraphs of spaces alone are dropped"
        );
    }

    #[test]
    fn headings_clamp_lists_flatten_and_quotes_keep_their_cite() {
        let mapped = blocks(
            "<h1>One</h1><h5>Five</h5><ul><li>a<ul><li>a1</li></ul></li><li><p>b</p></li></ul>\
             <ol><li>first</li></ol><blockquote class=\"wp-block-quote\"><p>Words.</p><cite>— Havel</cite></blockquote><hr class=\"wp-block-separator\"/>",
        );
        assert_eq!(
            mapped.blocks,
            [
                Block::Heading {
                    level: 2,
                    text: plain("One")
                },
                Block::Heading {
                    level: 4,
                    text: plain("Five")
                },
                Block::List {
                    ordered: false,
                    items: vec![plain("a"), plain("a1"), plain("b")]
                },
                Block::List {
                    ordered: true,
                    items: vec![plain("first")]
                },
                Block::Quote {
                    text: plain("Words."),
                    attribution: Some("Havel".into())
                },
                Block::Divider,
            ]
        );
    }

    #[test]
    fn scripts_styles_forms_and_unsafe_links_do_not_pass_and_embeds_become_cards() {
        let mapped = blocks(
            "<script>alert(1)</script><style>p{}</style><form><input value=x></form>\
             <p><a href=\"javascript:alert(2)\">click</a><img src=\"javascript:alert(3)\" onerror=\"alert(4)\"></p>\
             <figure class=\"wp-block-embed is-provider-youtube\"><div class=\"wp-block-embed__wrapper\">\
             <iframe src=\"https://www.youtube.com/embed/xyz\"></iframe></div></figure>",
        );
        assert_eq!(
            mapped.blocks,
            [
                Block::Paragraph {
                    text: plain("click")
                },
                Block::Embed {
                    url: "https://www.youtube.com/embed/xyz".parse().ok(),
                    provider: Some("YouTube".into()),
                    title: None,
                    caption: None,
                    thumbnail: None,
                },
            ]
        );
        assert_eq!(mapped.dropped, ["<script>", "<style>", "<form>"]);
        // An embed whose address is not http(s) is no embed.
        let refused = blocks("<iframe src=\"javascript:alert(1)\"></iframe>");
        assert_eq!(refused.blocks, []);
        assert_eq!(refused.dropped, ["an embed without a source"]);
    }

    fn srcs(block: &Block) -> Vec<(String, Option<String>)> {
        match block {
            Block::Gallery { images, .. } => images
                .iter()
                .map(|image| {
                    (
                        image.src.as_deref().unwrap().to_owned(),
                        image.caption.clone(),
                    )
                })
                .collect(),
            other => panic!("not a gallery: {other:?}"),
        }
    }

    #[test]
    fn every_kind_of_gallery_is_a_gallery_with_its_captions() {
        let nested = blocks(
            "<figure class=\"wp-block-gallery has-nested-images\">\
               <figure class=\"wp-block-image\"><img src=\"https://x.org/a.jpg\" alt=\"A\" width=\"800\" height=\"600\"\
                 srcset=\"https://x.org/a-300.jpg 300w, https://x.org/a.jpg 800w\"><figcaption>Капшн <a href=\"https://x.org\">link</a></figcaption></figure>\
               <figure class=\"wp-block-image\"><img src=\"https://x.org/b.jpg\" alt=\"\"></figure>\
               <figcaption class=\"blocks-gallery-caption\">The whole gallery</figcaption></figure>",
        );
        let Block::Gallery { caption, images } = &nested.blocks[0] else {
            panic!()
        };
        assert_eq!(caption.as_deref(), Some("The whole gallery"));
        assert_eq!((images[0].width, images[0].height), (Some(800), Some(600)));
        assert_eq!(images[0].variants.len(), 2);
        assert_eq!(
            srcs(&nested.blocks[0]),
            [
                ("https://x.org/a.jpg".into(), Some("Капшн link".into())),
                ("https://x.org/b.jpg".into(), None)
            ]
        );

        let older = blocks(
            "<figure class=\"wp-block-gallery columns-2\"><ul class=\"blocks-gallery-grid\">\
             <li class=\"blocks-gallery-item\"><figure><img src=\"https://x.org/c.jpg\"><figcaption>C</figcaption></figure></li>\
             <li class=\"blocks-gallery-item\"><figure><img src=\"https://x.org/d.jpg\"></figure></li></ul></figure>",
        );
        assert_eq!(
            srcs(&older.blocks[0]),
            [
                ("https://x.org/c.jpg".into(), Some("C".into())),
                ("https://x.org/d.jpg".into(), None)
            ]
        );

        let classic = blocks(
            "<div id=\"gallery-1\" class=\"gallery galleryid-5 gallery-columns-3\">\
             <dl class=\"gallery-item\"><dt class=\"gallery-icon\"><a href=\"https://x.org/e\"><img src=\"https://x.org/e.jpg\"></a></dt>\
             <dd class=\"wp-caption-text gallery-caption\">E</dd></dl>\
             <dl class=\"gallery-item\"><dt class=\"gallery-icon\"><img src=\"https://x.org/f.jpg\"></dt></dl></div>",
        );
        assert_eq!(
            srcs(&classic.blocks[0]),
            [
                ("https://x.org/e.jpg".into(), Some("E".into())),
                ("https://x.org/f.jpg".into(), None)
            ]
        );

        let ghost = blocks(
            "<figure class=\"kg-card kg-gallery-card kg-width-wide\"><div class=\"kg-gallery-container\">\
             <div class=\"kg-gallery-row\"><div class=\"kg-gallery-image\"><img src=\"https://g.org/1.jpg\" width=\"600\" height=\"400\"></div>\
             <div class=\"kg-gallery-image\"><img src=\"https://g.org/2.jpg\"></div></div></div><figcaption>Ghost gallery</figcaption></figure>",
        );
        let Block::Gallery { caption, .. } = &ghost.blocks[0] else {
            panic!()
        };
        assert_eq!(caption.as_deref(), Some("Ghost gallery"));
    }

    #[test]
    fn single_images_are_figures_with_their_captions() {
        let mapped = blocks(
            "<figure class=\"wp-block-image size-large\"><img src=\"https://x.org/a.jpg\" alt=\"A &amp; B\"><figcaption>Caption</figcaption></figure>\
             <div class=\"wp-caption\"><img src=\"https://x.org/b.jpg\"><p class=\"wp-caption-text\">Old caption</p></div>\
             <figure class=\"kg-card kg-image-card kg-card-hascaption\"><img src=\"https://g.org/c.jpg\" alt=\"C\"><figcaption><span>Ghost</span> caption</figcaption></figure>\
             <p>Text <img src=\"https://x.org/inline.jpg\"> after</p>",
        );
        let figures: Vec<(String, Option<String>)> = mapped
            .blocks
            .iter()
            .filter_map(|block| match block {
                Block::Figure { image } => Some((
                    image.src.as_deref().unwrap().to_owned(),
                    image.caption.clone(),
                )),
                _ => None,
            })
            .collect();
        assert_eq!(
            figures,
            [
                ("https://x.org/a.jpg".into(), Some("Caption".into())),
                ("https://x.org/b.jpg".into(), Some("Old caption".into())),
                ("https://g.org/c.jpg".into(), Some("Ghost caption".into())),
                ("https://x.org/inline.jpg".into(), None),
            ]
        );
        assert_eq!(
            mapped.blocks[3],
            Block::Paragraph {
                text: plain("Text")
            }
        );
        assert_eq!(
            mapped.blocks[5],
            Block::Paragraph {
                text: plain("after")
            }
        );
    }

    #[test]
    fn a_bookmark_card_is_an_embed_with_its_metadata_and_titles_are_plain_text() {
        let mapped = blocks(
            "<figure class=\"kg-card kg-bookmark-card\"><a class=\"kg-bookmark-container\" href=\"https://example.org/read\">\
             <div class=\"kg-bookmark-content\"><div class=\"kg-bookmark-title\">Worth reading</div>\
             <div class=\"kg-bookmark-description\">Why it matters</div><div class=\"kg-bookmark-metadata\">\
             <span class=\"kg-bookmark-publisher\">The Daily</span></div></div>\
             <div class=\"kg-bookmark-thumbnail\"><img src=\"https://example.org/t.jpg\" alt=\"\"></div></a></figure>",
        );
        assert_eq!(
            mapped.blocks,
            [Block::Embed {
                url: "https://example.org/read".parse().ok(),
                provider: Some("The Daily".into()),
                title: Some("Worth reading".into()),
                caption: Some("Why it matters".into()),
                thumbnail: Some(Image {
                    src: "https://example.org/t.jpg".parse().ok(),
                    ..Image::default()
                }),
            }]
        );
        assert_eq!(
            text("Ukraine &amp; <em>Czechia</em> &#8211; a &quot;cluster&quot;"),
            "Ukraine & Czechia – a \"cluster\""
        );
    }

    fn paragraphs(mapped: &Mapped) -> Vec<String> {
        mapped
            .blocks
            .iter()
            .map(|block| match block {
                Block::Paragraph { text } => spans::plain_text(text),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn an_html5_classic_gallery_keeps_its_photos_and_captions() {
        // `[gallery]` on a theme with `html5` support, as WordPress renders it.
        let mapped = blocks(
            "<div id=\"gallery-1\" class=\"gallery galleryid-5 gallery-columns-3 gallery-size-thumbnail\">\
             <figure class=\"gallery-item\"><div class=\"gallery-icon landscape\"><a href=\"https://wp.example.org/a/\">\
             <img width=\"150\" height=\"150\" src=\"https://wp.example.org/a-150x150.jpg\" alt=\"A\"></a></div>\
             <figcaption class=\"wp-caption-text gallery-caption\" id=\"gallery-1-6\">The first</figcaption></figure>\
             <figure class=\"gallery-item\"><div class=\"gallery-icon portrait\"><a href=\"https://wp.example.org/b/\">\
             <img width=\"150\" height=\"150\" src=\"https://wp.example.org/b-150x150.jpg\" alt=\"B\"></a></div></figure>\
             </div>",
        );
        let [Block::Gallery { images, .. }] = mapped.blocks.as_slice() else {
            panic!("{:?}", mapped.blocks);
        };
        let seen: Vec<_> = images
            .iter()
            .map(|i| (i.alt.as_str(), i.caption.as_deref()))
            .collect();
        assert_eq!(seen, [("A", Some("The first")), ("B", None)]);
    }

    #[test]
    fn a_caption_in_a_span_is_the_figures_caption() {
        let mapped = blocks(
            "<div id=\"attachment_7\" class=\"wp-caption aligncenter\"><img src=\"https://wp.example.org/c.jpg\" alt=\"C\" width=\"640\" height=\"480\">\
             <span class=\"wp-caption-text\">Prague at night</span></div>",
        );
        let [Block::Figure { image }] = mapped.blocks.as_slice() else {
            panic!("{:?}", mapped.blocks);
        };
        assert_eq!(image.caption.as_deref(), Some("Prague at night"));
    }

    #[test]
    fn an_embed_keeps_its_address_apart_from_its_caption() {
        let mapped = blocks(
            "<figure class=\"wp-block-embed is-type-video is-provider-youtube wp-block-embed-youtube\">\
             <div class=\"wp-block-embed__wrapper\">\nhttps://www.youtube.com/watch?v=abc123\n</div>\
             <figcaption class=\"wp-element-caption\">The concert, live</figcaption></figure>",
        );
        assert_eq!(
            mapped.blocks,
            [Block::Embed {
                url: "https://www.youtube.com/watch?v=abc123".parse().ok(),
                provider: Some("YouTube".into()),
                title: None,
                caption: Some("The concert, live".into()),
                thumbnail: None,
            }]
        );
    }

    #[test]
    fn tables_definitions_and_code_keep_their_words_apart() {
        let table = blocks(
            "<figure class=\"wp-block-table\"><table><thead><tr><th>Version</th><th>Musician</th><th>Date</th></tr></thead>\
             <tbody><tr><th>.70</th><td>No <em>musician</em></td><td>2003</td></tr></tbody></table>\
             <figcaption class=\"wp-element-caption\">Releases</figcaption></figure>",
        );
        let italic = Span {
            text: "musician".into(),
            italic: true,
            ..Span::default()
        };
        assert_eq!(
            table.blocks,
            [Block::Table {
                caption: Some("Releases".into()),
                header_row: true,
                header_column: true,
                rows: vec![
                    vec![plain("Version"), plain("Musician"), plain("Date")],
                    vec![
                        plain(".70"),
                        vec![Span::plain("No "), italic],
                        plain("2003")
                    ],
                ],
            }]
        );
        // A classic table without head cells, a table in a cell as its text.
        let classic = blocks(
            "<table><caption>Plain</caption><tr><td>a</td><td><table><tr><td>in</td><td>side</td></tr></table></td></tr></table>",
        );
        assert_eq!(
            classic.blocks,
            [Block::Table {
                caption: Some("Plain".into()),
                header_row: false,
                header_column: false,
                rows: vec![vec![plain("a"), plain("in side")]],
            }]
        );
        let definitions = blocks(
            "<dl><dt>Gazette</dt><dd>A newspaper.</dd><dt>Forum</dt><dd>A place to meet.</dd>\
             <div><dt>Alone</dt></div></dl>",
        );
        assert_eq!(
            paragraphs(&definitions),
            [
                "Gazette — A newspaper.",
                "Forum — A place to meet.",
                "Alone"
            ]
        );
        let code = blocks(
            "<figure class=\"kg-card kg-code-card\"><pre><code class=\"language-handlebars\">{{/post}}</code></pre>\
             <figcaption><p><span style=\"white-space: pre-wrap;\">A snippet from a post template</span></p></figcaption></figure>",
        );
        assert_eq!(
            code.blocks,
            [Block::Code {
                text: "{{/post}}".into(),
                language: Some("handlebars".into()),
                caption: Some("A snippet from a post template".into()),
            }]
        );
        let preformatted = blocks(
            "<pre class=\"wp-block-code\"><code>fn main() {\n    x &lt; 1;\n}\n</code></pre>",
        );
        assert_eq!(
            preformatted.blocks,
            [Block::Code {
                text: "fn main() {\n    x < 1;\n}".into(),
                language: None,
                caption: None,
            }]
        );
        // Inside a list item a row is text apart from the next, not a block.
        let nested = blocks("<ul><li><div>one</div><div>two</div></li></ul>");
        assert_eq!(
            nested.blocks,
            [Block::List {
                ordered: false,
                items: vec![plain("one two")]
            }]
        );
    }

    #[test]
    fn quotes_and_list_items_start_with_their_words() {
        let mapped = blocks(
            "<blockquote class=\"wp-block-quote\">\n  <p>First.</p>\n  <p>Second.</p>\n  <cite>Havel</cite>\n</blockquote>\
             <ul>\n  <li>\n    <p>Loose item</p>\n  </li>\n</ul>",
        );
        assert_eq!(
            mapped.blocks,
            [
                Block::Quote {
                    text: plain("First. Second."),
                    attribution: Some("Havel".into())
                },
                Block::List {
                    ordered: false,
                    items: vec![plain("Loose item")]
                }
            ]
        );
    }
}
