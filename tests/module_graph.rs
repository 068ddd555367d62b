//! Every crate's modules import each other without cycles
//! (docs/ARCHITECTURE.md says so). Read from the sources, a module's edges
//! are every `crate::` and `super::` path it names, to the deepest module
//! file the path reaches (`src/x.rs`, `src/f/mod.rs` as `f`, `src/f/y.rs` as
//! `f::y`), and a parent's own paths to its children (`published::router()`
//! in `api/mod.rs`). A path to one of the module's own ancestors is no edge:
//! a child may use what its parent keeps for all its children. Test modules
//! at the end of a file are left out (their `super::` is the file itself).
//! No two files of a crate share a name either.
#![cfg(not(target_arch = "wasm32"))]

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
};

/// The module file a `crate::` path reaches: the longest of its prefixes
/// that is a module of `modules`.
fn module_of(path: &[&str], modules: &BTreeSet<String>) -> Option<String> {
    (1..=path.len().min(2))
        .rev()
        .map(|depth| path[..depth].join("::"))
        .find(|name| modules.contains(name))
}

/// Every module path in a use tree such as `{api::ApiClient, components::{a::A, b}}`.
fn paths_in_tree(tree: &str, prefix: &[&str], out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    let tree = tree
        .strip_prefix('{')
        .and_then(|t| t.strip_suffix('}'))
        .unwrap_or(tree);
    let mut depth = 0;
    let mut start = 0;
    let mut items = Vec::new();
    for (i, c) in tree.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(&tree[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    items.push(&tree[start..]);
    for item in items
        .into_iter()
        .map(str::trim)
        .filter(|item| !item.is_empty())
    {
        match item.split_once("::") {
            Some((head, rest)) if !head.contains('{') => {
                let mut deeper = prefix.to_vec();
                deeper.push(head.trim());
                paths_in_tree(rest, &deeper, out);
            }
            _ if item.starts_with('{') => paths_in_tree(item, prefix, out),
            _ => {
                let mut path: Vec<String> = prefix.iter().map(|s| s.to_string()).collect();
                path.push(item.split_whitespace().next().unwrap_or("").to_owned());
                out.push(path);
            }
        }
    }
}

/// The modules that the source of `module` names (see the top of this file).
fn imports(module: &str, source: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code = without_tests(source);
    let own: Vec<&str> = module.split("::").collect();
    let mut paths = Vec::new();
    for (marker, base) in [("crate::", &[][..]), ("super::", &own[..own.len() - 1])] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(marker) {
            let after = &rest[at + marker.len()..];
            let end = path_end(after);
            let mut found = Vec::new();
            paths_in_tree(&after[..end], base, &mut found);
            paths.extend(found);
            rest = &after[end..];
        }
    }
    let is_ancestor = |target: &str| module == target || module.starts_with(&format!("{target}::"));
    let mut edges: BTreeSet<String> = paths
        .iter()
        .filter_map(|path| {
            module_of(
                &path.iter().map(String::as_str).collect::<Vec<_>>(),
                modules,
            )
        })
        .filter(|target| !is_ancestor(target))
        .collect();
    for child in modules
        .iter()
        .filter_map(|name| name.strip_prefix(&format!("{module}::")))
    {
        let named = code.match_indices(&format!("{child}::")).any(|(at, _)| {
            !code[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == ':')
        });
        if named {
            edges.insert(format!("{module}::{child}"));
        }
    }
    edges
}

/// The source without comment lines, and without the test module that ends it.
fn without_tests(source: &str) -> String {
    let lines: Vec<&str> = source.lines().collect();
    let end = lines
        .windows(2)
        .position(|pair| pair[0].trim() == "#[cfg(test)]" && pair[1].starts_with("mod "))
        .unwrap_or(lines.len());
    lines[..end]
        .iter()
        .filter(|line| !line.trim_start().starts_with("//"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// Where the path or use tree that starts `text` ends.
fn path_end(text: &str) -> usize {
    if text.starts_with('{') {
        let mut depth = 0;
        text.char_indices()
            .find(|&(_, c)| {
                depth += i32::from(c == '{') - i32::from(c == '}');
                depth == 0
            })
            .map_or(text.len(), |(i, _)| i + 1)
    } else {
        text.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
            .unwrap_or(text.len())
    }
}

/// The `src/` of every crate of the workspace, read from its `members`: the
/// app's (`.`) and each of `crates/`.
fn crates() -> Vec<String> {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let members = manifest
        .lines()
        .find_map(|line| line.trim().strip_prefix("members = ["))
        .expect("the workspace's members on one line");
    let crates: Vec<String> = members
        .split('"')
        .skip(1)
        .step_by(2)
        .map(|member| match member {
            "." => "src".to_owned(),
            member => format!("{member}/src"),
        })
        .collect();
    assert!(crates.len() >= 9, "{crates:?}");
    crates
}

/// The workspace's crates, each with the only crates of ours it may use:
/// the arrows of docs/ARCHITECTURE.md. The contract and the UI's words are
/// at the bottom; HTTP (`gazette-server`) at the top, and nothing uses it.
const ARROWS: [(&str, &[&str]); 10] = [
    ("gazette-api", &[]),
    ("gazette-i18n", &["gazette-api"]),
    (
        "gazette",
        &["gazette-api", "gazette-i18n", "gazette-render"],
    ),
    ("gazette-embed", &["gazette", "gazette-api", "gazette-i18n"]),
    ("gazette-render", &["gazette-api", "gazette-i18n"]),
    ("gazette-content", &["gazette-api"]),
    ("gazette-import", &["gazette-api", "gazette-content"]),
    (
        "gazette-search",
        &["gazette-api", "gazette-content", "gazette-render"],
    ),
    ("gazette-members", &["gazette-api", "gazette-render"]),
    (
        "gazette-server",
        &[
            "gazette-api",
            "gazette-i18n",
            "gazette-content",
            "gazette-import",
            "gazette-members",
            "gazette-render",
            "gazette-search",
        ],
    ),
];

/// The crates of ours a manifest depends on (`gazette…` names), in any of its
/// dependency tables.
fn our_dependencies(manifest: &str) -> BTreeSet<String> {
    manifest
        .lines()
        .filter_map(|line| line.split_once(" = { path = "))
        .map(|(name, _)| name.trim().to_owned())
        .filter(|name| name.starts_with("gazette"))
        .collect()
}

/// Every module file of a crate's `src/` by its module path, except the crate root.
fn module_files_of(src: &str) -> BTreeMap<String, std::path::PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(src);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            for inner in std::fs::read_dir(&path).unwrap() {
                let inner = inner.unwrap().path();
                let name = inner.file_stem().unwrap().to_string_lossy().into_owned();
                let module = if name == "mod" {
                    stem.clone()
                } else {
                    format!("{stem}::{name}")
                };
                files.insert(module, inner);
            }
        } else if stem != "lib" && stem != "main" {
            files.insert(stem, path);
        }
    }
    files
}

/// The module graph of sources given by module path.
fn graph_of(sources: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let modules: BTreeSet<String> = sources.keys().cloned().collect();
    sources
        .iter()
        .map(|(name, source)| (name.clone(), imports(name, source, &modules)))
        .collect()
}

/// The module graph of a crate's `src/`.
fn graph(src: &str) -> BTreeMap<String, BTreeSet<String>> {
    let sources = module_files_of(src)
        .into_iter()
        .map(|(name, file)| (name, std::fs::read_to_string(file).unwrap()))
        .collect();
    graph_of(&sources)
}

/// The first cycle of a graph, as the modules on it.
fn first_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| cycle_from(node, graph, &mut Vec::new(), &mut done))
}

/// A cycle through `node`, if there is one, as the modules on it.
fn cycle_from(
    node: &str,
    graph: &BTreeMap<String, BTreeSet<String>>,
    trail: &mut Vec<String>,
    done: &mut BTreeSet<String>,
) -> Option<Vec<String>> {
    if let Some(at) = trail.iter().position(|seen| seen == node) {
        let mut cycle = trail[at..].to_vec();
        cycle.push(node.to_owned());
        return Some(cycle);
    }
    if done.contains(node) {
        return None;
    }
    trail.push(node.to_owned());
    for next in graph.get(node).into_iter().flatten() {
        if let Some(cycle) = cycle_from(next, graph, trail, done) {
            return Some(cycle);
        }
    }
    trail.pop();
    done.insert(node.to_owned());
    None
}

#[test]
fn use_trees_are_read_whole() {
    let modules = [
        "api",
        "components",
        "components::error_panel",
        "components::post_card",
        "embed",
        "embed::widget",
        "lang",
    ]
    .map(String::from)
    .into_iter()
    .collect();
    let found = imports(
        "shell",
        "use crate::{api::ApiClient, components::{error_panel::ErrorPanel, post_card::PostCard}, lang};\n\
         // crate::commented::Out\n\
         fn f() { crate::embed::Embedded::new(); }",
        &modules,
    );
    let expected = [
        "api",
        "components::error_panel",
        "components::post_card",
        "embed",
        "lang",
    ];
    assert_eq!(found, expected.map(String::from).into_iter().collect());
}

fn sources(files: &[(&str, &str)]) -> BTreeMap<String, String> {
    files
        .iter()
        .map(|(name, source)| (name.to_string(), source.to_string()))
        .collect()
}

#[test]
fn a_planted_cycle_is_found() {
    let graph = graph_of(&sources(&[
        ("a", "use crate::b::X;"),
        ("b", "fn f() { crate::a::y(); }"),
        ("c", "use crate::a;"),
    ]));
    assert_eq!(
        first_cycle(&graph),
        Some(["a", "b", "a"].map(String::from).to_vec())
    );
}

/// The server's cycle of issue 29, planted again: a parent's own path to its
/// child is an edge, and so is a path up to a module that is not an ancestor.
#[test]
fn a_cycle_through_a_parent_and_its_child_is_found() {
    let graph = graph_of(&sources(&[
        (
            "api",
            "mod published;\npub fn router() { published::router() }",
        ),
        (
            "api::published",
            "use super::{members::Form, Problem};\nuse crate::content::Cursor;",
        ),
        ("api::members", "pub struct Form;"),
        ("content", "use crate::pictures::Pictures;"),
        ("pictures", "use crate::api::Problem;"),
    ]));
    let edges = |name: &str| graph[name].iter().cloned().collect::<Vec<_>>();
    assert_eq!(edges("api"), ["api::published"]);
    assert_eq!(edges("api::published"), ["api::members", "content"]);
    assert_eq!(
        first_cycle(&graph),
        Some(
            ["api", "api::published", "content", "pictures", "api"]
                .map(String::from)
                .to_vec()
        )
    );
}

#[test]
fn an_ancestor_comments_and_the_test_module_are_no_edges() {
    let graph = graph_of(&sources(&[
        ("membership", "pub mod store;\npub struct Policy;"),
        (
            "membership::store",
            "// crate::membership::outbox::Kind\nuse crate::membership::Policy;\n\
             #[cfg(test)]\nmod tests {\n    use super::*;\n    use crate::membership::outbox::Kind;\n}",
        ),
        ("membership::outbox", "pub enum Kind {}"),
    ]));
    assert!(graph["membership::store"].is_empty(), "{graph:?}");
    assert_eq!(first_cycle(&graph), None);
}

#[test]
fn every_crate_uses_only_the_crates_below_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for src in crates() {
        let folder = src.strip_suffix("/src").unwrap_or(".");
        let manifest = std::fs::read_to_string(root.join(folder).join("Cargo.toml")).unwrap();
        let name = manifest
            .lines()
            .find_map(|line| line.strip_prefix("name = \""))
            .and_then(|rest| rest.strip_suffix('"'))
            .unwrap()
            .to_owned();
        let (_, allowed) = ARROWS
            .iter()
            .find(|(crate_name, _)| *crate_name == name)
            .unwrap_or_else(|| panic!("{name} is not in ARROWS: say what it may use"));
        for used in our_dependencies(&manifest) {
            assert!(
                allowed.contains(&used.as_str()),
                "{name} depends on {used}, which ARROWS does not allow"
            );
        }
    }
}

#[test]
fn a_dependency_upwards_is_found() {
    let manifest = "[dependencies]\ngazette-api = { path = \"../gazette-api\" }\n\
                    [dev-dependencies]\ngazette-server = { path = \"../gazette-server\" }\n\
                    serde = { version = \"1\" }\n";
    let used = our_dependencies(manifest);
    assert_eq!(
        used,
        BTreeSet::from(["gazette-api".to_owned(), "gazette-server".to_owned()])
    );
}

#[test]
fn no_crate_has_an_import_cycle() {
    for src in crates() {
        let graph = graph(&src);
        let cycle = first_cycle(&graph);
        assert!(
            cycle.is_none(),
            "import cycle in {src}: {}",
            cycle.unwrap_or_default().join(" → ")
        );
    }
    // The graphs are read at all: a few modules and edges each must be there.
    let app = graph("src");
    assert!(app.contains_key("boot") && app.contains_key("lightbox::dialog"));
    let server = graph("crates/gazette-server/src");
    assert!(server["api"].contains("api::published"));
    let members = graph("crates/gazette-members/src");
    assert!(members["outbox"].contains("mail"));
}

#[test]
fn no_module_is_named_twice() {
    for src in crates() {
        no_module_is_named_twice_in(&src);
    }
}

fn no_module_is_named_twice_in(src: &str) {
    let mut seen = BTreeMap::new();
    for module in module_files_of(src).into_keys() {
        let last = module.rsplit("::").next().unwrap_or_default().to_owned();
        if let Some(before) = seen.insert(last.clone(), module.clone()) {
            panic!("two modules named {last} in {src}: {before} and {module}");
        }
    }
}
