//! Every string the UI shows, in one place, so that translations (Czech,
//! Ukrainian) can be added without touching components. English only for now.

use crate::{boot::BootError, error::FetchError};

/// The language of the UI strings, for `lang` on UI text inside content in
/// another language.
pub const UI_LANG: &str = "en";

/// A piece of UI text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Text {
    /// The skip link's label.
    SkipToContent,
    /// The main navigation's label.
    MainNavigation,
    /// Navigation: the front page.
    NavHome,
    /// Navigation: all posts.
    NavPosts,
    /// Navigation: the join form.
    NavJoin,
    /// Said while something loads.
    Loading,
    /// The retry button.
    Retry,
    /// The not-found page's heading.
    NotFoundTitle,
    /// The not-found page's explanation.
    NotFoundBody,
    /// A link to the list of all posts.
    SeeAllPosts,
    /// A link to the front page.
    BackHome,
    /// Heading of the error shown when the site cannot start.
    BootFailedTitle,
    /// The footer's credit line.
    PoweredBy,
    /// The label before a photo credit.
    PhotoCredit,
    /// Said while an article loads.
    LoadingArticle,
    /// Heading of the panel shown when an article cannot load.
    ArticleFailed,
    /// The recent-posts widget's heading.
    RecentPosts,
    /// The recent-posts widget's link to every post.
    SeeAll,
    /// Said when the recent-posts widget cannot load.
    RecentPostsFailed,
    /// Said when there are no posts at all.
    NoPostsYet,
    /// Heading of the panel shown when a list of posts cannot load.
    PostsFailed,
    /// The all-posts page's heading.
    AllPostsTitle,
    /// The button that loads the next page of posts.
    LoadMore,
    /// Said when a list link's position was refused and the list starts over.
    ListLinkOutdated,
    /// Join form: the name field's label.
    FieldName,
    /// Join form: the email field's label.
    FieldEmail,
    /// Join form: the organisation field's label.
    FieldOrganisation,
    /// Join form: the message field's label.
    FieldMessage,
    /// Join form: the honeypot's label, which people never see.
    HoneypotLabel,
    /// Join form: the submit button.
    SendApplication,
    /// Join form: the submit button while sending.
    Sending,
    /// Join form: said when a saved draft was restored.
    DraftRestored,
    /// Join form: the error summary's heading.
    CheckTheseFields,
    /// Join form: said when the browser is offline.
    OfflineWillRetry,
    /// Join form: heading of the panel shown when sending failed.
    ApplicationNotSent,
    /// Join form: the link to the privacy policy.
    PrivacyPolicy,
    /// The lightbox dialog's label.
    PhotoViewer,
    /// The lightbox's close button.
    Close,
    /// The lightbox's previous button.
    PreviousImage,
    /// The lightbox's next button.
    NextImage,
    /// The lightbox's button that copies the slide's link.
    CopyLink,
    /// Said after the link was copied.
    LinkCopied,
    /// The lightbox's zoom toggle.
    Zoom,
}

/// The English text of a [`Text`].
pub fn t(text: Text) -> &'static str {
    match text {
        Text::SkipToContent => "Skip to content",
        Text::MainNavigation => "Main",
        Text::NavHome => "Home",
        Text::NavPosts => "Posts",
        Text::NavJoin => "Join",
        Text::Loading => "Loading…",
        Text::Retry => "Retry",
        Text::NotFoundTitle => "Page not found",
        Text::NotFoundBody => {
            "There is nothing at this address. It may have moved, or the link may be mistyped."
        }
        Text::SeeAllPosts => "See all posts",
        Text::BackHome => "Back to the front page",
        Text::BootFailedTitle => "The site cannot start",
        Text::PoweredBy => "Published with Gazette",
        Text::PhotoCredit => "Photo:",
        Text::LoadingArticle => "Loading the article…",
        Text::ArticleFailed => "This article could not be loaded",
        Text::RecentPosts => "Recent posts",
        Text::SeeAll => "See all",
        Text::RecentPostsFailed => "Recent posts could not be loaded.",
        Text::NoPostsYet => "Nothing has been published yet.",
        Text::PostsFailed => "The posts could not be loaded",
        Text::AllPostsTitle => "All posts",
        Text::LoadMore => "Load more posts",
        Text::ListLinkOutdated => "That link pointed to a place in the list that no longer exists, so here are the newest posts.",
        Text::FieldName => "Name",
        Text::FieldEmail => "Email",
        Text::FieldOrganisation => "Organisation (optional)",
        Text::FieldMessage => "Message (optional)",
        Text::HoneypotLabel => "Leave this field empty",
        Text::SendApplication => "Send my application",
        Text::Sending => "Sending…",
        Text::DraftRestored => "We restored what you typed earlier.",
        Text::CheckTheseFields => "Please check these fields:",
        Text::OfflineWillRetry => "You are offline. Everything you typed is kept, and we will send it as soon as you are back online.",
        Text::ApplicationNotSent => "Your application was not sent",
        Text::PrivacyPolicy => "Privacy policy",
        Text::PhotoViewer => "Photo viewer",
        Text::Close => "Close",
        Text::PreviousImage => "Previous image",
        Text::NextImage => "Next image",
        Text::CopyLink => "Copy link",
        Text::LinkCopied => "Link copied",
        Text::Zoom => "Zoom",
    }
}

/// "3 min read".
pub fn minutes_to_read(minutes: u32) -> String {
    format!("{minutes} min read")
}

/// The message for one of a form field's error codes.
pub fn field_error(field: &str, code: &str) -> &'static str {
    match (field, code) {
        ("name", "required") => "Please enter your name.",
        ("email", "required") => "Please enter your email address.",
        ("email", "invalid_email") => "Please enter a valid email address, like name@example.com.",
        (_, "consent_required") => "Please tick this box to agree.",
        ("name", "too_long") => "Please use at most 100 characters.",
        ("email", "too_long") => "Please use at most 254 characters.",
        ("organisation", "too_long") => "Please use at most 200 characters.",
        ("message", "too_long") => "Please use at most 2,000 characters.",
        _ => "Please check this field.",
    }
}

/// "120 of 2,000 characters".
pub fn characters_used(used: usize, max: usize) -> String {
    format!("{used} of {max} characters")
}

/// "Image 3 of 7", then the caption: what the lightbox announces.
pub fn slide_status(number: usize, count: usize, caption: Option<&str>) -> String {
    match caption {
        Some(caption) => format!("Image {number} of {count}. {caption}"),
        None => format!("Image {number} of {count}"),
    }
}

/// The accessible name of a button that opens a photo.
pub fn open_photo(alt: &str) -> String {
    if alt.is_empty() {
        "Open photo".to_owned()
    } else {
        format!("Open photo: {alt}")
    }
}

/// The thank-you message after a successful application.
pub fn thanks(name: &str) -> String {
    format!("Thank you, {name}! We have received your application and will be in touch.")
}

/// How long to wait before trying again.
pub fn wait_before_retry(seconds: u32) -> String {
    format!("Too many attempts from your connection. You can send again in {seconds} seconds.")
}

/// A sentence that tells a visitor what went wrong with a request.
pub fn describe_fetch_error(error: &FetchError) -> String {
    match error {
        FetchError::Network(_) => {
            "We cannot reach the server. Check your connection, then retry.".to_owned()
        }
        FetchError::Timeout => {
            "The server is taking too long to answer (over 10 seconds). Please retry.".to_owned()
        }
        FetchError::NotFound => "We could not find what you asked for.".to_owned(),
        FetchError::Http { status, .. } if *status >= 500 => {
            format!("The server had a problem (error {status}). Please retry in a moment.")
        }
        FetchError::Http { status, .. } => {
            format!("The server refused the request (error {status}).")
        }
        FetchError::Decode(_) => {
            "The server sent something we cannot read. The details are in the browser console."
                .to_owned()
        }
        FetchError::Validation { .. } => "Some fields need attention.".to_owned(),
        FetchError::RateLimited {
            retry_after_secs: Some(seconds),
        } => format!("Too many attempts. Please wait {seconds} seconds and try again."),
        FetchError::RateLimited { .. } => {
            "Too many attempts. Please wait a little and try again.".to_owned()
        }
    }
}

/// A sentence that tells a visitor why the site could not start.
pub fn describe_boot_error(error: &BootError) -> String {
    match error {
        BootError::ConfigUnreadable(FetchError::NotFound) => {
            "The site's configuration file, config.json, is missing.".to_owned()
        }
        BootError::ConfigUnreadable(error) => {
            format!(
                "The site's configuration file, config.json, could not be loaded: {}",
                describe_fetch_error(error)
            )
        }
        BootError::ConfigInvalid(error) => format!("The site's configuration is invalid: {error}."),
        BootError::ApiUnreachable(error) => {
            format!(
                "We cannot reach the API that holds this site's content. {}",
                describe_fetch_error(error)
            )
        }
    }
}
