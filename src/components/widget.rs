//! The custom elements' content: `<gazette-recent-posts>` and
//! `<gazette-join-form>` on another site, each in its own shadow root.

use leptos::prelude::*;

use crate::{
    api::ApiClient,
    components::{error_panel::ErrorPanel, join_form::JoinForm, recent_posts::RecentPosts},
    embed::Embedded,
    i18n::{describe_fetch_error, t, Text},
    lang::foreign_lang,
    widget::{WidgetAttributes, WidgetOptions},
};

/// Which custom element.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WidgetKind {
    /// `<gazette-recent-posts>`.
    RecentPosts,
    /// `<gazette-join-form>`.
    JoinForm,
}

impl WidgetKind {
    /// The element's tag name.
    pub fn tag(self) -> &'static str {
        match self {
            WidgetKind::RecentPosts => "gazette-recent-posts",
            WidgetKind::JoinForm => "gazette-join-form",
        }
    }
}

/// One custom element's content, in the `.gazette-widget` box that resets
/// what the host page's styles would otherwise pass on by inheritance. An
/// unusable attribute is named in the box.
#[component]
pub fn Widget(
    /// Which element.
    kind: WidgetKind,
    /// Its attributes.
    attributes: WidgetAttributes,
) -> impl IntoView {
    let options = match WidgetOptions::from_attributes(&attributes) {
        Ok(options) => options,
        Err(error) => return view! {
            <div class="gazette-widget" lang="en">
                <p class="compact-error" role="alert">{format!("<{}>: {error}.", kind.tag())}</p>
            </div>
        }
        .into_any(),
    };
    provide_context(options.lang);
    provide_context(Embedded {
        site: options.site.clone(),
        target: None,
    });
    let lang = options.lang.code();
    let content = match kind {
        WidgetKind::RecentPosts => view! {
            <RecentPosts api_base=options.api_base limit=options.limit/>
        }
        .into_any(),
        WidgetKind::JoinForm => view! { <JoinFormWidget api_base=options.api_base/> }.into_any(),
    };
    view! { <div class="gazette-widget" lang=lang>{content}</div> }.into_any()
}

/// The join form under the site's membership heading, which comes from the API.
#[component]
fn JoinFormWidget(api_base: String) -> impl IntoView {
    let api = ApiClient::new(api_base.clone());
    let site = LocalResource::new(move || {
        let api = api.clone();
        async move { api.site().await }
    });
    let api_base = StoredValue::new(api_base);
    view! {
        <Suspense fallback=|| view! { <p class="notice" role="status">{t(Text::Loading)}</p> }>
            {move || Suspend::new(async move {
                match site.await {
                    Ok(site) => {
                        let site_lang = foreign_lang(&site.lang);
                        let membership = site.membership.clone();
                        provide_context(site);
                        view! {
                            <section class="join">
                                <h2 class="embed__title" lang=site_lang>{membership.heading.clone()}</h2>
                                <JoinForm api_base=api_base.get_value() membership/>
                            </section>
                        }
                        .into_any()
                    }
                    Err(error) => view! {
                        <ErrorPanel
                            title=t(Text::JoinFormFailed)
                            message=describe_fetch_error(&error)
                            on_retry=Callback::new(move |()| site.refetch())
                        />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}
