//! The custom elements' content: `<gazette-recent-posts>` and
//! `<gazette-join-form>` on another site, each in its own shadow root.

use gazette_api::markup::class;
use leptos::prelude::*;

use crate::{
    api::ApiClient,
    components::{error_panel::ErrorPanel, recent_posts::RecentPosts},
    embed::{
        options::{WidgetAttributes, WidgetOptions},
        Embedded,
    },
    i18n::{describe_fetch_error, t, Text},
    join::membership_form::{Heading, MembershipForm},
    load::Load,
};

/// A custom element: its tag and what it shows. The content is a plain
/// function, named only where the kind is, so that an embed bundle built for
/// one widget (crates/gazette-embed's features) links in that widget's code
/// only.
#[derive(Clone, Copy)]
pub struct WidgetKind {
    /// The element's tag name.
    pub tag: &'static str,
    content: fn(&WidgetOptions) -> AnyView,
}

impl WidgetKind {
    /// `<gazette-recent-posts>`.
    pub const RECENT_POSTS: WidgetKind = WidgetKind {
        tag: "gazette-recent-posts",
        content: |options| view! { <RecentPosts limit=options.limit/> }.into_any(),
    };
    /// `<gazette-join-form>`.
    pub const JOIN_FORM: WidgetKind = WidgetKind {
        tag: "gazette-join-form",
        content: |_| view! { <JoinFormWidget/> }.into_any(),
    };
}

/// One custom element's content, in the `.gazette-widget` box that resets
/// what the host page's styles would otherwise pass on by inheritance. An
/// unusable attribute is named in the box.
#[component]
pub fn Widget(kind: WidgetKind, attributes: WidgetAttributes) -> impl IntoView {
    let options =
        match WidgetOptions::from_attributes(&attributes) {
            Ok(options) => options,
            Err(error) => return view! {
                <div class="gazette-widget" lang="en">
                    <p class="compact-error" role="alert">{format!("<{}>: {error}.", kind.tag)}</p>
                </div>
            }
            .into_any(),
        };
    provide_context(options.lang);
    provide_context(ApiClient::new(options.api_base.clone()));
    provide_context(Embedded {
        site: options.site.clone(),
        target: None,
    });
    let lang = options.lang.code();
    let content = (kind.content)(&options);
    view! { <div class="gazette-widget" lang=lang>{content}</div> }.into_any()
}

/// The join form under the site's membership heading, which comes from the API.
#[component]
fn JoinFormWidget() -> impl IntoView {
    let api = expect_context::<ApiClient>();
    let site = Load::new(move || {
        let api = api.clone();
        // The form never shows the site's picture.
        async move { api.site_without_picture().await }
    });
    move || match site.get() {
        None => view! { <p class=class::NOTICE role="status">{t(Text::LOADING)}</p> }.into_any(),
        Some(Ok(site)) => {
            provide_context(site);
            view! { <MembershipForm heading=Heading::Section/> }.into_any()
        }
        Some(Err(error)) => view! {
            <ErrorPanel
                title=t(Text::JOIN_FORM_FAILED)
                message=describe_fetch_error(&error)
                on_retry=Callback::new(move |()| site.reload())
            />
        }
        .into_any(),
    }
}
