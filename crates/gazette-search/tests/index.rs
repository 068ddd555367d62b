//! The index of the demo content folder, as the server builds it.

use std::path::Path;

#[tokio::test]
async fn the_demo_content_is_indexed_with_pagefinds_browser_half() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let content = gazette_content::load(&folder, "").unwrap();
    let files = gazette_search::build(&content).await.unwrap();
    assert_eq!(files.posts, content.dated().count());
    for needed in ["pagefind.js", "pagefind-worker.js", "pagefind-entry.json"] {
        assert!(files.get(needed).is_some(), "{needed}");
    }
    let paths: Vec<&str> = files.iter().map(|(path, _)| path).collect();
    assert!(
        paths.iter().any(|path| path.starts_with("wasm.")),
        "{paths:?}"
    );
    assert!(
        paths.iter().any(|path| path.ends_with(".pf_fragment")),
        "{paths:?}"
    );
    assert!(!paths.iter().any(|path| path.contains("-ui.")), "{paths:?}");
    let entry = String::from_utf8(files.get("pagefind-entry.json").unwrap().bytes.clone()).unwrap();
    let lang = &content.site_value().lang;
    assert!(entry.contains(&format!("\"{lang}")), "{entry}");
}
