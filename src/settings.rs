//! Settings of the rule-free stages: which run, and how eagerly, as code
//! ([`Settings`]) and as a TOML file ([`Settings::from_toml`]).
//!
//! How eagerly is one knob, the [`Preset`]: every threshold of the
//! heuristics follows from it, so no two settings can pull against each
//! other. A settings file:
//!
//! ```toml
//! # boilerstrip.toml
//! heuristics = true      # false: rules (and duplicates) only
//! preset = "balanced"    # precision | balanced | recall
//! detect-language = true # detect each document's language for stop words
//! ```

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use serde::Deserialize;

/// How a [`Cleaner`](crate::Cleaner) runs its stages beyond the rules.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Settings {
    /// Run the rule-free heuristics (line classes, content regions,
    /// breadcrumbs, banners ...). Off gives a rules-only cleaner that
    /// removes only what rules and in-document duplicates say.
    pub heuristics: bool,
    /// How eagerly the heuristics remove lines.
    pub preset: Preset,
    /// Detect each document's language (when the document does not carry
    /// one) to measure stop words. Off: lines are judged by their shape
    /// only.
    pub detect_language: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            heuristics: true,
            preset: Preset::Balanced,
            detect_language: true,
        }
    }
}

impl Settings {
    /// Settings for a cleaner that removes only what its rules (and
    /// in-document duplicates) say.
    pub fn rules_only() -> Settings {
        Settings {
            heuristics: false,
            ..Settings::default()
        }
    }

    /// Settings with the given preset and everything else default.
    pub fn with_preset(preset: Preset) -> Settings {
        Settings {
            preset,
            ..Settings::default()
        }
    }

    /// Reads settings from a TOML file (see [`Settings::from_toml`]);
    /// fields left out keep their defaults.
    ///
    /// # Errors
    ///
    /// A [`SettingsError`] when the file cannot be read or is not a
    /// settings file.
    pub fn from_path(path: &Path) -> Result<Settings, SettingsError> {
        let text = std::fs::read_to_string(path).map_err(|e| SettingsError {
            path: path.display().to_string(),
            location: None,
            message: format!("could not read settings file: {e}"),
        })?;
        Settings::from_toml(&path.display().to_string(), &text)
    }

    /// Reads settings from TOML `text`, naming `path` in errors. Fields
    /// left out keep their defaults:
    ///
    /// ```toml
    /// heuristics = true      # false: rules (and duplicates) only
    /// preset = "balanced"    # precision | balanced | recall
    /// detect-language = true # detect each document's language for stop words
    /// ```
    ///
    /// # Errors
    ///
    /// A [`SettingsError`] with the line and column of the problem.
    pub fn from_toml(path: &str, text: &str) -> Result<Settings, SettingsError> {
        let file: SettingsFile = toml::from_str(text).map_err(|e| SettingsError {
            path: path.to_string(),
            location: e.span().map(|s| line_col(text, s.start)),
            message: e.message().to_string(),
        })?;
        let defaults = Settings::default();
        Ok(Settings {
            heuristics: file.heuristics.unwrap_or(defaults.heuristics),
            preset: file.preset.unwrap_or(defaults.preset),
            detect_language: file.detect_language.unwrap_or(defaults.detect_language),
        })
    }

    /// The thresholds the heuristics use under these settings.
    pub(crate) fn thresholds(&self) -> Thresholds {
        Thresholds::of(self.preset)
    }
}

/// The one knob of the heuristics: what to prefer when a line is in doubt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Preset {
    /// Remove more: for a search index or a training corpus, where clutter
    /// costs more than a lost line.
    Precision,
    /// The default: remove what is clearly not the article, keep what is
    /// in doubt.
    #[default]
    Balanced,
    /// Keep more: for readers and archives, where a lost sentence costs
    /// more than a kept menu line.
    Recall,
}

impl Preset {
    /// The preset's name, as written in settings files and on the command
    /// line.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Precision => "precision",
            Preset::Balanced => "balanced",
            Preset::Recall => "recall",
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = String;

    fn from_str(s: &str) -> Result<Preset, String> {
        match s {
            "precision" => Ok(Preset::Precision),
            "balanced" => Ok(Preset::Balanced),
            "recall" => Ok(Preset::Recall),
            _ => Err(format!(
                "unknown preset `{s}`: use precision, balanced or recall"
            )),
        }
    }
}

/// The numbers behind a preset. Lengths are in characters, shares in 0..1.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Thresholds {
    /// Shorter lines are too short to judge alone.
    pub(crate) length_low: usize,
    /// Longer lines with enough stop words are prose outright.
    pub(crate) length_high: usize,
    /// Below this share of stop words a line is not prose.
    pub(crate) stop_low: f32,
    /// From this share of stop words on a line reads as prose.
    pub(crate) stop_high: f32,
    /// A content region must hold this share of the words of the largest
    /// one to be kept beside it.
    pub(crate) region_share: f32,
    /// A page counts as an article when its content regions hold at least
    /// this share of the words of its lines; on other pages (listings,
    /// products, forums, documentation) only chrome goes.
    pub(crate) article_share: f32,
    /// What a line that is not prose costs a content region, in words of
    /// prose: the higher, the more a region breaks at chrome.
    pub(crate) bad_cost: f32,
    /// How far (in non-blank lines) context looks for the prose or chrome
    /// whose class a short line takes; `usize::MAX`: as far as it takes,
    /// as jusText does.
    pub(crate) context_reach: usize,
    /// What a short line that context found good costs a region: such
    /// lines (subheadings, list items) hold a region together but do not
    /// make one.
    pub(crate) short_cost: f32,
    /// How many lines before a region may be its headline, standfirst and
    /// byline.
    pub(crate) head_lines: usize,
    /// Inside a content region keep only the lines that context found
    /// good; otherwise everything between its first and last prose line
    /// (lists, tables, code, captions) stays.
    pub(crate) strict_regions: bool,
    /// On a page that is not an article, drop what stands before its first
    /// and after its last run of prose too; otherwise only chrome goes.
    pub(crate) strict_other_pages: bool,
    /// After a region's last full paragraph keep only sentences, lists,
    /// code and tables, not the headline-like lines of related links.
    pub(crate) trim_region_tails: bool,
    /// Drop short labels that repeat on a page ("Reply", "Add to cart").
    pub(crate) drop_labels: bool,
    /// Let repeated labels end a content region, so comments and reviews
    /// do not join the article.
    pub(crate) break_at_labels: bool,
}

impl Thresholds {
    fn of(preset: Preset) -> Thresholds {
        let balanced = Thresholds {
            length_low: 70,
            length_high: 250,
            stop_low: 0.25,
            stop_high: 0.30,
            region_share: 0.25,
            article_share: 0.17,
            bad_cost: 5.0,
            context_reach: usize::MAX,
            short_cost: 5.0,
            head_lines: 4,
            strict_regions: false,
            strict_other_pages: false,
            trim_region_tails: true,
            drop_labels: true,
            break_at_labels: false,
        };
        match preset {
            Preset::Balanced => balanced,
            Preset::Precision => Thresholds {
                stop_low: 0.30,
                stop_high: 0.34,
                region_share: 0.4,
                article_share: 0.1,
                bad_cost: 7.0,
                context_reach: 6,
                short_cost: 7.0,
                head_lines: 3,
                strict_regions: true,
                strict_other_pages: true,
                break_at_labels: true,
                ..balanced
            },
            Preset::Recall => Thresholds {
                length_low: 50,
                stop_low: 0.18,
                stop_high: 0.25,
                region_share: 0.1,
                article_share: 0.4,
                bad_cost: 3.0,
                short_cost: 1.0,
                head_lines: 6,
                drop_labels: false,
                trim_region_tails: false,
                ..balanced
            },
        }
    }
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds::of(Preset::default())
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SettingsFile {
    heuristics: Option<bool>,
    preset: Option<Preset>,
    detect_language: Option<bool>,
}

/// A settings file that cannot be used, with where the problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsError {
    path: String,
    location: Option<(usize, usize)>,
    message: String,
}

impl fmt::Display for SettingsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location {
            Some((line, col)) => write!(f, "{}:{line}:{col}: ", self.path)?,
            None => write!(f, "{}: ", self.path)?,
        }
        write!(f, "{}", self.message.trim_end())
    }
}

impl std::error::Error for SettingsError {}

/// 1-based line and column of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settings_file_sets_what_it_names() {
        let s = Settings::from_toml("s.toml", "preset = \"recall\"\n").unwrap();
        assert_eq!(s.preset, Preset::Recall);
        assert!(s.heuristics && s.detect_language);
        let s = Settings::from_toml("s.toml", "heuristics = false\n").unwrap();
        assert_eq!(s, Settings::rules_only());
    }

    #[test]
    fn errors_point_at_the_problem() {
        let err = Settings::from_toml("s.toml", "\npreset = \"loud\"\n").unwrap_err();
        assert!(err.to_string().starts_with("s.toml:2:10: "), "{err}");
        let err = Settings::from_toml("s.toml", "prest = \"recall\"\n").unwrap_err();
        assert!(err.to_string().contains("unknown field `prest`"), "{err}");
    }

    #[test]
    fn presets_order_their_thresholds() {
        let (p, b, r) = (
            Thresholds::of(Preset::Precision),
            Thresholds::of(Preset::Balanced),
            Thresholds::of(Preset::Recall),
        );
        assert!(p.stop_low >= b.stop_low && b.stop_low >= r.stop_low);
        assert!(p.region_share >= b.region_share && b.region_share >= r.region_share);
        assert_eq!("recall".parse::<Preset>(), Ok(Preset::Recall));
    }
}
