//! The site's membership heading and the join form under it: on the join
//! page, in the iframe embed and in the `<gazette-join-form>` widget.

use gazette_api::markup::class;
use gazette_api::Site;
use leptos::prelude::*;

use crate::{join::form::JoinForm, lang::foreign_lang};

/// How the membership block heads the form where it stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heading {
    /// The join page: the membership title above the `h1`, and the pitch below.
    PageWithPitch,
    /// A page of its own (the iframe embed): the heading is the `h1`.
    Page,
    /// A section of another page (the custom element): an `h2`.
    Section,
}

/// The membership heading of the [`Site`] in context, and the join form.
/// The site's texts carry the site's language when the UI speaks another.
#[component]
pub fn MembershipForm(
    /// How the block heads the form.
    heading: Heading,
) -> impl IntoView {
    let site = expect_context::<Site>();
    let site_lang = foreign_lang(&site.lang);
    let membership = site.membership;
    let text = membership.heading.clone();
    let head = match heading {
        Heading::PageWithPitch => view! {
            <div lang=site_lang>
                <p class=class::EYEBROW>{membership.title.clone()}</p>
                <h1>{text}</h1>
                <p class=class::JOIN_PITCH>{membership.text.clone()}</p>
            </div>
        }
        .into_any(),
        Heading::Page => view! { <h1 class="embed__title" lang=site_lang>{text}</h1> }.into_any(),
        Heading::Section => {
            view! { <h2 class="embed__title" lang=site_lang>{text}</h2> }.into_any()
        }
    };
    view! {
        <section class=class::JOIN>
            {head}
            <JoinForm membership/>
        </section>
    }
}
