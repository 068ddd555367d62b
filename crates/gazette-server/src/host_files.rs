//! `gazette-server host-files --dist dist`: what a static host needs beside a
//! build, written from the rules this server applies itself, so that the two
//! cannot drift.
//!
//! - `404.html`: the app's shell, with no page of its own: GitHub Pages
//!   serves it for unknown paths, so a deep link boots the app, whose router
//!   reads the address.
//! - `_redirects` (Netlify, Cloudflare Pages): every path that is not a file is
//!   the app's shell, `404.html` (not `index.html`, which may be the front
//!   page, prerendered).
//! - `_headers` (Netlify, Cloudflare Pages): the CSP with the hashes of the
//!   inline loader script, the other security headers, each file's cache rule
//!   where it is not the host's default, and CORS on the files other sites
//!   load (the embed bundle).
//! - The variants of the content's pictures (`content/images/`), in
//!   `images/`, as the API names them.
//! - The search index of the content, in `pagefind/`.
//! - The web app manifest (`manifest.webmanifest`, which every page links
//!   to), with the site's name, the stylesheet's colours (or config.json's
//!   accent) and icons of 192 and 512 px made from one picture
//!   (`content/icon.png`, else the site's picture).
//! - The service worker, `sw.js`: Trunk copies its template (`js/sw.js`),
//!   and this names the build's app shell in its first line, with a version
//!   made from those files' bytes, so that every changed build is a new
//!   worker and no list is kept by hand.
//! - With `--site-url`: the feed, the sitemap, `robots.txt`, a page per
//!   article with its head and its prerendered body (`posts/<slug>.html`),
//!   the front page prerendered in `index.html`, and the site's head in
//!   `404.html`, from the content folder (`--content`).

use std::path::Path;

use gazette_content::{
    pictures::{self, Pictures},
    Content,
};
use gazette_render::{manifest, SiteUrl};

use crate::{
    assets::AppShell,
    discovery::Discovery,
    error::{FileError, HostFilesError},
    http::{self, security},
};

/// What `host-files` is told: the build, the CSP's sources, and where the
/// content and the public address are, for the crawlers' files.
pub struct HostFilesOptions<'a> {
    pub dist: &'a Path,
    pub api_origins: &'a [String],
    pub frame_ancestors: &'a str,
    pub content: &'a Path,
    pub site_url: Option<&'a SiteUrl>,
}

/// Copies the variants of the content's pictures into `dist/images/`
/// (making those missing first); returns how many.
fn copy_pictures(content: &Path, dist: &Path) -> Result<usize, HostFilesError> {
    let pictures = Pictures::prepare(content)?;
    let target = dist.join(pictures::FOLDER);
    let mut count = 0;
    for file in pictures.files() {
        std::fs::create_dir_all(&target).map_err(FileError::at(&target))?;
        let copy = target.join(file);
        std::fs::copy(pictures.cache().join(file), &copy).map_err(FileError::at(&copy))?;
        count += 1;
    }
    Ok(count)
}

/// Writes the search index of the content folder into `dist/pagefind/`;
/// returns how many posts it holds.
async fn write_search_index(content: &Content, dist: &Path) -> Result<usize, HostFilesError> {
    let index = gazette_search::build(content).await?;
    let folder = dist.join(gazette_search::SEARCH_DIR);
    // A previous build's chunks would be served beside the new ones.
    if folder.exists() {
        std::fs::remove_dir_all(&folder).map_err(FileError::at(&folder))?;
    }
    for (name, bytes) in index.iter() {
        let path = folder.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(FileError::at(parent))?;
        }
        std::fs::write(&path, bytes).map_err(FileError::at(&path))?;
    }
    Ok(index.posts)
}

/// The build's colours: its stylesheet's (the one `index.html` links), with
/// config.json's `theme.accent`, which the app applies, in place of the
/// stylesheet's accent.
fn build_colours(dist: &Path, index_html: &str) -> Option<manifest::Colours> {
    let stylesheet = index_html
        .split(['"', ' ', '=', '>', '/'])
        .find(|word| word.starts_with("app-") && word.ends_with(".css"))?;
    let css = std::fs::read_to_string(dist.join(stylesheet)).ok()?;
    let mut colours = manifest::Colours::from_stylesheet(&css)?;
    let accent = std::fs::read(dist.join("config.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|config| config["theme"]["accent"].as_str().map(str::to_owned));
    if let Some(accent) = accent {
        // The same reading as the stylesheet's: a plain colour or nothing.
        if let Some(plain) = manifest::Colours::from_stylesheet(&format!(
            "--gazette-accent:{accent};--color-bg:{}",
            colours.background
        )) {
            colours.theme = plain.theme;
        }
    }
    Some(colours)
}

/// Writes the manifest and its icons into the build; returns how many icons
/// (none when the content has no picture to make them from).
fn write_manifest(
    dist: &Path,
    content_dir: &Path,
    content: &Content,
    base: &str,
    index_html: &str,
) -> Result<usize, HostFilesError> {
    let colours = build_colours(dist, index_html).unwrap_or(manifest::Colours {
        theme: "#ffffff".to_owned(),
        background: "#ffffff".to_owned(),
    });
    let mut icons = 0;
    if let Some(source) = pictures::icon_source(content_dir) {
        for size in manifest::ICON_SIZES {
            let path = dist.join(manifest::icon_file(size));
            std::fs::write(&path, pictures::app_icon(&source, size)?)
                .map_err(FileError::at(&path))?;
            icons += 1;
        }
    }
    let text = manifest::web_manifest(content.site_value(), base, &colours, icons > 0);
    let path = dist.join(manifest::FILE);
    std::fs::write(&path, text).map_err(FileError::at(&path))?;
    Ok(icons)
}

/// The service worker's file, and the line that names its build.
const SERVICE_WORKER: &str = "sw.js";
const BUILD_LINE: &str = "const GAZETTE_BUILD = ";

/// Whether a file of the build's top folder is part of the app shell that
/// the service worker keeps: what the app needs to start and to open each
/// of its pages (the loader, the wasm and every chunk, the stylesheet),
/// the bare shell and `config.json`, and what installing it shows. Not the
/// embed bundle (other sites' pages), pages, pictures or the search index.
fn in_app_shell(name: &str) -> bool {
    matches!(
        name,
        "404.html" | "config.json" | "offline.js" | manifest::FILE
    ) || manifest::ICON_SIZES
        .iter()
        .any(|size| name == manifest::icon_file(*size))
        || (http::is_hashed_asset(name) && !name.starts_with("gazette-embed"))
}

/// Names the build in `sw.js`'s first line; returns how many files its
/// shell holds, or `None` when the build has no service worker.
fn write_service_worker(dist: &Path) -> Result<Option<usize>, HostFilesError> {
    use sha2::Digest;
    let path = dist.join(SERVICE_WORKER);
    let Ok(template) = std::fs::read_to_string(&path) else {
        return Ok(None);
    };
    // host-files may run again over a build: its own line goes first.
    let template = match template.strip_prefix(BUILD_LINE) {
        Some(rest) => rest
            .split_once('\n')
            .map_or("", |(_, body)| body)
            .to_owned(),
        None => template,
    };
    let mut files: Vec<String> = std::fs::read_dir(dist)
        .map_err(FileError::at(dist))?
        .filter_map(Result::ok)
        .filter(|entry| entry.path().is_file())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| in_app_shell(name))
        .collect();
    files.sort();
    let mut hasher = sha2::Sha256::new();
    for name in &files {
        let file = dist.join(name);
        hasher.update(name.as_bytes());
        hasher.update(std::fs::read(&file).map_err(FileError::at(&file))?);
    }
    let version: String = format!("{:x}", hasher.finalize())[..16].to_owned();
    let build = serde_json::json!({ "version": version, "files": files });
    std::fs::write(&path, format!("{BUILD_LINE}{build};\n{template}"))
        .map_err(FileError::at(&path))?;
    Ok(Some(files.len()))
}

/// Writes `404.html`, `_redirects` and `_headers` into the build; returns a
/// line that says what was written.
pub async fn write(options: &HostFilesOptions<'_>) -> Result<String, HostFilesError> {
    let dist = options.dist;
    let shell = AppShell::read(dist)?;
    let base = shell.base_href().unwrap_or("/").to_owned();
    let written = |name: &str, text: &str| {
        let path = dist.join(name);
        std::fs::write(&path, text).map_err(FileError::at(&path))
    };
    // Old slugs first: the first rule that matches wins.
    let mut redirects = String::new();
    let mut moved: Vec<(String, String)> = gazette_content::folder::read_redirects(options.content)
        .unwrap_or_default()
        .into_iter()
        .collect();
    moved.sort();
    for (old, now) in moved {
        redirects.push_str(&format!("{base}posts/{old}    {base}posts/{now}   301\n"));
    }
    redirects.push_str(&format!("{base}*    {base}404.html   200\n"));
    written("_redirects", &redirects)?;
    let content = gazette_content::load(options.content, base.trim_end_matches('/'))?;
    let searchable = write_search_index(&content, dist).await?;
    let icons = write_manifest(dist, options.content, &content, &base, shell.index_html())?;
    let crawlers = match options.site_url {
        Some(site_url) => {
            let discovery =
                Discovery::new(gazette_content::Current::new(content), site_url.clone());
            let count = discovery.write_into(dist, shell.index_html(), shell.settings())?;
            format!("; {count} files for crawlers and feed readers")
        }
        None => {
            // Without a site URL, no page has a head of its own to write.
            written("404.html", shell.index_html())?;
            "; no feed, sitemap or article pages (give --site-url)".to_owned()
        }
    };
    let pictures = copy_pictures(options.content, dist)?;
    let worker = match write_service_worker(dist)? {
        Some(files) => format!(", a service worker keeping {files} files"),
        None => String::new(),
    };
    let csp = security::content_security_policy(
        shell.inline_script_hashes(),
        options.api_origins,
        options.frame_ancestors,
        shell
            .settings()
            .is_some_and(|settings| settings.play_embeds),
    );
    let mut files = Vec::new();
    list_files(dist, "", &mut files)?;
    files.sort();
    let headers = headers_file(&base, &csp, &files);
    written("_headers", &headers)?;
    Ok(format!(
        "host files: 404.html, _redirects, _headers ({} rules), {pictures} picture variants, \
         a search index of {searchable} posts, the app's manifest with {icons} icons{worker} in {}{crawlers}",
        headers
            .lines()
            .filter(|line| !line.starts_with(' '))
            .count(),
        dist.display()
    ))
}

/// The `_headers` text for the build's files (paths relative to it).
fn headers_file(base: &str, csp: &str, files: &[String]) -> String {
    let mut text = format!("{base}*\n  Content-Security-Policy: {csp}\n");
    for (name, value) in security::FIXED_HEADERS {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    for file in files {
        let rule = http::cache_rule(&format!("/{file}"));
        // The host's own default (a short cache) needs no rule.
        if rule == http::SHORT_CACHE {
            continue;
        }
        text.push_str(&format!("{base}{file}\n  Cache-Control: {rule}\n"));
        if !file.ends_with(".html") {
            text.push_str("  Access-Control-Allow-Origin: *\n");
        }
    }
    text
}

/// Every file under `dir`, as a path relative to the build.
fn list_files(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result<(), FileError> {
    let entries = std::fs::read_dir(dir).map_err(FileError::at(dir))?;
    for entry in entries {
        let entry = entry.map_err(FileError::at(dir))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = format!("{prefix}{name}");
        if entry.path().is_dir() {
            list_files(&entry.path(), &format!("{path}/"), out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_keeps_the_app_shell_and_a_version_of_its_bytes() {
        let dist = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| std::fs::write(dist.path().join(name), text).unwrap();
        for name in [
            "404.html",
            "config.json",
            "gazette-0123456789abcdef.js",
            "gazette-0123456789abcdef_bg.wasm",
            "gazette-chunk-join-0123456789abcdef.wasm",
            "app-0123456789abcdef.css",
            "icon-192.png",
            "gazette-embed-join-form-0123456789abcdef_bg.wasm",
            "feed.xml",
            "index.html",
        ] {
            write(name, name);
        }
        write(
            SERVICE_WORKER,
            "self.addEventListener('fetch', () => {});\n",
        );
        assert_eq!(write_service_worker(dist.path()).unwrap(), Some(7));
        let first = std::fs::read_to_string(dist.path().join(SERVICE_WORKER)).unwrap();
        let (line, body) = first.split_once('\n').unwrap();
        assert!(line.starts_with(BUILD_LINE), "{line}");
        assert!(line.contains("\"gazette-chunk-join-0123456789abcdef.wasm\""));
        assert!(
            !line.contains("embed") && !line.contains("feed.xml") && !line.contains("index.html")
        );
        assert_eq!(body, "self.addEventListener('fetch', () => {});\n");
        // Again over the same build: the same file; a changed file: a new version.
        write_service_worker(dist.path()).unwrap();
        assert_eq!(
            std::fs::read_to_string(dist.path().join(SERVICE_WORKER)).unwrap(),
            first
        );
        write("config.json", "{\"offline\": false}");
        write_service_worker(dist.path()).unwrap();
        let second = std::fs::read_to_string(dist.path().join(SERVICE_WORKER)).unwrap();
        assert_ne!(second.lines().next(), first.lines().next());
        assert_eq!(second.matches(BUILD_LINE).count(), 1);
    }

    #[test]
    fn the_rules_follow_the_servers() {
        let files = [
            "config.json",
            "embed.js",
            "gazette-0123456789abcdef_bg.wasm",
            "images/photo-640.webp",
            "index.html",
        ]
        .map(String::from);
        let text = headers_file("/news/", "default-src 'self'", &files);
        assert!(text.starts_with(
            "/news/*\n  Content-Security-Policy: default-src 'self'\n  x-content-type-options: nosniff\n"
        ));
        assert!(text.contains(
            "/news/gazette-0123456789abcdef_bg.wasm\n  Cache-Control: public, max-age=31536000, immutable\n  Access-Control-Allow-Origin: *\n"
        ));
        assert!(text.contains(
            "/news/embed.js\n  Cache-Control: no-cache\n  Access-Control-Allow-Origin: *\n"
        ));
        assert!(text.contains("/news/index.html\n  Cache-Control: no-cache\n"));
        assert!(!text.contains("/news/index.html\n  Cache-Control: no-cache\n  Access"));
        assert!(
            !text.contains("photo-640"),
            "images keep the host's default"
        );
    }
}
