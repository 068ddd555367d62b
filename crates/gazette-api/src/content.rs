//! Checks on content beyond its JSON shape, and helpers every renderer needs.
//!
//! The reference server runs [`check_article`] and [`check_site`] on its content
//! folder at start-up; clients may run them on what they receive.
//!
//! Long because each check names the field it refuses; they share one
//! error type and one walk over the blocks.

use std::fmt;

use crate::{Article, Block, Image, Site, Span, Term};

/// The longest title accepted, in characters.
pub const TITLE_MAX_CHARS: usize = 300;

/// A content value that breaks a rule, with the JSON path to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// Where the value is, e.g. `body[3].image.width`.
    pub path: String,
    /// What is wrong with it.
    pub message: String,
}

impl fmt::Display for ContentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for ContentError {}

fn fail(path: impl Into<String>, message: impl Into<String>) -> Result<(), ContentError> {
    Err(ContentError {
        path: path.into(),
        message: message.into(),
    })
}

/// Whether a slug is 1 to 100 lowercase ASCII letters, digits and single hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 100
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The RFC 3339 timestamp in UTC (`2024-05-22T12:00:00Z`) of a time in
/// seconds since 1970-01-01T00:00:00Z.
pub fn utc_timestamp(seconds: i64) -> String {
    let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian date of a count of days since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whether a string is an RFC 3339 timestamp in UTC: `YYYY-MM-DDTHH:MM:SS[.f]Z`.
pub fn is_rfc3339_utc(value: &str) -> bool {
    // Every index below is a byte index; on ASCII it is also a char boundary,
    // so a multi-byte character anywhere cannot make a slice panic.
    let bytes = value.as_bytes();
    if !value.is_ascii() || bytes.len() < 20 || bytes[bytes.len() - 1] != b'Z' {
        return false;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = value.get(range)?;
        if part.bytes().all(|b| b.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let separators_ok = bytes[4] == b'-'
        && bytes[7] == b'-'
        && (bytes[10] == b'T' || bytes[10] == b't')
        && bytes[13] == b':'
        && bytes[16] == b':';
    let fraction_ok = match &value[19..value.len() - 1] {
        "" => true,
        fraction => {
            fraction.len() > 1
                && fraction.starts_with('.')
                && fraction[1..].bytes().all(|b| b.is_ascii_digit())
        }
    };
    let fields = (
        digits(0..4),
        digits(5..7),
        digits(8..10),
        digits(11..13),
        digits(14..16),
        digits(17..19),
    );
    match fields {
        (Some(_), Some(month), Some(day), Some(hour), Some(minute), Some(second)) => {
            separators_ok
                && fraction_ok
                && (1..=12).contains(&month)
                && (1..=31).contains(&day)
                && hour < 24
                && minute < 60
                && second <= 60
        }
        _ => false,
    }
}

/// Whether a string looks like a BCP 47 language tag (`en`, `uk`, `pt-BR`).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// Splits text where a URL in it may break across lines, so that a renderer
/// can put a `<wbr>` between the pieces: after `//`, `=` and `&`, and before
/// `/ ~ . , - _ ? # %` (the Chicago Manual of Style's places). Only words that
/// look like URLs are split; other text comes back as one piece. Joined, the
/// pieces are the text.
pub fn url_break_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let (mut piece_start, mut word_start) = (0, 0);
    for word in text.split_inclusive(char::is_whitespace) {
        if word.contains("://") || word.starts_with("www.") {
            // Every byte compared is ASCII, so each break is a char boundary.
            let bytes = word.as_bytes();
            for i in 1..bytes.len() {
                let (before, at) = (bytes[i - 1], bytes[i]);
                let after_slashes = before == b'/' && i >= 2 && bytes[i - 2] == b'/';
                let breaks_before =
                    matches!(at, b'~' | b'.' | b',' | b'-' | b'_' | b'?' | b'#' | b'%')
                        || (at == b'/' && !matches!(before, b'/' | b':'));
                if after_slashes || matches!(before, b'=' | b'&') || breaks_before {
                    pieces.push(&text[piece_start..word_start + i]);
                    piece_start = word_start + i;
                }
            }
        }
        word_start += word.len();
    }
    pieces.push(&text[piece_start..]);
    pieces
}

/// The players a reader may start in the page ("Play here") when the site
/// allows it (`config.json`'s `play_embeds`): their origins, which the CSP's
/// `frame-src` then names, and nothing else.
pub const PLAYER_ORIGINS: [&str; 2] = [
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
];

/// The player of a YouTube or Vimeo video (YouTube's without cookies), for
/// an embed's address; `None` for any other address.
pub fn player_url(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.strip_prefix("www.").unwrap_or(host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let path = path.split('#').next().unwrap_or(path);
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let youtube_id = |id: &str| {
        (id.len() == 11
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'))
        .then(|| format!("{}/embed/{id}", PLAYER_ORIGINS[0]))
    };
    match host {
        "youtube.com" | "youtube-nocookie.com" => match path.split_once('/') {
            None if path == "watch" => query
                .split('&')
                .find_map(|pair| pair.strip_prefix("v="))
                .and_then(youtube_id),
            Some(("embed" | "shorts" | "live", id)) => youtube_id(id),
            _ => None,
        },
        "youtu.be" => youtube_id(path),
        "vimeo.com" | "player.vimeo.com" => {
            let id = path.strip_prefix("video/").unwrap_or(path);
            (!id.is_empty() && id.len() <= 12 && id.bytes().all(|b| b.is_ascii_digit()))
                .then(|| format!("{}/video/{id}", PLAYER_ORIGINS[1]))
        }
        _ => None,
    }
}

/// The host of an `http(s)` URL without `www.`, such as `youtube.com`: what
/// an embed's card names when its source gives no provider.
pub fn url_host(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host = host.rsplit('@').next().unwrap_or(host);
    host.strip_prefix("www.").unwrap_or(host)
}

/// The most characters of a search query that are searched for.
pub const MAX_QUERY_CHARS: usize = 200;

/// What is searched for: the query with its white space collapsed, at most
/// [`MAX_QUERY_CHARS`]; `None` when nothing is left. The search page's
/// field, its address and the prerendered page all show this.
pub fn normalized_query(query: &str) -> Option<String> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let query: String = words.join(" ").chars().take(MAX_QUERY_CHARS).collect();
    (!query.is_empty()).then_some(query)
}

/// Words a reader reads per minute, for [`reading_minutes`].
pub const WORDS_PER_MINUTE: usize = 220;

/// Every text a reader reads in a body: paragraphs,
/// headings, list items, quotes and their attributions, table cells, code,
/// embeds' titles and captions, pictures' captions. What reading time and
/// the search index count, from one list.
pub fn body_texts(body: &[Block], mut each: impl FnMut(&str)) {
    // A run of spans is one text: `výzkum**u**` is one word.
    fn spans(spans: &[Span], each: &mut impl FnMut(&str)) {
        match spans {
            [] => {}
            [one] => each(&one.text),
            many => each(
                &many
                    .iter()
                    .map(|span| span.text.as_str())
                    .collect::<String>(),
            ),
        }
    }
    for block in body {
        let (texts, extra): (&[Span], [Option<&String>; 2]) = match block {
            Block::Paragraph { text } | Block::Heading { text, .. } => (text, [None, None]),
            Block::Quote { text, attribution } => (text, [attribution.as_ref(), None]),
            Block::List { items, .. } => {
                items.iter().for_each(|item| spans(item, &mut each));
                (&[], [None, None])
            }
            Block::Figure { image } => (&[], [image.caption.as_ref(), None]),
            Block::Gallery { images, caption } => {
                images
                    .iter()
                    .filter_map(|image| image.caption.as_deref())
                    .for_each(&mut each);
                (&[], [caption.as_ref(), None])
            }
            Block::Table { caption, rows, .. } => {
                rows.iter()
                    .flatten()
                    .for_each(|cell| spans(cell, &mut each));
                (&[], [caption.as_ref(), None])
            }
            Block::Code { text, caption, .. } => (&[], [Some(text), caption.as_ref()]),
            Block::Embed { title, caption, .. } => (&[], [title.as_ref(), caption.as_ref()]),
            Block::Divider | Block::Unknown => (&[], [None, None]),
        };
        spans(texts, &mut each);
        extra.into_iter().flatten().for_each(|text| each(text));
    }
}

/// Minutes to read a body: the words of its [`body_texts`] at
/// [`WORDS_PER_MINUTE`], rounded up, and at least one.
pub fn reading_minutes(body: &[Block]) -> u32 {
    let mut words = 0;
    body_texts(body, |text| words += text.split_whitespace().count());
    words.div_ceil(WORDS_PER_MINUTE).max(1) as u32
}

/// Checks a site description.
pub fn check_site(site: &Site) -> Result<(), ContentError> {
    if site.name.trim().is_empty() {
        return fail("name", "must not be empty");
    }
    if !is_language_tag(&site.lang) {
        return fail("lang", format!("{:?} is not a language tag", site.lang));
    }
    for (index, tag) in site.languages.iter().enumerate() {
        if !is_language_tag(tag) {
            return fail(
                format!("languages[{index}]"),
                format!("{tag:?} is not a language tag"),
            );
        }
    }
    if site.membership.privacy_url.is_none() {
        return fail(
            "membership.privacy_url",
            "must be an http(s) URL or a path on this site",
        );
    }
    if let Some(image) = &site.image {
        check_image(image, "image")?;
    }
    Ok(())
}

/// The longest description a tag or an author may have, in characters.
pub const TERM_DESCRIPTION_MAX_CHARS: usize = 1000;

/// Checks a tag's or an author's description and picture.
pub fn check_term(term: &Term) -> Result<(), ContentError> {
    let description = term.description.as_deref().unwrap_or("");
    if description.chars().count() > TERM_DESCRIPTION_MAX_CHARS {
        return fail(
            "description",
            format!("must have at most {TERM_DESCRIPTION_MAX_CHARS} characters"),
        );
    }
    match &term.image {
        Some(image) => check_image(image, "image"),
        None => Ok(()),
    }
}

/// Checks an article: slug, title, dates, languages, heading levels, images.
pub fn check_article(article: &Article) -> Result<(), ContentError> {
    let summary = &article.summary;
    if !is_valid_slug(&summary.slug) {
        return fail(
            "slug",
            "must be lowercase letters, digits and single hyphens",
        );
    }
    if summary.title.trim().is_empty() || summary.title.chars().count() > TITLE_MAX_CHARS {
        return fail(
            "title",
            format!("must have 1 to {TITLE_MAX_CHARS} characters"),
        );
    }
    if summary.author.name.trim().is_empty() {
        return fail("author.name", "must not be empty");
    }
    if !is_language_tag(&summary.lang) {
        return fail("lang", format!("{:?} is not a language tag", summary.lang));
    }
    if !is_rfc3339_utc(&summary.published_at) {
        return fail(
            "published_at",
            "must be RFC 3339 in UTC, like 2024-05-22T09:00:00Z",
        );
    }
    if let Some(updated) = &article.updated_at {
        if !is_rfc3339_utc(updated) {
            return fail(
                "updated_at",
                "must be RFC 3339 in UTC, like 2024-05-22T09:00:00Z",
            );
        }
    }
    if let Some(cover) = &summary.cover {
        check_image(cover, "cover")?;
    }
    for (index, block) in article.body.iter().enumerate() {
        check_block(block, &format!("body[{index}]"))?;
    }
    check_translations(article)
}

/// A tag's primary language subtag, lowercased: `en-GB` → `en`.
pub fn primary(tag: &str) -> String {
    tag.split('-').next().unwrap_or("").to_ascii_lowercase()
}

/// Checks an article's translations as the contract has them: each a
/// valid slug and language tag with a title, not the article itself, no
/// language twice (the article's own included).
pub fn check_translations(article: &Article) -> Result<(), ContentError> {
    let summary = &article.summary;
    let mut seen = vec![primary(&summary.lang)];
    for (index, translation) in article.translations.iter().enumerate() {
        let path = |field: &str| format!("translations[{index}].{field}");
        if !is_valid_slug(&translation.slug) {
            return fail(
                path("slug"),
                "must be lowercase letters, digits and single hyphens",
            );
        }
        if translation.slug == summary.slug {
            return fail(path("slug"), "is the post itself");
        }
        if !is_language_tag(&translation.lang) {
            return fail(
                path("lang"),
                format!("{:?} is not a language tag", translation.lang),
            );
        }
        let language = primary(&translation.lang);
        if seen.contains(&language) {
            return fail(
                path("lang"),
                format!("a post has one version in each language, and {language:?} is there twice"),
            );
        }
        seen.push(language);
    }
    Ok(())
}

fn check_block(block: &Block, path: &str) -> Result<(), ContentError> {
    match block {
        Block::Heading { level, .. } => {
            if !(2..=4).contains(level) {
                return fail(format!("{path}.level"), "must be 2, 3 or 4");
            }
            Ok(())
        }
        Block::Figure { image } => check_image(image, &format!("{path}.image")),
        Block::Gallery { images, .. } => {
            if images.is_empty() {
                return fail(format!("{path}.images"), "must not be empty");
            }
            images
                .iter()
                .enumerate()
                .try_for_each(|(i, image)| check_image(image, &format!("{path}.images[{i}]")))
        }
        Block::Table { rows, .. } => check_table(rows, path),
        Block::Code { text, .. } => {
            if text.chars().count() > CODE_MAX_CHARS {
                return fail(
                    format!("{path}.text"),
                    format!("must have at most {CODE_MAX_CHARS} characters"),
                );
            }
            Ok(())
        }
        Block::Embed { url, thumbnail, .. } => {
            if url.is_none() {
                return fail(format!("{path}.url"), "must be an http or https URL");
            }
            match thumbnail {
                Some(thumbnail) => check_image(thumbnail, &format!("{path}.thumbnail")),
                None => Ok(()),
            }
        }
        Block::Paragraph { .. }
        | Block::Quote { .. }
        | Block::List { .. }
        | Block::Divider
        | Block::Unknown => Ok(()),
    }
}

/// The most rows and columns a table may have: a table larger than this is
/// data to download, not to read in an article.
pub const TABLE_MAX_ROWS: usize = 500;
pub const TABLE_MAX_COLUMNS: usize = 20;
/// The most characters a code block may hold.
pub const CODE_MAX_CHARS: usize = 100_000;

fn check_table(rows: &[Vec<Vec<Span>>], path: &str) -> Result<(), ContentError> {
    if rows.is_empty() || rows.len() > TABLE_MAX_ROWS {
        return fail(
            format!("{path}.rows"),
            format!("must have 1 to {TABLE_MAX_ROWS} rows"),
        );
    }
    for (r, row) in rows.iter().enumerate() {
        if row.len() > TABLE_MAX_COLUMNS {
            return fail(
                format!("{path}.rows[{r}]"),
                format!("must have at most {TABLE_MAX_COLUMNS} cells"),
            );
        }
    }
    Ok(())
}

fn check_image(image: &Image, path: &str) -> Result<(), ContentError> {
    if image.src.is_none() {
        return fail(
            format!("{path}.src"),
            "must be an http(s) URL or a path, without spaces or commas",
        );
    }
    if image.width == Some(0) {
        return fail(format!("{path}.width"), "must be positive");
    }
    if image.height == Some(0) {
        return fail(format!("{path}.height"), "must be positive");
    }
    if let Some(lang) = &image.caption_lang {
        if !is_language_tag(lang) {
            return fail(
                format!("{path}.caption_lang"),
                format!("{lang:?} is not a language tag"),
            );
        }
    }
    for (index, variant) in image.variants.iter().enumerate() {
        if variant.width == 0 {
            return fail(
                format!("{path}.variants[{index}].width"),
                "must be positive",
            );
        }
    }
    Ok(())
}

/// How many posts the recent-posts widget shows when `config.json` or the
/// element's `limit` does not say.
pub const RECENT_POSTS_DEFAULT: u32 = 3;
/// How many it may be asked to show.
pub const RECENT_POSTS_RANGE: std::ops::RangeInclusive<u32> = 1..=20;
/// What is said of any other count, naming [`RECENT_POSTS_RANGE`].
pub const RECENT_POSTS_PROBLEM: &str = "must be a whole number from 1 to 20";

/// A `recent_posts` count, when it is one the widget may show.
pub fn recent_posts_count(count: i64) -> Option<u32> {
    u32::try_from(count)
        .ok()
        .filter(|count| RECENT_POSTS_RANGE.contains(count))
}

/// Posts per page of the all-posts list.
pub const PAGE_SIZE: u32 = 10;

/// The site path of an article: `/posts/<slug>`, the slug percent-encoded.
pub fn article_path(slug: &str) -> String {
    format!("/posts/{}", encode_component(slug))
}

/// The site path of a tag's page: `/tag/<slug>`.
pub fn tag_path(slug: &str) -> String {
    format!("/tag/{}", encode_component(slug))
}

/// The site path of an author's page: `/author/<slug>`.
pub fn author_path(slug: &str) -> String {
    format!("/author/{}", encode_component(slug))
}

/// The page of an author by name, where the name makes a slug.
pub fn author_page(name: &str) -> Option<String> {
    crate::slug::slug_of(name).map(|slug| author_path(&slug))
}

/// Whether a navigation link to `href` stands for the page at `location`
/// (both paths, base included): the same path, or with `exact` false a page
/// under it (`/posts` for an article). The app marks it
/// `aria-current="page"`, and so does the prerendered page.
pub fn is_current_page(location: &str, href: &str, exact: bool) -> bool {
    let location = location.trim_end_matches('/');
    let href = href.trim_end_matches('/');
    location == href
        || (!exact
            && location
                .strip_prefix(href)
                .is_some_and(|rest| rest.starts_with('/')))
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode_component(text: &str) -> String {
    let mut encoded = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// `encode_component` undone: `%XX` escapes decoded as UTF-8; `None` for a
/// malformed escape or text that is not UTF-8 (the app's route of an
/// article path).
pub fn decode_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = text.get(index + 1..index + 3)?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// The `YYYY-MM-DD` part of a timestamp, or the whole text when it has none.
pub fn date_part(timestamp: &str) -> &str {
    timestamp
        .get(..10)
        .filter(|date| date.bytes().all(|b| b.is_ascii_digit() || b == b'-'))
        .unwrap_or(timestamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn navigation_links_are_current_for_their_page_and_the_pages_under_it() {
        assert!(is_current_page("/news/posts/a", "/news/posts", false));
        assert!(is_current_page("/news/posts/", "/news/posts", true));
        assert!(!is_current_page("/news/postscript", "/news/posts", false));
        assert!(!is_current_page("/news/posts/a", "/news/posts", true));
        assert!(is_current_page("/", "/", true));
        assert!(is_current_page("/news/", "/news/", true));
        assert!(!is_current_page("/posts", "/", true));
        assert!(!is_current_page("/posts/a", "/join", false));
    }

    #[test]
    fn paths_are_encoded() {
        assert_eq!(encode_component("../ž"), "..%2F%C5%BE");
        for text in ["../ž", "a b&c=d", "київ", ""] {
            assert_eq!(
                decode_component(&encode_component(text)).as_deref(),
                Some(text)
            );
        }
        for broken in ["%", "%zz", "%F", "%FF"] {
            assert_eq!(decode_component(broken), None, "{broken}");
        }
        assert_eq!(article_path("a b/c"), "/posts/a%20b%2Fc");
        assert_eq!(article_path("plain-slug-2"), "/posts/plain-slug-2");
    }

    #[test]
    fn date_part_is_safe_on_any_text() {
        assert_eq!(date_part("2024-05-22T10:00:00Z"), "2024-05-22");
        assert_eq!(date_part("short"), "short");
        assert_eq!(date_part("ééééééééé"), "ééééééééé");
    }

    #[test]
    fn slugs() {
        assert!(is_valid_slug("ukraine-czech-defense-cluster"));
        for bad in ["", "A", "a--b", "-a", "a-", "a b", "ž", "../x"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn timestamps() {
        assert!(is_rfc3339_utc("2024-05-22T09:00:00Z"));
        assert!(is_rfc3339_utc("2024-05-22T09:00:00.123Z"));
        for bad in [
            "2024-05-22",
            "2024-05-22T09:00:00+02:00",
            "2024-13-22T09:00:00Z",
            "2024-05-22T24:00:00Z",
            "2024-05-22T09:00:00.Z",
            "２０２４-05-22T09:00:00Z",
            "",
        ] {
            assert!(!is_rfc3339_utc(bad), "{bad}");
        }
    }

    #[test]
    fn timestamps_with_multi_byte_characters_are_refused_without_panicking() {
        // Byte 19 inside a character used to panic on the fraction's slice.
        for bad in [
            "2024-05-22T09:00:0éxZ",
            "2024-05-22T09:00:0€Z",
            "2024-05-22T09:00:00éZ",
            "2024-05-22T09:00:00.1ďZ",
            "2024-05-22T09:0€:00Z",
            "ééééééééééééééééééééZ",
        ] {
            assert!(!is_rfc3339_utc(bad), "{bad}");
        }
    }

    #[test]
    fn urls_break_at_their_punctuation_and_other_text_stays_whole() {
        assert_eq!(
            url_break_pieces("See https://example.org/a/b?x=1&y=2 now"),
            [
                "See https://",
                "example",
                ".org",
                "/a",
                "/b",
                "?x=",
                "1&",
                "y=",
                "2 now"
            ]
        );
        assert_eq!(
            url_break_pieces("www.приклад.укр/шлях_1"),
            ["www", ".приклад", ".укр", "/шлях", "_1"]
        );
        for whole in ["", "e.g. a/b, c-d", "Довгеслово", "://"] {
            assert_eq!(url_break_pieces(whole), [whole]);
        }
    }

    #[test]
    fn language_tags() {
        for good in ["en", "uk", "cs", "pt-BR", "zh-Hant-TW"] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in ["", "e", "english-", "\"><script>", "en_US"] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn queries_are_trimmed_collapsed_and_bounded() {
        assert_eq!(
            normalized_query("  vyzkum \n praha "),
            Some("vyzkum praha".into())
        );
        assert_eq!(normalized_query(" \t"), None);
        assert_eq!(
            normalized_query(&"ж".repeat(500)).map(|q| q.chars().count()),
            Some(MAX_QUERY_CHARS)
        );
    }

    #[test]
    fn reading_time_counts_every_kind_of_text() {
        assert_eq!(reading_minutes(&[]), 1);
        let words = |n: usize| vec![Span::plain(vec!["word"; n].join(" "))];
        let body = vec![
            Block::Paragraph { text: words(200) },
            Block::List {
                ordered: false,
                items: vec![words(20), words(1)],
            },
        ];
        assert_eq!(reading_minutes(&body), 2);
        assert_eq!(reading_minutes(&body[..1]), 1);
    }

    #[test]
    fn article_errors_name_the_path() {
        let mut article: Article = serde_json::from_str(
            r#"{"slug":"s","title":"t","author":{"name":"n"},"published_at":"2024-01-01T00:00:00Z",
                "body":[{"type":"divider"},{"type":"gallery","images":[{"src":"/a.jpg","width":0}]}]}"#,
        )
        .unwrap();
        let error = check_article(&article).unwrap_err();
        assert_eq!(error.path, "body[1].images[0].width");
        article.body.truncate(1);
        assert_eq!(check_article(&article), Ok(()));
        article.body.push(Block::Heading {
            level: 1,
            text: vec![],
        });
        assert_eq!(check_article(&article).unwrap_err().path, "body[1].level");
    }

    #[test]
    fn only_youtube_and_vimeo_videos_have_a_player_here() {
        let nocookie = Some("https://www.youtube-nocookie.com/embed/jNQXAC9IVRw".to_owned());
        for url in [
            "https://www.youtube.com/watch?v=jNQXAC9IVRw",
            "https://youtube.com/watch?feature=share&v=jNQXAC9IVRw",
            "https://m.youtube.com/watch?v=jNQXAC9IVRw#t=1",
            "https://youtu.be/jNQXAC9IVRw",
            "https://www.youtube.com/embed/jNQXAC9IVRw",
            "https://www.youtube.com/shorts/jNQXAC9IVRw",
        ] {
            assert_eq!(player_url(url), nocookie, "{url}");
        }
        let vimeo = Some("https://player.vimeo.com/video/76979871".to_owned());
        assert_eq!(player_url("https://vimeo.com/76979871"), vimeo);
        assert_eq!(player_url("https://player.vimeo.com/video/76979871"), vimeo);
        for url in [
            "https://www.youtube.com/watch?v=short",
            "https://www.youtube.com/watch?v=jNQXAC9IVRw\"><script>",
            "https://evil.example/embed/jNQXAC9IVRw",
            "https://youtube.com.evil.example/watch?v=jNQXAC9IVRw",
            "https://vimeo.com/channels/staff",
            "javascript:alert(1)",
        ] {
            assert_eq!(player_url(url), None, "{url}");
        }
    }
}
