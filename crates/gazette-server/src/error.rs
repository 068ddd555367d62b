//! The server's errors outside a request (a request's are [`crate::http::Problem`]):
//! why it could not start, read the build, or write a static host's files.

use std::path::{Path, PathBuf};

/// A file or folder that could not be read or written.
#[derive(Debug, thiserror::Error)]
#[error("{}: {error}", path.display())]
pub struct FileError {
    pub path: PathBuf,
    pub error: std::io::Error,
}

impl FileError {
    /// For `map_err`: the error of an operation on `path`.
    pub fn at(path: &Path) -> impl FnOnce(std::io::Error) -> FileError + '_ {
        move |error| FileError {
            path: path.to_owned(),
            error,
        }
    }
}

/// Why the built app cannot be served.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    /// The build has no readable `index.html`.
    #[error("{}: {error} (build the app first: make build)", path.display())]
    NoIndex {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The build was made for another base path than the one served.
    #[error(
        "{} was built for the base path {}, but it is served under {expected} \
         (build it with make dist PUBLIC_URL={expected}, or pass --base-path {})",
        index.display(),
        built_for.as_deref().unwrap_or("(none)"),
        built_for.as_deref().unwrap_or("/")
    )]
    WrongBase {
        index: PathBuf,
        built_for: Option<String>,
        expected: String,
    },
}

/// Why `host-files` could not write the static host's files.
#[derive(Debug, thiserror::Error)]
pub enum HostFilesError {
    #[error(transparent)]
    Shell(#[from] ShellError),
    #[error(transparent)]
    File(#[from] FileError),
    #[error("invalid content: {0}")]
    Content(#[from] gazette_content::LoadError),
    #[error(transparent)]
    Picture(#[from] gazette_content::pictures::PictureError),
    #[error(transparent)]
    Search(#[from] gazette_search::SearchError),
}

/// A flag's value that is not one.
#[derive(Debug, thiserror::Error)]
pub enum FlagError {
    #[error("{0:?} is not wordpress=URL or ghost=URL")]
    NotASource(String),
    #[error("{0:?} is not a source: wordpress, ghost or gazette")]
    UnknownCms(String),
    #[error("{0:?} is not an http(s) address")]
    NotHttp(String),
    #[error("{0:?} is not a base path such as /news (letters, digits, - _ . ~ between slashes)")]
    NotABasePath(String),
}
