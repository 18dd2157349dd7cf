//! Word lists: the vocabulary the rules look for.
//!
//! Each list is data: a name, a description and its default entries. An
//! entry is a word or a phrase of words separated by spaces, matched without
//! regard to case on word boundaries; a word ending in `*` matches any word
//! that starts with it (`optimi*` matches `optimize` and `optimise`).
//! Configuration can extend, trim or replace every list (see
//! [`crate::config::WordListConfig`]). Matching is a hash lookup per token,
//! so it is linear in the text whatever the lists hold.

use crate::analysis::Token;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: a fast hash for the short words the lexicons look up (their keys
/// come from configuration, not from untrusted input at scale).
#[derive(Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A named default word list.
#[derive(Debug, Clone, Copy)]
pub struct WordListSpec {
    /// The key in `[words.<name>]`.
    pub name: &'static str,
    /// What the list is for and which rules read it.
    pub description: &'static str,
    pub defaults: &'static [&'static str],
}

/// Every word list, in documentation order.
pub const WORD_LISTS: &[WordListSpec] = &[
    WordListSpec {
        name: "hype-words",
        description: "Empty words that make an objective sound exciting without saying what will be done (`hype-word`).",
        defaults: &[
            "awesome", "amazing", "delightful", "delight", "delights", "delighting", "empower",
            "empowers", "empowering", "empowered", "world-class", "world class", "best-in-class",
            "best in class", "seamless", "seamlessly", "cutting-edge", "cutting edge",
            "bleeding-edge", "state-of-the-art", "game-changing", "game changer",
            "game-changer", "revolutionary", "revolutionize", "revolutionise", "incredible",
            "magical", "frictionless", "effortless", "effortlessly", "next-generation",
            "next-gen", "unparalleled", "unleash", "supercharge", "supercharged", "turbocharge",
            "rock-solid", "top-notch", "stellar", "wow", "blazing", "blazing-fast",
            "lightning-fast", "synergy", "synergies", "synergistic", "groundbreaking", "ground-breaking", "exceptional", "superb",
            "fantastic", "phenomenal", "mind-blowing", "killer", "ninja", "rockstar",
        ],
    },
    WordListSpec {
        name: "vague-words",
        description: "Unmeasurable verbs and comparatives that need a number or a success criterion (`vague-verb`).",
        defaults: &[
            "improve", "improves", "improved", "improving", "enhance", "enhances", "enhanced",
            "enhancing", "optimize", "optimise", "optimizes", "optimises", "optimized",
            "optimised", "optimizing", "optimising", "strengthen", "strengthens",
            "strengthened", "better", "increase", "increased", "decrease", "reduce", "boost",
            "grow", "maximize", "maximise", "minimize", "minimise", "streamline",
            "streamlined", "modernize", "modernise", "revamp", "refine", "polish", "elevate",
            "bolster", "advance", "evolve", "accelerate", "speed up", "faster", "easier",
            "smoother", "more reliable", "more efficient", "more robust", "more scalable",
            "more stable", "more secure", "higher quality", "world-class",
        ],
    },
    WordListSpec {
        name: "activity-verbs",
        description: "Openings that describe an activity rather than a result (`activity-kr`). Matched only at the start of a KR.",
        defaults: &[
            "hold", "holds", "attend", "discuss", "meet with", "have meetings", "run meetings",
            "conduct meetings", "set up meetings", "participate in", "participate", "work on",
            "work with", "talk to", "talk with", "speak with", "gather", "brainstorm",
            "collaborate with", "coordinate with", "sync with", "engage with", "continue to",
            "continue working", "keep working", "spend time", "host", "schedule", "focus on",
            "look at", "think about", "contribute to", "assist", "facilitate", "reach out to",
            "be involved", "get involved", "help", "weekly meetings", "monthly meetings",
            "regular meetings",
        ],
    },
    WordListSpec {
        name: "aspirational",
        description: "Hedges that mark a KR as a stretch goal (`unlabeled-stretch`). `up to` counts only before a number.",
        defaults: &[
            "aim to", "aim for", "aiming to", "aiming for", "try to", "attempt to", "strive to",
            "hope to", "hopefully", "ideally", "if possible", "where possible", "if time permits",
            "best effort", "best-effort", "stretch", "stretch goal", "stretch target",
            "aspirational", "moonshot", "as many as possible", "as much as possible",
            "up to",
        ],
    },
    WordListSpec {
        name: "discovery-verbs",
        description: "Verbs that make a KR discovery work when they open it (`discovery-without-output`, kind inference).",
        defaults: &[
            "research", "explore", "investigate", "evaluate", "assess", "prototype", "spike",
            "study", "analyze", "analyse", "survey", "interview", "experiment with",
            "experiment", "benchmark", "look into", "figure out", "understand", "learn",
            "discover", "identify", "scope", "trial", "review options",
        ],
    },
    WordListSpec {
        name: "discovery-nouns",
        description: "Nouns that make a KR discovery work after a verb like `complete` or `conduct` (`Complete vendor evaluation`).",
        defaults: &[
            "research", "evaluation", "investigation", "spike", "assessment", "analysis",
            "study", "exploration", "discovery", "prototype", "proof of concept", "poc",
            "experiment", "experiments", "interviews", "benchmark", "benchmarks",
        ],
    },
    WordListSpec {
        name: "discovery-outputs",
        description: "Concrete outputs of discovery work: documents, decisions, validated prototypes (`discovery-without-output`).",
        defaults: &[
            "document", "doc", "docs", "design doc", "rfc", "adr", "proposal", "recommendation",
            "recommendations", "decision", "decide", "decided", "choose", "chosen", "select",
            "selected", "pick", "report", "write-up", "writeup", "memo", "spec",
            "specification", "roadmap", "plan", "shortlist", "business case", "go/no-go",
            "findings", "published", "publish", "presented", "present", "shared with",
            "validated", "validate", "validates", "tested with", "approved", "sign-off",
            "signed off", "prototype", "proof of concept", "poc", "benchmark results",
            "comparison", "cost analysis",
        ],
    },
    WordListSpec {
        name: "acceptance-markers",
        description: "Phrases that state how success is verified, which makes a KR measurable without numbers (`missing-definition-of-done`, `vague-verb`).",
        defaults: &[
            "approved by", "approved", "reviewed by", "reviewed and approved", "signed by",
            "endorsed by", "signed off", "sign-off", "signed-off", "validated by",
            "validated with", "tested with", "tested by", "accepted by", "agreed with",
            "agreed by", "ratified", "adopted by", "used by", "in production",
            "generally available", "ga", "fully replacing", "decommissioned", "deleted",
            "zero", "with no", "without any",
        ],
    },
    WordListSpec {
        name: "outcome-markers",
        description: "Phrases that introduce the outcome a statement serves (`objective-missing-outcome`, `kr-missing-outcome`).",
        defaults: &[
            "so that", "in order to", "so as to", "enabling", "allowing", "letting",
            "ensuring", "unblocking", "resulting in", "leading to", "thereby", "because",
            "which enables", "which lets", "which allows", "which will", "so we can",
            "so teams", "so every", "so each", "so our", "so they", "so we", "so you",
            "so customers", "so users", "so developers", "so engineers", "so product",
            "so anyone", "so nobody", "so no",
        ],
    },
    WordListSpec {
        name: "outcome-verbs",
        description: "Verbs that, after `to`, start an outcome clause (`to reduce`, `to enable`). Other words after `to` are read as a destination (`to Kubernetes`), unless they end like a verb (-ize, -ify, -ate).",
        defaults: &[
            "enable", "reduce", "improve", "increase", "cut", "lower", "raise", "meet", "remove",
            "let", "allow", "support", "ensure", "make", "give", "help", "unblock", "speed",
            "accelerate", "eliminate", "prevent", "protect", "comply", "pass", "achieve",
            "deliver", "provide", "establish", "free", "save", "avoid", "keep", "stop", "catch",
            "detect", "scale", "grow", "drive", "close", "finish", "shrink", "simplify",
            "standardize", "standardise", "unlock", "shorten", "minimize", "maximize", "boost",
            "lift", "decrease", "halve", "double", "serve", "answer", "choose", "decide",
            "confirm", "validate", "learn", "understand", "know", "see", "spot", "find", "fix",
            "resolve", "recover", "survive", "handle", "absorb", "retire", "replace",
            "consolidate", "centralize", "centralise", "automate", "scale", "sustain",
            "maintain", "preserve", "guarantee", "secure", "harden", "cover", "track",
            "measure", "monitor", "diagnose", "debug", "ship", "launch", "release", "deploy",
            "onboard", "build", "create", "start", "begin", "prepare", "inform", "guide",
            "establish", "set", "hit", "reach", "win", "retain", "convert", "attract", "earn",
            "generate", "capture", "lay", "pave", "focus", "avoid", "de-risk", "derisk",
            "shrink", "trim", "contain", "limit", "cap", "bring", "get", "become", "stay",
            "run", "operate", "own", "use", "adopt", "move", "migrate", "extract", "split",
            "close", "complete", "hand", "empower", "delight",
        ],
    },
    WordListSpec {
        name: "change-verbs",
        description: "Verbs that move a metric; with a target and no `from` value they trigger `missing-baseline` and make a KR impact.",
        defaults: &[
            "reduce", "reduces", "reducing", "increase", "increases", "increasing", "decrease",
            "cut", "lower", "raise", "grow", "improve", "boost", "shrink", "drop", "lift",
            "shorten", "accelerate", "speed up", "halve", "double", "triple", "achieve",
            "reach", "attain", "minimize", "minimise", "maximize", "maximise",
        ],
    },
];

/// Look up a word list by name.
pub fn word_list_spec(name: &str) -> Option<&'static WordListSpec> {
    WORD_LISTS.iter().find(|w| w.name == name)
}

/// Marks a token whose word is not in the [`Vocabulary`].
pub const UNLISTED: u32 = u32::MAX;

/// The words of the default word lists and of the closed lists of the
/// statement analysis (units, months, ...), numbered. Each token carries its
/// number (see [`crate::analysis::Token::word`]), found with one hash lookup
/// when it is read; the lists then compare numbers and index tables, so a
/// token costs one lookup however many lists look at it.
#[derive(Debug, Default)]
pub struct Vocabulary {
    numbers: FnvMap<String, u32>,
    /// For each number, the word classes of the statement analysis it
    /// belongs to (bits of [`crate::analysis::WORD_CLASSES`]).
    classes: Vec<u8>,
    /// For each number, the word's [`crate::summary::content_fingerprint`].
    #[cfg(not(target_arch = "wasm32"))]
    content: Vec<Option<u64>>,
    /// The words short enough to be kept inline by [`crate::case::Lower`],
    /// by [`crate::case::Lower::key`], in an open-addressing table at most
    /// half full: what [`Vocabulary::number_of`] looks every token up in.
    /// 64 KB for the 652 default words; at a quarter full (128 KB) the
    /// allocator gave it pages of its own and one small file's run took
    /// 0.5 MB more.
    /// A free slot's key is zero, which no word's is (its last word holds
    /// the length).
    #[cfg(not(target_arch = "wasm32"))]
    slots: Box<[(u64, u64, u64, u32)]>,
}

impl Vocabulary {
    /// The number of `word` (lower case), or [`UNLISTED`]. Out of line: the
    /// tokenizer inlines [`Vocabulary::number_of`], which comes here only
    /// for the words its table cannot hold.
    #[inline(never)]
    pub fn number(&self, word: &str) -> u32 {
        self.numbers.get(word).copied().unwrap_or(UNLISTED)
    }

    /// [`Vocabulary::number`] of a token as the tokenizer folds it. Nearly
    /// every token is kept inline: it is found by its key, hashed with one
    /// multiplication and compared as three integers, where the map hashes
    /// it byte by byte and compares it with a call (callgrind, 1 MB corpus:
    /// the tokenizer 35.0 M -> 30.5 M instructions). The WASM package, where
    /// size counts more, uses the map.
    #[inline]
    pub(crate) fn number_of(&self, lower: &crate::case::Lower) -> u32 {
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(key) = lower.key().filter(|_| !self.slots.is_empty()) {
            let mask = self.slots.len() - 1;
            let mut at = slot_of(key) & mask;
            // A free slot ends every search (the table is never full).
            while let Some(&(a, b, c, n)) = self.slots.get(at) {
                if (a, b, c) == (key[0], key[1], key[2]) {
                    return n;
                }
                if c == 0 {
                    return UNLISTED;
                }
                at = (at + 1) & mask;
            }
            return UNLISTED;
        }
        self.number(lower)
    }

    /// Build the table of [`Vocabulary::number_of`], once every word is in.
    fn index(&mut self) {
        #[cfg(not(target_arch = "wasm32"))]
        {
            let size = (self.numbers.len() * 2).next_power_of_two();
            let mut slots = vec![(0, 0, 0, UNLISTED); size];
            for (word, &n) in &self.numbers {
                let Some(key) = crate::case::fold_small(word).key() else {
                    continue;
                };
                let mut at = slot_of(key) & (size - 1);
                while slots[at].2 != 0 {
                    at = (at + 1) & (size - 1);
                }
                slots[at] = (key[0], key[1], key[2], n);
            }
            self.slots = slots.into_boxed_slice();
        }
    }

    /// [`crate::summary::content_fingerprint`] of word number `n`.
    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) fn content_fingerprint(&self, n: u32) -> Option<u64> {
        self.content.get(n as usize).copied().flatten()
    }

    /// Whether word number `n` belongs to the analysis word class `class`.
    pub(crate) fn in_class(&self, n: u32, class: u8) -> bool {
        self.classes.get(n as usize).is_some_and(|c| c & class != 0)
    }

    fn len(&self) -> usize {
        self.numbers.len()
    }

    fn add(&mut self, word: &str) -> u32 {
        let next = self.numbers.len() as u32;
        let n = *self.numbers.entry(word.to_string()).or_insert(next);
        if n == next {
            self.classes.push(0);
            #[cfg(not(target_arch = "wasm32"))]
            self.content.push(crate::summary::content_fingerprint(word));
        }
        n
    }
}

/// The vocabulary of the default word lists and the lists compiled, built
/// once (one `OnceLock`, not two: each costs code in the WASM package).
struct Defaults {
    vocabulary: Vocabulary,
    lexicons: Lexicons,
}

fn defaults() -> &'static Defaults {
    static DEFAULTS: std::sync::OnceLock<Defaults> = std::sync::OnceLock::new();
    DEFAULTS.get_or_init(|| {
        let mut vocabulary = Vocabulary::default();
        // Numbered first, so that their numbers are the constants the
        // statement analysis compares tokens with.
        for word in crate::analysis::STRUCTURE_WORDS {
            vocabulary.add(word);
        }
        for spec in WORD_LISTS {
            for entry in spec.defaults {
                let entry = crate::case::fold(entry);
                for t in crate::analysis::tokenize_in(&entry, 0, None) {
                    vocabulary.add(&t.lower);
                }
            }
        }
        // Entries that are not one token (`<=`) are numbered too, and
        // simply never met.
        for &(class, words) in crate::analysis::WORD_CLASSES {
            for &word in words {
                let n = vocabulary.add(word);
                vocabulary.classes[n as usize] |= class;
            }
        }
        // The stop words too: then a word the vocabulary does not list is
        // never one, and `overlapping-krs`'s summaries need not test it.
        #[cfg(not(target_arch = "wasm32"))]
        for word in crate::summary::STOP_WORDS {
            vocabulary.add(word);
        }
        vocabulary.index();
        let lexicons = Lexicons::build_in(&vocabulary, default_entries);
        Defaults {
            vocabulary,
            lexicons,
        }
    })
}

/// Where a [`crate::case::Lower::key`] starts its search in
/// [`Vocabulary::number_of`]'s table: the top 24 bits of a multiplicative
/// hash (the vocabulary has a few thousand words; a table larger than 2^24
/// slots would only use its first 2^24 as starting points).
#[cfg(not(target_arch = "wasm32"))]
fn slot_of(key: [u64; 3]) -> usize {
    let h = (key[0] ^ key[1].rotate_left(21) ^ key[2].rotate_left(42))
        .wrapping_mul(0x9e37_79b9_7f4a_7c15);
    (h >> 40) as usize
}

/// The vocabulary of the default word lists.
pub fn vocabulary() -> &'static Vocabulary {
    &defaults().vocabulary
}

fn default_entries(spec: &WordListSpec) -> Vec<String> {
    spec.defaults.iter().map(|s| s.to_string()).collect()
}

/// One word of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum PatWord {
    /// A word of the vocabulary, by number.
    Listed(u32),
    /// Any other word (from configuration).
    Unlisted(String),
    /// A prefix (`optimi*`).
    Prefix(String),
}

impl PatWord {
    fn matches(&self, token: &Token) -> bool {
        match self {
            PatWord::Listed(n) => token.word == *n,
            // A word outside the vocabulary can only equal a token outside it.
            PatWord::Unlisted(w) => token.word == UNLISTED && *token.lower == *w,
            PatWord::Prefix(p) => token.lower.starts_with(p.as_str()),
        }
    }
}

type Pattern = Vec<PatWord>;

/// A compiled word list: finds entries in a token stream.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// For each vocabulary number, one more than the index in `groups` of
    /// the patterns that start with that word (0: none).
    by_listed_first: Vec<u32>,
    /// The same for first words outside the vocabulary.
    by_unlisted_first: FnvMap<String, u32>,
    /// Patterns with the same first word, longest first.
    groups: Vec<Vec<Pattern>>,
    /// Patterns whose first word is a prefix pattern.
    prefixed: Vec<Pattern>,
    entries: Vec<String>,
}

impl Lexicon {
    /// Compile a list of entries.
    pub fn new<S: AsRef<str>>(entries: &[S]) -> Self {
        Self::new_in(vocabulary(), entries)
    }

    fn new_in<S: AsRef<str>>(vocab: &Vocabulary, entries: &[S]) -> Self {
        let mut lex = Lexicon::default();
        let mut by_listed_first = vec![0u32; vocab.len()];
        for entry in entries {
            let entry = crate::case::fold(entry.as_ref().trim());
            if entry.is_empty() {
                continue;
            }
            let mut tokens = crate::analysis::tokenize_in(&entry, 0, Some(vocab));
            let prefix = tokens.last().is_some_and(|t| t.lower == "*");
            if prefix {
                tokens.pop();
            }
            let last = tokens.len().wrapping_sub(1);
            let words: Pattern = tokens
                .into_iter()
                .enumerate()
                .map(|(k, t)| {
                    if prefix && k == last {
                        PatWord::Prefix(t.lower.to_string())
                    } else if t.word == UNLISTED {
                        PatWord::Unlisted(t.lower.to_string())
                    } else {
                        PatWord::Listed(t.word)
                    }
                })
                .collect();
            let slot = match words.first() {
                None => continue,
                Some(PatWord::Listed(n)) => &mut by_listed_first[*n as usize],
                Some(PatWord::Unlisted(w)) => lex.by_unlisted_first.entry(w.clone()).or_insert(0),
                Some(PatWord::Prefix(_)) => {
                    lex.prefixed.push(words);
                    lex.entries.push(entry);
                    continue;
                }
            };
            if *slot == 0 {
                lex.groups.push(Vec::new());
                *slot = lex.groups.len() as u32;
            }
            lex.groups[*slot as usize - 1].push(words);
            lex.entries.push(entry);
        }
        if by_listed_first.iter().any(|&g| g != 0) {
            lex.by_listed_first = by_listed_first;
        }
        // Longest phrases first so the longest match wins (stable: equal
        // lengths keep the list's order). Sorted once, after all entries:
        // a list of 100,000 phrases with one first word stays n log n.
        for list in &mut lex.groups {
            crate::sort::sort_by(list, |a, b| b.len().cmp(&a.len()));
        }
        lex
    }

    /// The entries as compiled (lowercase).
    pub fn entries(&self) -> &[String] {
        &self.entries
    }

    /// Length in tokens of the longest entry matching at `tokens[i]`.
    #[inline]
    pub fn match_at(&self, tokens: &[Token], i: usize) -> Option<usize> {
        let first = tokens.get(i)?;
        // Most tokens start no entry: tell so from the first word alone,
        // without a call (the lists are searched at every token of every
        // statement, 7% of all instructions before).
        if self.prefixed.is_empty() {
            let none = if first.word != UNLISTED {
                self.by_listed_first
                    .get(first.word as usize)
                    .is_none_or(|&g| g == 0)
            } else {
                self.by_unlisted_first.is_empty()
            };
            if none {
                return None;
            }
        }
        self.match_from(tokens, i, first)
    }

    /// [`Lexicon::match_at`] past the quick test.
    #[inline(never)]
    fn match_from(&self, tokens: &[Token], i: usize, first: &Token) -> Option<usize> {
        let try_pat = |pat: &Pattern| -> bool {
            pat.iter()
                .enumerate()
                .all(|(k, w)| tokens.get(i + k).is_some_and(|t| w.matches(t)))
        };
        let group = if first.word != UNLISTED {
            self.by_listed_first.get(first.word as usize).copied()
        } else if self.by_unlisted_first.is_empty() {
            None
        } else {
            self.by_unlisted_first.get(first.lower.as_str()).copied()
        };
        let mut best = match group {
            Some(g) if g != 0 => self.groups[g as usize - 1]
                .iter()
                .find(|p| try_pat(p))
                .map(|p| p.len()),
            _ => None,
        };
        for pat in &self.prefixed {
            if try_pat(pat) && best.is_none_or(|b| pat.len() > b) {
                best = Some(pat.len());
            }
        }
        best
    }

    /// Every non-overlapping match, as token ranges `(start, end)`.
    pub fn find_all(&self, tokens: &[Token]) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if let Some(n) = self.match_at(tokens, i) {
                out.push((i, i + n));
                i += n;
            } else {
                i += 1;
            }
        }
        out
    }

    /// The first match at or after token `from`.
    pub fn find_from(&self, tokens: &[Token], from: usize) -> Option<(usize, usize)> {
        (from..tokens.len()).find_map(|i| self.match_at(tokens, i).map(|n| (i, i + n)))
    }

    /// True when any entry occurs.
    pub fn occurs(&self, tokens: &[Token]) -> bool {
        self.find_from(tokens, 0).is_some()
    }
}

/// All word lists, compiled.
#[derive(Debug, Clone)]
pub struct Lexicons {
    pub hype: Lexicon,
    pub vague: Lexicon,
    pub activity: Lexicon,
    pub aspirational: Lexicon,
    pub discovery_verbs: Lexicon,
    pub discovery_nouns: Lexicon,
    pub discovery_outputs: Lexicon,
    pub acceptance: Lexicon,
    pub outcome_markers: Lexicon,
    pub outcome_verbs: Lexicon,
    pub change_verbs: Lexicon,
}

impl Lexicons {
    /// Compile lists, taking the entries of each list from `entries(name)`.
    pub fn build(entries: impl Fn(&WordListSpec) -> Vec<String>) -> Self {
        Self::build_in(vocabulary(), entries)
    }

    fn build_in(vocab: &Vocabulary, entries: impl Fn(&WordListSpec) -> Vec<String>) -> Self {
        let get = |name: &str| {
            let spec = word_list_spec(name).expect("known word list");
            Lexicon::new_in(vocab, &entries(spec))
        };
        Lexicons {
            hype: get("hype-words"),
            vague: get("vague-words"),
            activity: get("activity-verbs"),
            aspirational: get("aspirational"),
            discovery_verbs: get("discovery-verbs"),
            discovery_nouns: get("discovery-nouns"),
            discovery_outputs: get("discovery-outputs"),
            acceptance: get("acceptance-markers"),
            outcome_markers: get("outcome-markers"),
            outcome_verbs: get("outcome-verbs"),
            change_verbs: get("change-verbs"),
        }
    }
}

impl Default for Lexicons {
    fn default() -> Self {
        default_lexicons().clone()
    }
}

/// The shared default lexicons, compiled once.
pub fn default_lexicons() -> &'static Lexicons {
    &defaults().lexicons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokenize;

    fn matches(entries: &[&str], text: &str) -> Vec<(usize, usize)> {
        Lexicon::new(entries).find_all(&tokenize(text, 0))
    }

    #[test]
    fn listed_and_unlisted_words_match_alike() {
        // `improve` is in the default vocabulary, `frobnicate` is not.
        assert!(vocabulary().number("improve") != UNLISTED);
        for (n, word) in crate::analysis::STRUCTURE_WORDS.iter().enumerate() {
            assert_eq!(vocabulary().number(word), n as u32, "{word}");
        }
        assert_eq!(vocabulary().number("frobnicate"), UNLISTED);
        assert_eq!(
            matches(&["improve", "frobnicate"], "Improve and FROBNICATE it"),
            [(0, 1), (2, 3)]
        );
        // A phrase mixing both, and a listed word that only starts it.
        assert_eq!(
            matches(
                &["improve frobnication", "speed bump"],
                "improve frobnication speed up speed bump"
            ),
            [(0, 2), (4, 6)]
        );
        // A token outside the vocabulary never equals a listed pattern word.
        assert!(matches(&["improve"], "improver improves").is_empty());
    }

    #[test]
    fn tokens_are_numbered_as_the_map_numbers_them() {
        // The keyed table against the map, for every word of the vocabulary
        // (inline or not) and for near misses of each: one byte more, one
        // less, one changed, and the word in capitals (folded first, as the
        // tokenizer does).
        let v = vocabulary();
        let mut inline = 0;
        for word in v.numbers.keys() {
            let mut tries = vec![
                word.clone(),
                format!("{word}x"),
                word[..word.len() - word.chars().last().map_or(0, char::len_utf8)].to_string(),
                word.replacen(|c: char| c.is_ascii_lowercase(), "q", 1),
                word.to_uppercase(),
            ];
            tries.retain(|t| !t.is_empty());
            for t in tries {
                let lower = crate::case::fold_small(&t);
                inline += lower.key().is_some() as usize;
                assert_eq!(v.number_of(&lower), v.number(&lower), "{t:?}");
            }
            assert_eq!(v.number_of(&crate::case::fold_small(word)), v.numbers[word]);
        }
        // The table was used: most words fit inline.
        assert!(inline > v.len() * 4, "{inline} of {}", v.len());
        // A vocabulary not indexed yet looks words up in its map.
        let mut fresh = Vocabulary::default();
        let n = fresh.add("ship");
        assert_eq!(fresh.number_of(&crate::case::fold_small("Ship")), n);
    }

    #[test]
    fn longest_entry_wins_and_prefixes_match() {
        assert_eq!(matches(&["speed", "speed up"], "speed up now"), [(0, 2)]);
        assert_eq!(
            matches(&["optimi*"], "Optimise; optimizing; optimal"),
            [(0, 1), (2, 3)]
        );
        assert_eq!(matches(&["re-frob*"], "re-frobbing"), [(0, 1)]);
        assert!(matches(&["*", "  "], "* anything").is_empty());
    }

    /// A token is in a word class exactly when its text is in the class's
    /// list, for every entry of every list and some words that are not.
    #[test]
    fn word_classes_agree_with_their_lists() {
        let mut text = String::from("Zero ZERO 200ms MS by Q3 the <= ≤ v. .net tier-2 # x");
        for (_, words) in crate::analysis::WORD_CLASSES {
            for w in *words {
                text.push(' ');
                text.push_str(w);
            }
        }
        for t in tokenize(&text, 0) {
            for &(class, words) in crate::analysis::WORD_CLASSES {
                assert_eq!(
                    vocabulary().in_class(t.word, class),
                    words.contains(&t.lower.as_str()),
                    "{} in class {class}",
                    t.lower
                );
            }
        }
    }

    #[test]
    fn vocabulary_covers_every_default_word() {
        for spec in WORD_LISTS {
            for entry in spec.defaults {
                for t in tokenize(&crate::case::fold(entry), 0) {
                    assert_ne!(t.word, UNLISTED, "{entry}: {}", t.lower);
                }
            }
        }
    }
}
