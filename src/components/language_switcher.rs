//! The page in other languages: a link to each version that exists, named
//! in its own language and marked with it; nothing on a page in one language.

use gazette_api::{languages::Version, markup::class};
use gazette_i18n::language_name;
use leptos::prelude::*;

use crate::{
    i18n::{t, Text},
    urls::site_href,
};

#[component]
pub fn LanguageSwitcher(versions: Vec<Version>) -> impl IntoView {
    (!versions.is_empty()).then(|| {
        view! {
            <nav class=class::LANGUAGE_SWITCHER aria-label=t(Text::OTHER_LANGUAGES)>
                <ul>
                    {versions
                        .into_iter()
                        .map(|version| {
                            let name = language_name(&version.lang).to_owned();
                            view! {
                                <li>
                                    <a href=site_href(&version.path) hreflang=version.lang.clone() lang=version.lang>
                                        {name}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        }
    })
}
