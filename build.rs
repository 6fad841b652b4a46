//! Embeds every `rules/**/*.toml` file in the library as the default rule
//! set, and every `rules/keep/*.txt` file as the default list of article
//! sentences the rules must keep, so a fresh install works with no flags
//! and a new rule file needs no code change.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("rules");
    println!("cargo::rerun-if-changed={}", root.display());
    embed(
        &root,
        &root,
        "toml",
        "DEFAULT_RULE_FILES",
        "The default rule files",
        "default_rules.rs",
    );
    embed(
        &root,
        &root.join("keep"),
        "txt",
        "DEFAULT_KEEP_FILES",
        "The default keep lists",
        "default_keep.rs",
    );
}

/// Writes `OUT_DIR/dest`: a const `name` listing every `*.ext` file below
/// `dir` as (path under `root`, text), sorted by path.
fn embed(root: &Path, dir: &Path, ext: &str, name: &str, doc: &str, dest: &str) {
    let mut files = Vec::new();
    collect(dir, ext, &mut files);
    files.sort();
    let mut out = format!(
        "/// {doc}, embedded: path under `rules/`, text.\nconst {name}: &[(&str, &str)] = &[\n"
    );
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let rel = file
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            out,
            "    ({rel:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join(dest);
    fs::write(dest, out).unwrap();
}

fn collect(dir: &Path, ext: &str, files: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo::rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(&path, ext, files);
        } else if path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
}
