//! `boilerstrip eval`: cleans a corpus in memory and prints the numbers
//! `shared/eval/score.py` prints for it, so a change can be re-measured
//! with one command. A corpus is a directory with `input/<name>.txt` and
//! `cases.jsonl` (snippets) and/or `gold/<name>.txt` (gold texts, with
//! `meta.jsonl` giving each page's type). Snippet scores are also given
//! per language: as the cleaner detected it, or where it detected none
//! (rules only), as [`boilerstrip::detect_language`] guesses.

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use boilerstrip::eval::{GoldScore, SnippetCase, SnippetScore};
use boilerstrip::pipeline;
use rayon::prelude::*;

use crate::args::{EvalArgs, Part};
use crate::{build_cleaner, set_threads};

/// Scores every corpus of `args`; exit code 0 when all were scored.
pub(crate) fn run(args: &EvalArgs) -> anyhow::Result<u8> {
    let cleaner = build_cleaner(&args.cleaner)?;
    set_threads(args.threads)?;
    // Written with `?`, so a closed pipe (`| head`) ends the run quietly.
    let out = &mut io::stdout().lock();
    for corpus in &args.corpora {
        let name = corpus.file_name().map_or_else(
            || corpus.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let files = select(list_inputs(corpus)?, args.part);
        let cleaned: HashMap<String, (String, String)> = files
            .par_iter()
            .map(|(file, path)| {
                let bytes =
                    fs::read(path).with_context(|| format!("could not read {}", path.display()))?;
                let text = pipeline::decode(path, &bytes, &mut Vec::new())?;
                let cleaned = pipeline::clean_guarded(&cleaner, path, &text)?;
                let language = cleaned
                    .language()
                    .or_else(|| boilerstrip::detect_language(&text).map(|l| l.code))
                    .unwrap_or("unknown")
                    .to_string();
                Ok((file.clone(), (cleaned.into_text(), language)))
            })
            .collect::<anyhow::Result<_>>()?;
        let (outputs, languages): (HashMap<String, String>, HashMap<String, String>) = cleaned
            .into_iter()
            .map(|(file, (text, language))| ((file.clone(), text), (file, language)))
            .unzip();
        if let Some(dir) = &args.output {
            for (file, text) in &outputs {
                let path = dir.join(&name).join(file);
                pipeline::write_atomic(&path, text.as_bytes())
                    .with_context(|| format!("could not write {}", path.display()))?;
            }
        }
        writeln!(
            out,
            "corpus {name}: {} documents ({})",
            outputs.len(),
            match args.part {
                Part::All => "all",
                Part::Tune => "tune: sorted index % 5 != 4",
                Part::Holdout => "holdout: sorted index % 5 == 4",
            }
        )?;
        let mut scored = false;
        let cases = corpus.join("cases.jsonl");
        if cases.is_file() {
            snippets(out, &cases, &outputs, &languages, args.details)?;
            scored = true;
        }
        let gold = corpus.join("gold");
        if gold.is_dir() {
            gold_scores(out, &gold, &corpus.join("meta.jsonl"), &outputs)?;
            scored = true;
        }
        if !scored {
            anyhow::bail!(
                "{}: no cases.jsonl and no gold/ to score against",
                corpus.display()
            );
        }
    }
    Ok(0)
}

/// The corpus's input files: file name and path, sorted by name.
fn list_inputs(corpus: &Path) -> anyhow::Result<Vec<(String, PathBuf)>> {
    let dir = corpus.join("input");
    let mut files: Vec<(String, PathBuf)> = fs::read_dir(&dir)
        .with_context(|| format!("{}: a corpus needs an input/ directory", dir.display()))?
        .filter_map(|e| {
            let path = e.ok()?.path();
            let name = path.file_name()?.to_str()?.to_string();
            name.ends_with(".txt").then_some((name, path))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// The files of `part`, by position in the sorted list.
fn select(files: Vec<(String, PathBuf)>, part: Part) -> Vec<(String, PathBuf)> {
    files
        .into_iter()
        .enumerate()
        .filter(|(i, _)| match part {
            Part::All => true,
            Part::Tune => i % 5 != 4,
            Part::Holdout => i % 5 == 4,
        })
        .map(|(_, f)| f)
        .collect()
}

fn snippets(
    out: &mut impl Write,
    cases: &Path,
    outputs: &HashMap<String, String>,
    languages: &HashMap<String, String>,
    details: bool,
) -> anyhow::Result<()> {
    let text =
        fs::read_to_string(cases).with_context(|| format!("could not read {}", cases.display()))?;
    let mut score = SnippetScore::default();
    let mut by_language: BTreeMap<&str, SnippetScore> = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: SnippetCase = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a case", cases.display(), n + 1))?;
        let Some(output) = outputs.get(&case.file) else {
            continue;
        };
        let result = score.add(&case, Some(output));
        if let Some(language) = languages.get(&case.file) {
            by_language
                .entry(language)
                .or_default()
                .add(&case, Some(output));
        }
        if details && (!result.lost.is_empty() || !result.left_in.is_empty()) {
            writeln!(out, "{}", case.file)?;
            for s in &result.lost {
                writeln!(out, "  LOST      {s:?}")?;
            }
            for s in &result.left_in {
                writeln!(out, "  LEFT IN   {s:?}")?;
            }
        }
    }
    let mut by_language: Vec<_> = by_language.into_iter().collect();
    by_language.sort_by_key(|(_, score)| std::cmp::Reverse(score.cases));
    for (language, score) in by_language {
        writeln!(out, "  {language:<14} {}", score.summary())?;
    }
    writeln!(out, "{}", score.summary())?;
    Ok(())
}

fn gold_scores(
    out: &mut impl Write,
    gold: &Path,
    meta: &Path,
    outputs: &HashMap<String, String>,
) -> anyhow::Result<()> {
    let types = page_types(meta)?;
    let mut all = GoldScore::default();
    let mut by_type: BTreeMap<&str, GoldScore> = BTreeMap::new();
    let mut names: Vec<&String> = outputs.keys().collect();
    names.sort();
    for name in names {
        let path = gold.join(name);
        let Ok(gold_text) = fs::read(&path) else {
            continue;
        };
        let gold_text = String::from_utf8_lossy(&gold_text);
        let output = outputs.get(name).map(String::as_str);
        all.add(&gold_text, output);
        let id = name.trim_end_matches(".txt");
        if let Some(t) = types.get(id) {
            by_type.entry(t).or_default().add(&gold_text, output);
        }
    }
    for (t, score) in &by_type {
        writeln!(out, "  {t:<14} {}", score.summary())?;
    }
    writeln!(out, "{}", all.summary())?;
    Ok(())
}

/// Page type by document id, from `meta.jsonl` when there is one.
fn page_types(meta: &Path) -> anyhow::Result<HashMap<String, String>> {
    #[derive(serde::Deserialize)]
    struct Meta {
        id: String,
        page_type: Option<String>,
    }
    let Ok(text) = fs::read_to_string(meta) else {
        return Ok(HashMap::new());
    };
    let mut types = HashMap::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let m: Meta = serde_json::from_str(line)
            .with_context(|| format!("{}:{}: not a meta record", meta.display(), n + 1))?;
        if let Some(t) = m.page_type {
            types.insert(m.id, t);
        }
    }
    Ok(types)
}
