//! The app's modules import each other without cycles (docs/ARCHITECTURE.md
//! says so): read from the sources, every `crate::` path a module names is an
//! edge to the deepest module file it reaches (`src/x.rs`, `src/f/mod.rs` as
//! `f`, `src/f/y.rs` as `f::y`). No two files share a name either.
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

/// The modules a source file names through `crate::`.
fn imports(source: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let end = if after.starts_with('{') {
            let mut depth = 0;
            after
                .char_indices()
                .find(|&(_, c)| {
                    depth += i32::from(c == '{') - i32::from(c == '}');
                    depth == 0
                })
                .map_or(after.len(), |(i, _)| i + 1)
        } else {
            after
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(after.len())
        };
        paths_in_tree(&after[..end], &[], &mut paths);
        rest = &after[end..];
    }
    paths
        .iter()
        .filter_map(|path| {
            module_of(
                &path.iter().map(String::as_str).collect::<Vec<_>>(),
                modules,
            )
        })
        .collect()
}

/// Every module file of a crate's `src/` (the app's by default) by its
/// module path, except the crate root.
fn module_files() -> BTreeMap<String, std::path::PathBuf> {
    module_files_of("src")
}

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

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let files = module_files();
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    files
        .iter()
        .map(|(name, file)| {
            let source = std::fs::read_to_string(file).unwrap();
            let mut edges = imports(&source, &modules);
            edges.remove(name);
            (name.clone(), edges)
        })
        .collect()
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

#[test]
fn the_module_graph_has_no_cycles() {
    let graph = graph();
    assert!(graph.contains_key("boot") && graph.contains_key("lightbox::dialog"));
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        let cycle = cycle_from(node, &graph, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "import cycle: {}",
            cycle.unwrap_or_default().join(" → ")
        );
    }
}

#[test]
fn no_module_is_named_twice() {
    for src in ["src", "crates/gazette-server/src"] {
        no_module_is_named_twice_in(src);
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
