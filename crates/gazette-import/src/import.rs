//! `gazette-server import wordpress|ghost|gazette URL --to DIR`: a WordPress
//! or Ghost site's published posts, or a Gazette API's, written as a content
//! folder (JSON posts, and with `--images` the pictures beside them), which
//! the server, the prerendered pages and `make dist` (`CONTENT_API=…` reads
//! a Gazette API this way) then use with no CMS running.
//!
//! Long because reading the three APIs page by page, writing the folder and
//! downloading the pictures are one run, shared by `import` and `--source`.

use std::{
    collections::HashSet,
    path::{Path, PathBuf},
    time::Duration,
};

use gazette_api::{
    content::{article_path, encode_component},
    Article, Href, Image, ImageUrl, Membership, PostPage, Site,
};
use serde_json::Value;

use gazette_content::archive::{TermsFile, TERMS_FILE};

use crate::cms::{self, Cms, Mapped};

/// How long one request to the CMS may take.
const TIMEOUT: Duration = Duration::from_secs(20);
/// Posts asked for per page: the most both APIs give.
const PAGE: u32 = 100;
/// The most pages read: 10,000 posts.
const MAX_PAGES: u32 = 100;
/// Posts asked for per page of a Gazette API: the most the contract allows.
const GAZETTE_PAGE: u32 = 50;

/// What `import` is told.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The CMS the site runs.
    #[arg(value_enum)]
    pub cms: Cms,
    /// The site's address, such as https://example.org; for `gazette`, the
    /// API's base, such as https://example.org/api/v1.
    pub url: String,
    /// The content folder to write (created when missing; posts with the
    /// same slug are replaced).
    #[arg(long)]
    pub to: PathBuf,
    /// Ghost's Content API key (Ghost Admin → Integrations).
    #[arg(long, env = "GAZETTE_GHOST_KEY", hide_env_values = true)]
    pub ghost_key: Option<String>,
    /// Download the pictures into the folder's images/, so that nothing is
    /// loaded from the CMS any more.
    #[arg(long)]
    pub images: bool,
}

/// Why an import stopped.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// No HTTP client could be made.
    #[error("no HTTP client: {0}")]
    Client(reqwest::Error),
    /// A request failed: no answer, or an error status for a picture.
    #[error("{url}: {error}")]
    Request { url: String, error: reqwest::Error },
    /// The CMS answered with an error status.
    #[error("{url}: the CMS answered {status}")]
    Status {
        url: String,
        status: reqwest::StatusCode,
    },
    /// The answer was not JSON.
    #[error("{url}: not JSON: {error}")]
    NotJson { url: String, error: reqwest::Error },
    /// A Gazette API's answer was not the contract's `what`.
    #[error("{url}: not {what}: {error}")]
    NotContract {
        url: String,
        what: &'static str,
        error: serde_json::Error,
    },
    /// A Gazette API's site breaks the contract's rules.
    #[error("{url}: {path} {message}")]
    Invalid {
        url: String,
        path: String,
        message: String,
    },
    #[error("Ghost needs its Content API key: --ghost-key")]
    NoGhostKey,
    /// A file or folder could not be read or written.
    #[error("{}: {error}", path.display())]
    File {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The folder's `redirects.json` could not be read.
    #[error(transparent)]
    Redirects(#[from] gazette_content::LoadError),
    /// A post, the site or the redirects could not be written as JSON.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

impl ImportError {
    fn file(path: &Path, error: std::io::Error) -> ImportError {
        ImportError::File {
            path: path.to_owned(),
            error,
        }
    }

    fn not_contract(url: &str, what: &'static str, error: serde_json::Error) -> ImportError {
        ImportError::NotContract {
            url: url.to_owned(),
            what,
            error,
        }
    }
}

/// Imports the site; returns what it did, for the terminal.
pub async fn run(args: &ImportArgs) -> Result<String, ImportError> {
    import(args, false).await
}

/// Makes `args.to` a copy of the site, pictures included, removing the posts
/// it no longer publishes: what `--source` serves from.
pub async fn mirror(args: &ImportArgs) -> Result<String, ImportError> {
    import(args, true).await
}

async fn import(args: &ImportArgs, prune: bool) -> Result<String, ImportError> {
    let client = reqwest::Client::builder()
        .timeout(TIMEOUT)
        .user_agent(concat!("gazette-import/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(ImportError::Client)?;
    let base = args.url.trim_end_matches('/');
    let reader = Reader {
        client: &client,
        base,
        key: args.ghost_key.as_deref(),
    };
    let mut site = reader.site(args.cms).await?;
    let posts = reader.posts(args.cms).await?;
    let posts_folder = args.to.join("posts");
    std::fs::create_dir_all(&posts_folder)
        .map_err(|error| ImportError::file(&posts_folder, error))?;
    let mut report = Vec::new();
    let mut slugs = HashSet::new();
    let mut moved = gazette_content::folder::read_redirects(&args.to)?;
    let mut pictures = 0;
    // What was written, and how many posts had no author of their own.
    let (mut written, mut authorless) = (0, 0);
    // What the CMS says of the tags and authors (first seen wins).
    let mut terms = TermsFile::default();
    // Each post and what makes it a version of others, written once linked.
    let mut ready = Vec::new();
    for post in &posts {
        let mapped = match args.cms {
            Cms::Wordpress => cms::wordpress(post, &site.lang),
            Cms::Ghost => cms::ghost(post, &site.lang),
            Cms::Gazette => cms::gazette(post, base),
        };
        let Mapped {
            mut article,
            dropped,
            renamed_from,
            terms: about,
            version_keys,
        } = match mapped {
            Ok(mapped) => mapped,
            Err(error) => {
                report.push(format!("skipped {error}"));
                continue;
            }
        };
        if article.summary.author.name.trim().is_empty() {
            // WordPress's author 0 (an import, a deleted user), Ghost's
            // author without a name: the post is the site's.
            article.summary.author.name = site.name.clone();
            authorless += 1;
        }
        let slug = unique(&article.summary.slug, &mut slugs);
        if let Some(old) = renamed_from.filter(|old| *old != slug) {
            report.push(format!("{old} is published as {slug}"));
            // Links to the old address, encoded or not, lead to the new one.
            let decoded = percent_encoding::percent_decode_str(&old)
                .decode_utf8_lossy()
                .into_owned();
            for old in [old, decoded] {
                moved.insert(old, slug.clone());
            }
        }
        article.summary.slug = slug.clone();
        if args.images {
            pictures += download_images(&client, &mut article, &args.to).await?;
        }
        if !dropped.is_empty() {
            report.push(format!("{slug}: dropped {}", dropped.join(", ")));
        }
        if let Err(error) = gazette_api::content::check_article(&article) {
            report.push(format!("skipped {slug}: {} {}", error.path, error.message));
            continue;
        }
        ready.push((article, version_keys));
        terms.add_new(about);
    }
    report.extend(crate::versions::link(&mut ready));
    for (article, _) in &ready {
        let json = serde_json::to_string_pretty(article)?;
        let path = posts_folder.join(format!("{}.json", article.summary.slug));
        std::fs::write(&path, json + "\n").map_err(|error| ImportError::file(&path, error))?;
        written += 1;
    }
    if let Some(line) = write_terms(&args.to, terms)? {
        report.push(line);
    }
    if authorless > 0 {
        report.push(format!(
            "{authorless} post(s) without an author: published under the site's name, {}",
            site.name
        ));
    }
    if !moved.is_empty() {
        let json = serde_json::to_string_pretty(&moved)?;
        let path = args.to.join(gazette_content::folder::REDIRECTS);
        std::fs::write(&path, json + "\n").map_err(|error| ImportError::file(&path, error))?;
    }
    if prune {
        for entry in std::fs::read_dir(&posts_folder)
            .map_err(|error| ImportError::file(&posts_folder, error))?
            .flatten()
        {
            let path = entry.path();
            let stem = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .unwrap_or("");
            if !slugs.contains(stem) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let site_file = args.to.join("site.json");
    // A CMS has no membership block: the one written first is the owner's to
    // edit, and kept. A Gazette API's site is the site.
    let wrote_site = !site_file.exists() || args.cms == Cms::Gazette;
    if wrote_site && args.cms != Cms::Gazette {
        // Polylang's or Ghost's languages: an edition for each.
        site.languages = languages_of(&site.lang, ready.iter().map(|(article, _)| article));
    }
    if wrote_site {
        let json = serde_json::to_string_pretty(&site)?;
        std::fs::write(&site_file, json + "\n")
            .map_err(|error| ImportError::file(&site_file, error))?;
        if args.cms != Cms::Gazette {
            report.push("site.json written: edit its membership block".to_owned());
        }
    }
    let mut summary = format!(
        "imported {written} posts from {base} into {}{}",
        args.to.display(),
        if args.images {
            format!(", {pictures} pictures")
        } else {
            String::new()
        }
    );
    for line in report {
        summary.push_str("\n  ");
        summary.push_str(&line);
    }
    Ok(summary)
}

/// Adds what a CMS says of tags and authors to the folder's `terms.json`,
/// keeping every entry already there (the owner's to edit); says how many
/// it added, when any.
fn write_terms(folder: &Path, new: TermsFile) -> Result<Option<String>, ImportError> {
    let path = folder.join(TERMS_FILE);
    let mut terms: TermsFile = match std::fs::read_to_string(&path) {
        Ok(text) => {
            serde_json::from_str(&text).map_err(|error| ImportError::file(&path, error.into()))?
        }
        Err(_) => TermsFile::default(),
    };
    let before = terms.tags.len() + terms.authors.len();
    terms.add_new(new);
    let added = terms.tags.len() + terms.authors.len() - before;
    if added == 0 {
        return Ok(None);
    }
    let json = serde_json::to_string_pretty(&terms)?;
    std::fs::write(&path, json + "\n").map_err(|error| ImportError::file(&path, error))?;
    Ok(Some(format!(
        "{TERMS_FILE}: {added} tag or author description(s) added"
    )))
}

struct Reader<'a> {
    client: &'a reqwest::Client,
    base: &'a str,
    key: Option<&'a str>,
}

impl Reader<'_> {
    async fn get(&self, url: &str) -> Result<(Value, Option<u32>), ImportError> {
        let response = self
            .client
            .get(url)
            .send()
            .await
            .map_err(|error| ImportError::Request {
                url: url.to_owned(),
                error,
            })?;
        if !response.status().is_success() {
            return Err(ImportError::Status {
                url: url.to_owned(),
                status: response.status(),
            });
        }
        let total_pages = response
            .headers()
            .get("x-wp-totalpages")
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.parse().ok());
        let value = response
            .json()
            .await
            .map_err(|error| ImportError::NotJson {
                url: url.to_owned(),
                error,
            })?;
        Ok((value, total_pages))
    }

    fn ghost_key(&self) -> Result<&str, ImportError> {
        self.key.ok_or(ImportError::NoGhostKey)
    }

    /// The site's name, tagline and language, with a membership block to
    /// edit; a Gazette API's site as it is.
    async fn site(&self, cms: Cms) -> Result<Site, ImportError> {
        let (name, tagline, lang) = match cms {
            Cms::Gazette => {
                let url = format!("{}/site", self.base);
                let (site, _) = self.get(&url).await?;
                let site: Site = serde_json::from_value(site).map_err(|error| {
                    ImportError::not_contract(&url, "the contract's site", error)
                })?;
                gazette_api::content::check_site(&site).map_err(|error| ImportError::Invalid {
                    url: url.clone(),
                    path: error.path,
                    message: error.message,
                })?;
                return Ok(site);
            }
            Cms::Wordpress => {
                let (root, _) = self.get(&format!("{}/wp-json", self.base)).await?;
                let text = |key: &str| root.get(key).and_then(Value::as_str).map(crate::html::text);
                (text("name"), text("description"), None)
            }
            Cms::Ghost => {
                let url = format!(
                    "{}/ghost/api/content/settings/?key={}",
                    self.base,
                    self.ghost_key()?
                );
                let (settings, _) = self.get(&url).await?;
                let text = |key: &str| {
                    settings
                        .pointer(&format!("/settings/{key}"))
                        .and_then(Value::as_str)
                        .map(str::to_owned)
                };
                (text("title"), text("description"), text("lang"))
            }
        };
        let name = name.unwrap_or_else(|| self.base.to_owned());
        Ok(Site {
            tagline: tagline.unwrap_or_default(),
            lang: lang.unwrap_or_else(|| "en".to_owned()),
            membership: Membership {
                title: format!("{name} membership"),
                heading: "Join us".to_owned(),
                text: "Become a member.".to_owned(),
                call_to_action: "Become a member".to_owned(),
                consent_text: format!(
                    "I agree that {name} may store my details to process my membership."
                ),
                privacy_url: Href::parse("/privacy"),
            },
            languages: Vec::new(),
            name,
            image: None,
        })
    }

    /// Every published post, page by page.
    async fn posts(&self, cms: Cms) -> Result<Vec<Value>, ImportError> {
        if cms == Cms::Gazette {
            return self.gazette_articles().await;
        }
        let mut posts = Vec::new();
        for page in 1..=MAX_PAGES {
            let url = match cms {
                Cms::Wordpress => format!(
                    "{}/wp-json/wp/v2/posts?per_page={PAGE}&page={page}&_embed=1",
                    self.base
                ),
                Cms::Ghost => format!(
                    "{}/ghost/api/content/posts/?key={}&include=authors,tags&formats=html&limit={PAGE}&page={page}",
                    self.base,
                    self.ghost_key()?
                ),
                Cms::Gazette => unreachable!("read by gazette_articles"),
            };
            let (answer, total_pages) = self.get(&url).await?;
            let (items, more) = match cms {
                Cms::Wordpress | Cms::Gazette => {
                    (answer, total_pages.is_some_and(|total| page < total))
                }
                Cms::Ghost => {
                    let more = answer
                        .pointer("/meta/pagination/next")
                        .is_some_and(|next| !next.is_null());
                    (answer.get("posts").cloned().unwrap_or(Value::Null), more)
                }
            };
            posts.extend(items.as_array().cloned().unwrap_or_default());
            if !more {
                break;
            }
        }
        Ok(posts)
    }

    /// A Gazette API's articles: the list page by page (its cursors), then
    /// each article, as `GET /posts/{slug}` sends it.
    async fn gazette_articles(&self) -> Result<Vec<Value>, ImportError> {
        let mut slugs = Vec::new();
        let mut cursor: Option<String> = None;
        for _ in 0..MAX_PAGES * 2 {
            let mut url = format!("{}/posts?limit={GAZETTE_PAGE}", self.base);
            if let Some(cursor) = &cursor {
                url.push_str(&format!("&cursor={}", encode_component(cursor)));
            }
            let (page, _) = self.get(&url).await?;
            let page: PostPage = serde_json::from_value(page).map_err(|error| {
                ImportError::not_contract(&url, "the contract's page of posts", error)
            })?;
            slugs.extend(page.items.into_iter().map(|post| post.slug));
            cursor = page.next_cursor;
            if cursor.is_none() {
                break;
            }
        }
        // The list names each post once, in one language; its other
        // versions are named by its `translations`.
        let mut articles = Vec::with_capacity(slugs.len());
        let mut seen: HashSet<String> = slugs.iter().cloned().collect();
        let mut next = 0;
        while let Some(slug) = slugs.get(next).cloned() {
            next += 1;
            let (article, _) = self
                .get(&format!("{}{}", self.base, article_path(&slug)))
                .await?;
            let versions = article.get("translations").and_then(Value::as_array);
            for version in versions.into_iter().flatten() {
                if let Some(slug) = version.get("slug").and_then(Value::as_str) {
                    if gazette_api::content::is_valid_slug(slug) && seen.insert(slug.to_owned()) {
                        slugs.push(slug.to_owned());
                    }
                }
            }
            articles.push(article);
        }
        Ok(articles)
    }
}

/// The languages of a site whose posts are in more than one: the site's
/// first, then each other by primary subtag, in the order first seen; none
/// for a site in one language.
fn languages_of<'a>(site_lang: &str, articles: impl Iterator<Item = &'a Article>) -> Vec<String> {
    let mut languages = vec![gazette_api::languages::primary(site_lang)];
    for article in articles {
        let language = gazette_api::languages::primary(&article.summary.lang);
        if !languages.contains(&language) {
            languages.push(language);
        }
    }
    match languages.len() {
        1 => Vec::new(),
        _ => languages,
    }
}

/// `slug`, or `slug-2`, `slug-3`… when it is taken.
fn unique(slug: &str, taken: &mut HashSet<String>) -> String {
    let mut candidate = slug.to_owned();
    let mut n = 2;
    while !taken.insert(candidate.clone()) {
        candidate = format!("{slug}-{n}");
        n += 1;
    }
    candidate
}

/// Downloads every picture of the article into `dir/images/` and points the
/// article at it; the server makes the variants. Returns how many.
async fn download_images(
    client: &reqwest::Client,
    article: &mut Article,
    dir: &Path,
) -> Result<usize, ImportError> {
    let folder = dir.join(gazette_content::pictures::FOLDER);
    std::fs::create_dir_all(&folder).map_err(|error| ImportError::file(&folder, error))?;
    let mut count = 0;
    for image in article.images_mut() {
        let Some(src) = image.src.clone().filter(|src| src.starts_with("http")) else {
            continue;
        };
        let name = picture_name(&src);
        let target = folder.join(&name);
        if !target.exists() {
            let response = client
                .get(src.as_str())
                .send()
                .await
                .and_then(reqwest::Response::error_for_status)
                .map_err(|error| ImportError::Request {
                    url: src.to_string(),
                    error,
                })?;
            let bytes = response
                .bytes()
                .await
                .map_err(|error| ImportError::Request {
                    url: src.to_string(),
                    error,
                })?;
            std::fs::write(&target, &bytes).map_err(|error| ImportError::file(&target, error))?;
        }
        *image = Image {
            src: ImageUrl::parse(&format!("/{}/{name}", gazette_content::pictures::FOLDER)),
            width: None,
            height: None,
            variants: Vec::new(),
            ..std::mem::take(image)
        };
        count += 1;
    }
    Ok(count)
}

/// A file name for a picture's URL: its last segment made safe, with a
/// short hash of the URL so that two `image.jpg` of different months differ.
fn picture_name(url: &str) -> String {
    use sha2::Digest;
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let last = path.rsplit('/').next().unwrap_or("image");
    let (stem, extension) = last.rsplit_once('.').unwrap_or((last, "jpg"));
    let hash = format!("{:x}", sha2::Sha256::digest(url.as_bytes()));
    format!(
        "{}-{}.{}",
        crate::text::slug(stem),
        &hash[..8],
        extension.to_ascii_lowercase()
    )
}
