//! What a rule file's `include = [...]` names: built-in rule files
//! (`default`, `<default>/de`, `<default>/en/*.toml`) or files on disk,
//! relative to the including file (`./site.toml`, `lists/*.toml`, a
//! directory). This module only finds and reads them; parsing them is the
//! loader's job.

use std::borrow::Cow;
use std::fs;
use std::path::{Component, Path, PathBuf};

use super::{DEFAULT_PREFIX, DEFAULT_RULE_FILES};
use crate::error::RuleErrorKind;

/// One included rule file: the name it is known by, and its text.
pub(super) struct Source {
    pub(super) name: String,
    pub(super) text: Cow<'static, str>,
}

/// The rule files `target` names, in a stable order, for a file called
/// `from`.
pub(super) fn resolve(from: &str, target: &str) -> Result<Vec<Source>, RuleErrorKind> {
    let target = target.trim();
    let sources = if target == "default" || target == DEFAULT_PREFIX {
        built_in("")
    } else if let Some(rest) = target.strip_prefix(DEFAULT_PREFIX) {
        built_in(rest.trim_start_matches('/'))
    } else {
        on_disk(from, target)?
    };
    if sources.is_empty() {
        return Err(RuleErrorKind::IncludeNotFound(target.to_string()));
    }
    Ok(sources)
}

/// Built-in files whose path under `rules/` is `pattern`, lies in the
/// folder `pattern`, or matches it as a glob.
fn built_in(pattern: &str) -> Vec<Source> {
    let folder = pattern.trim_end_matches('/');
    DEFAULT_RULE_FILES
        .iter()
        .filter(|(path, _)| {
            folder.is_empty()
                || glob_matches(pattern, path)
                || path
                    .strip_prefix(folder)
                    .is_some_and(|rest| rest.starts_with('/'))
        })
        .map(|(path, text)| Source {
            name: format!("{DEFAULT_PREFIX}/{path}"),
            text: Cow::Borrowed(text),
        })
        .collect()
}

/// Files on disk: one file, every `*.toml` below a directory, or the files
/// of one directory whose names match a glob.
fn on_disk(from: &str, target: &str) -> Result<Vec<Source>, RuleErrorKind> {
    let base = Path::new(from).parent().unwrap_or(Path::new(""));
    let path = lexically_clean(&base.join(target));
    let mut paths = Vec::new();
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name.contains('*') {
        let dir = path.parent().unwrap_or(Path::new("."));
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let entries = fs::read_dir(dir).map_err(|source| RuleErrorKind::IncludeRead {
            target: target.to_string(),
            source,
        })?;
        for entry in entries.flatten() {
            let file = entry.file_name();
            if file.to_str().is_some_and(|f| glob_matches(name, f)) && entry.path().is_file() {
                paths.push(path.with_file_name(file));
            }
        }
    } else if path.is_dir() {
        files_below(&path, &mut paths).map_err(|source| RuleErrorKind::IncludeRead {
            target: target.to_string(),
            source,
        })?;
        paths.retain(|p| p.extension().is_some_and(|e| e == "toml"));
    } else {
        paths.push(path);
    }
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = fs::read_to_string(&path).map_err(|source| RuleErrorKind::IncludeRead {
                target: path.display().to_string(),
                source,
            })?;
            Ok(Source {
                name: path.display().to_string(),
                text: Cow::Owned(text),
            })
        })
        .collect()
}

/// `path` without `.` components and with `dir/..` pairs folded, so that
/// names in errors read as the user would write them.
fn lexically_clean(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir
                if matches!(out.components().next_back(), Some(Component::Normal(_))) =>
            {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Every file below `dir`, hidden ones left out, in no particular order.
pub(crate) fn files_below(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            files_below(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}

/// `*` matches any run of characters other than `/`; everything else
/// matches itself.
fn glob_matches(pattern: &str, text: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == text,
        Some((head, tail)) => {
            let Some(rest) = text.strip_prefix(head) else {
                return false;
            };
            rest.char_indices()
                .map(|(i, _)| i)
                .chain(std::iter::once(rest.len()))
                .take_while(|&i| !rest[..i].contains('/'))
                .any(|i| glob_matches(tail, &rest[i..]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_stay_within_a_folder() {
        assert!(glob_matches("en/*.toml", "en/paywall.toml"));
        assert!(glob_matches("*", "paywall.toml"));
        assert!(!glob_matches("*.toml", "en/paywall.toml"));
        assert!(glob_matches("en/p*l.toml", "en/paywall.toml"));
        assert!(!glob_matches("en/*.toml", "de/paywall.toml"));
    }

    #[test]
    fn default_includes_name_built_in_files() {
        let all = resolve("mine.toml", "default").unwrap();
        assert_eq!(all.len(), DEFAULT_RULE_FILES.len());
        let en = resolve("mine.toml", "<default>/en").unwrap();
        assert!(!en.is_empty() && en.len() <= all.len());
        assert!(en.iter().all(|s| s.name.starts_with("<default>/en/")));
        let one = resolve("mine.toml", "<default>/en/paywall.toml").unwrap();
        assert_eq!(one.len(), 1);
        assert!(matches!(
            resolve("mine.toml", "<default>/xx"),
            Err(RuleErrorKind::IncludeNotFound(_))
        ));
    }
}
