//! Pictures as people drop them into the content folder (`content/images/`,
//! JPEG, PNG or WebP, any size, straight from a phone): each gets its
//! intrinsic size read (after its EXIF orientation) and its responsive
//! variants made, WebP at the widths the app's `srcset` uses, once. The
//! variants are cached under names that carry a hash of the original, so a
//! changed picture gets new ones and every variant can be cached forever.
//!
//! A post names a picture by its path (`images/hall.jpg`, or
//! `/images/hall.jpg`); [`Pictures::fill`] gives it its size and variants.
//!
//! Long because reading, making, naming and caching the variants follow one
//! naming rule, kept in this one place. `images.rs` serves them.

use std::{
    collections::HashMap,
    path::{Path, PathBuf},
};

use gazette_api::{content::decode_component, Image, ImageUrl, ImageVariant};
use image::{imageops::FilterType, DynamicImage, ImageDecoder, ImageReader};
use sha2::{Digest, Sha256};

/// The widths of the variants: those the app's `srcset` is written for.
pub const WIDTHS: [u32; 3] = [480, 960, 1440];
/// The width an image's `src` has, for browsers that ignore `srcset`.
const DEFAULT_WIDTH: u32 = 960;
/// WebP quality: photographs stay clean at a third of JPEG's bytes.
const QUALITY: f32 = 80.0;
/// Where the originals are, in the content folder, and the site path they
/// are named by.
pub const FOLDER: &str = "images";

/// A picture made ready: its size and its variants' file names.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Prepared {
    width: u32,
    height: u32,
    /// The file that remembers the original's size, beside the variants.
    size_file: String,
    /// Width and file name, narrowest first.
    variants: Vec<(u32, String)>,
}

/// Every picture of a content folder, ready.
#[derive(Debug, Default)]
pub struct Pictures {
    cache: PathBuf,
    by_name: HashMap<String, Prepared>,
}

impl Pictures {
    /// Reads `content/images/`, making the variants that are missing from
    /// `content/.cache/images/` and deleting those no picture needs any more.
    /// A folder without `images/` has no pictures.
    pub fn prepare(content: &Path) -> Result<Pictures, PictureError> {
        let originals = content.join(FOLDER);
        let cache = content.join(".cache").join(FOLDER);
        let mut pictures = Pictures {
            cache: cache.clone(),
            by_name: HashMap::new(),
        };
        let Ok(entries) = std::fs::read_dir(&originals) else {
            return Ok(pictures);
        };
        std::fs::create_dir_all(&cache).map_err(|error| PictureError::io(&cache, error))?;
        let mut paths: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| is_picture(path))
            .collect();
        paths.sort();
        for path in paths {
            let name = file_name(&path).to_owned();
            let prepared = prepare_one(&path, &cache)?;
            pictures.by_name.insert(name, prepared);
        }
        pictures.remove_stale();
        Ok(pictures)
    }

    /// Where the variants are: served at `/images/`.
    pub fn cache(&self) -> &Path {
        &self.cache
    }

    /// The variants' file names, for a static build to copy.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.by_name
            .values()
            .flat_map(|prepared| prepared.variants.iter().map(|(_, file)| file.as_str()))
    }

    /// Gives an image that names a picture of the folder (`/images/hall.jpg`)
    /// its size and variants, under `base_path`; other images stay as written.
    /// A query on the path (`?v=2`) is kept on every variant's URL.
    pub fn fill(&self, image: &mut Image, base_path: &str) {
        let Some(src) = image.src.as_deref() else {
            return;
        };
        let (path, query) = match src.split_once('?') {
            Some((path, query)) => (path, format!("?{query}")),
            None => (src, String::new()),
        };
        // `Hall%20photo.jpg` in the post is the file `Hall photo.jpg`.
        let name = path
            .strip_prefix(&format!("/{FOLDER}/"))
            .and_then(decode_component);
        let Some(prepared) = name.and_then(|name| self.by_name.get(&name)) else {
            return;
        };
        // The variants' file names are made URL-safe when they are written.
        let url = |file: &str| ImageUrl::parse(&format!("{base_path}/{FOLDER}/{file}{query}"));
        let default = prepared
            .variants
            .iter()
            .rev()
            .find(|(width, _)| *width <= DEFAULT_WIDTH)
            .or(prepared.variants.first());
        if let Some((_, file)) = default {
            image.src = url(file).or(image.src.take());
        }
        image.width = Some(prepared.width);
        image.height = Some(prepared.height);
        image.variants = prepared
            .variants
            .iter()
            .filter_map(|(width, file)| {
                Some(ImageVariant {
                    src: url(file)?,
                    width: *width,
                })
            })
            .collect();
    }

    fn remove_stale(&self) {
        let sizes = self
            .by_name
            .values()
            .map(|prepared| prepared.size_file.as_str());
        let wanted: std::collections::HashSet<&str> = self.files().chain(sizes).collect();
        let Ok(entries) = std::fs::read_dir(&self.cache) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if !wanted.contains(file_name(&path)) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// The picture the app's icons are made from: `icon.png` (or `.jpg`,
/// `.jpeg`, `.webp`) in the content folder, else the site's own picture
/// (`site.json`'s `image`, one of `images/`), else none.
pub fn icon_source(content: &Path) -> Option<PathBuf> {
    let own = ["png", "jpg", "jpeg", "webp"]
        .iter()
        .map(|ext| content.join(format!("icon.{ext}")))
        .find(|path| path.is_file());
    own.or_else(|| {
        let site: serde_json::Value =
            serde_json::from_slice(&std::fs::read(content.join("site.json")).ok()?).ok()?;
        let name = site["image"]["src"]
            .as_str()?
            .split('?')
            .next()?
            .strip_prefix(&format!("/{FOLDER}/"))
            .and_then(decode_component)?;
        let path = content.join(FOLDER).join(name);
        (is_picture(&path) && path.is_file()).then_some(path)
    })
}

/// A square icon `size` pixels wide from `source`: its largest centred
/// square, resized, as PNG.
pub fn app_icon(source: &Path, size: u32) -> Result<Vec<u8>, PictureError> {
    let decode = |error| PictureError::Decode {
        path: source.to_owned(),
        error,
    };
    let picture = ImageReader::open(source)
        .map_err(|error| PictureError::io(source, error))?
        .with_guessed_format()
        .map_err(|error| PictureError::io(source, error))?
        .decode()
        .map_err(decode)?;
    let side = picture.width().min(picture.height());
    let square = picture.crop_imm(
        (picture.width() - side) / 2,
        (picture.height() - side) / 2,
        side,
        side,
    );
    let icon = square
        .resize_exact(size, size, FilterType::Lanczos3)
        .to_rgba8();
    let mut png = Vec::new();
    icon.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .map_err(decode)?;
    Ok(png)
}

fn is_picture(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| {
            ["jpg", "jpeg", "png", "webp"]
                .iter()
                .any(|known| ext.eq_ignore_ascii_case(known))
        })
}

fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("")
}

/// The variants one original needs: each of [`WIDTHS`] it is at least as
/// wide as, or its own width when it is narrower than all of them.
pub fn variant_widths(width: u32) -> Vec<u32> {
    let widths: Vec<u32> = WIDTHS.into_iter().filter(|w| *w <= width).collect();
    if widths.is_empty() {
        vec![width]
    } else {
        widths
    }
}

/// Reads one original and makes the variants it lacks. The size is read from
/// the decoded picture, turned upright; a variant is written under a
/// temporary name and renamed, so that two servers starting at once never
/// see half a file.
fn prepare_one(path: &Path, cache: &Path) -> Result<Prepared, PictureError> {
    let failed = |error| PictureError::io(path, error);
    let bytes = std::fs::read(path).map_err(failed)?;
    let hash = format!("{:x}", Sha256::digest(&bytes));
    let stem = path
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or("image");
    let stem: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut picture: Option<DynamicImage> = None;
    let upright = |picture: &mut Option<DynamicImage>| -> Result<DynamicImage, PictureError> {
        if let Some(picture) = picture {
            return Ok(picture.clone());
        }
        let decoded = decode_upright(&bytes).map_err(|error| PictureError::Decode {
            path: path.to_owned(),
            error,
        })?;
        *picture = Some(decoded.clone());
        Ok(decoded)
    };
    let size_name = format!("{stem}-{}.size", &hash[..12]);
    let size_file = cache.join(&size_name);
    let (width, height) = match std::fs::read_to_string(&size_file).ok().and_then(|text| {
        text.trim()
            .split_once('x')
            .map(|(w, h)| (w.parse(), h.parse()))
    }) {
        Some((Ok(width), Ok(height))) => (width, height),
        _ => {
            let decoded = upright(&mut picture)?;
            let size = (decoded.width(), decoded.height());
            write_atomically(&size_file, format!("{}x{}", size.0, size.1).as_bytes())
                .map_err(failed)?;
            size
        }
    };
    let mut variants = Vec::new();
    let mut largest = (width, height);
    for variant_width in variant_widths(width) {
        let file = format!("{stem}-{variant_width}-{}.webp", &hash[..12]);
        let target = cache.join(&file);
        let variant_height = ((u64::from(height) * u64::from(variant_width) + u64::from(width) / 2)
            / u64::from(width.max(1))) as u32;
        if !target.exists() && variant_width == width && is_webp(&bytes) {
            // Already WebP at this width: kept as it is, not encoded again.
            write_atomically(&target, &bytes).map_err(failed)?;
        } else if !target.exists() {
            let resized = upright(&mut picture)?.resize_exact(
                variant_width,
                variant_height.max(1),
                FilterType::Lanczos3,
            );
            let encoded = webp::Encoder::from_image(&resized)
                .map_err(|error| PictureError::Encode {
                    path: path.to_owned(),
                    message: error.to_owned(),
                })?
                .encode(QUALITY);
            write_atomically(&target, &encoded).map_err(failed)?;
        }
        largest = (variant_width, variant_height.max(1));
        variants.push((variant_width, file));
    }
    Ok(Prepared {
        width: largest.0,
        height: largest.1,
        size_file: size_name,
        variants,
    })
}

/// Why a picture's variants could not be made.
#[derive(Debug, thiserror::Error)]
pub enum PictureError {
    /// A file or folder could not be read or written.
    #[error("{}: {error}", path.display())]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The file is no picture the server can read.
    #[error("{}: {error}", path.display())]
    Decode {
        path: PathBuf,
        error: image::ImageError,
    },
    /// The WebP encoder refused the picture.
    #[error("{}: {message}", path.display())]
    Encode { path: PathBuf, message: String },
}

impl PictureError {
    fn io(path: &Path, error: std::io::Error) -> PictureError {
        PictureError::Io {
            path: path.to_owned(),
            error,
        }
    }
}

fn is_webp(bytes: &[u8]) -> bool {
    bytes.len() > 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP"
}

/// Decodes a picture and applies its EXIF orientation.
fn decode_upright(bytes: &[u8]) -> image::ImageResult<DynamicImage> {
    let mut decoder = ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()?
        .into_decoder()?;
    let orientation = decoder.orientation()?;
    let mut picture = DynamicImage::from_decoder(decoder)?;
    picture.apply_orientation(orientation);
    // WebP is 8-bit RGB(A).
    Ok(if picture.color().has_alpha() {
        DynamicImage::ImageRgba8(picture.to_rgba8())
    } else {
        DynamicImage::ImageRgb8(picture.to_rgb8())
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = path.with_extension(format!("partial-{}", std::process::id()));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write_png(path: &Path, width: u32, height: u32) {
        image::RgbImage::from_fn(width, height, |x, _| {
            if x < width / 2 {
                image::Rgb([255, 0, 0])
            } else {
                image::Rgb([0, 0, 255])
            }
        })
        .save(path)
        .unwrap();
    }

    #[test]
    fn icons_come_from_icon_png_else_the_sites_picture_centred_and_square() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path();
        assert_eq!(icon_source(content), None);
        std::fs::create_dir(content.join(FOLDER)).unwrap();
        write_png(&content.join(FOLDER).join("Hall photo.png"), 300, 200);
        std::fs::write(
            content.join("site.json"),
            r#"{"image": {"src": "/images/Hall%20photo.png?v=2"}}"#,
        )
        .unwrap();
        assert_eq!(
            icon_source(content),
            Some(content.join(FOLDER).join("Hall photo.png"))
        );
        write_png(&content.join("icon.png"), 64, 64);
        assert_eq!(icon_source(content), Some(content.join("icon.png")));

        let png = app_icon(&content.join(FOLDER).join("Hall photo.png"), 192).unwrap();
        let icon = image::load_from_memory(&png).unwrap().to_rgb8();
        assert_eq!(icon.dimensions(), (192, 192));
        // The centred square: red on the left half, blue on the right.
        assert_eq!(icon.get_pixel(10, 96).0, [255, 0, 0]);
        assert_eq!(icon.get_pixel(181, 96).0, [0, 0, 255]);
    }

    #[test]
    fn variants_are_the_srcset_widths_a_picture_reaches() {
        assert_eq!(variant_widths(4000), [480, 960, 1440]);
        assert_eq!(variant_widths(1000), [480, 960]);
        assert_eq!(variant_widths(300), [300]);
    }

    fn write_jpeg(path: &Path, width: u32, height: u32) {
        let picture = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 128])
        });
        picture.save(path).unwrap();
    }

    #[test]
    fn a_dropped_picture_gets_its_size_and_variants_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("images")).unwrap();
        write_jpeg(&dir.path().join("images/Hall photo.jpg"), 2000, 1500);
        let pictures = Pictures::prepare(dir.path()).unwrap();
        let mut image = Image {
            src: "/images/Hall%20photo.jpg".parse().ok(),
            alt: "A hall".into(),
            ..Image::default()
        };
        pictures.fill(&mut image, "/news");
        assert_eq!((image.width, image.height), (Some(1440), Some(1080)));
        let widths: Vec<u32> = image.variants.iter().map(|v| v.width).collect();
        assert_eq!(widths, [480, 960, 1440]);
        let src = image.src.as_deref().unwrap();
        assert!(src.starts_with("/news/images/Hall-photo-960-"), "{src}");
        for variant in &image.variants {
            let file = pictures
                .cache()
                .join(variant.src.trim_start_matches("/news/images/"));
            let (w, _) = image::image_dimensions(&file).unwrap();
            assert_eq!(w, variant.width);
        }
        // Made once: a second start finds them and changes nothing.
        let first = std::fs::metadata(
            pictures
                .cache()
                .join(image.variants[0].src.trim_start_matches("/news/images/")),
        )
        .unwrap()
        .modified()
        .unwrap();
        let again = Pictures::prepare(dir.path()).unwrap();
        let mut same = Image {
            src: "/images/Hall%20photo.jpg".parse().ok(),
            ..Image::default()
        };
        again.fill(&mut same, "/news");
        assert_eq!(same.variants, image.variants);
        let second = std::fs::metadata(
            again
                .cache()
                .join(image.variants[0].src.trim_start_matches("/news/images/")),
        )
        .unwrap()
        .modified()
        .unwrap();
        assert_eq!(first, second);
    }

    #[test]
    fn an_image_elsewhere_is_left_as_written() {
        let pictures = Pictures::default();
        let mut image = Image {
            src: "https://cdn.example.org/a.jpg".parse().ok(),
            ..Image::default()
        };
        pictures.fill(&mut image, "");
        assert_eq!(image.src.as_deref(), Some("https://cdn.example.org/a.jpg"));
        assert!(image.variants.is_empty());
    }
}
