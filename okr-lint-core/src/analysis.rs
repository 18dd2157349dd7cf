//! Reading a statement: tokens, metric targets, the outcome clause, the
//! opening verb. Shared by KR kind inference and by the rules, computed once
//! per statement.

use crate::words::Lexicons;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

/// A word, number or punctuation mark with its absolute byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// The token in lower case.
    pub lower: crate::case::Lower,
    /// Whether the token's first character is upper case as written.
    pub capitalized: bool,
    /// The token's number in the vocabulary of the default word lists, or
    /// [`crate::words::UNLISTED`]: word lists compare numbers, not strings.
    pub word: u32,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    pub fn is(&self, s: &str) -> bool {
        self.lower == s
    }
}

/// Words and marks the analysis looks for at every token of a statement,
/// numbered first in the vocabulary, in this order: a test is one
/// comparison of numbers (`token.word == TO`), not of strings.
pub(crate) const STRUCTURE_WORDS: [&str; 10] = [
    "to", "which", ",", ":", "—", "–", "from", "by", "before", "until",
];
const TO: u32 = 0;
const WHICH: u32 = 1;
const COMMA: u32 = 2;
const COLON: u32 = 3;
const EM_DASH: u32 = 4;
const EN_DASH: u32 = 5;
const FROM: u32 = 6;
const BY: u32 = 7;
const BEFORE: u32 = 8;
const UNTIL: u32 = 9;

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '_')
}

/// Split `text` (which starts at byte `base` of the source) into tokens.
/// Words keep inner hyphens and apostrophes (`world-class`, `team's`);
/// numbers keep decimal points, thousands separators, a leading currency
/// sign and a trailing unit or `%` (`$1.5k`, `99.9%`, `200ms`).
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    tokenize_in(text, base, Some(crate::words::vocabulary()))
}

/// [`tokenize`], numbering the tokens by `vocab` (none while the vocabulary
/// itself is being built).
pub(crate) fn tokenize_in(
    text: &str,
    base: usize,
    vocab: Option<&crate::words::Vocabulary>,
) -> Vec<Token> {
    let number =
        |lower: &crate::case::Lower| vocab.map_or(crate::words::UNLISTED, |v| v.number_of(lower));
    let bytes = text.as_bytes();
    // About one token per five bytes of prose; reserving that up front
    // avoids most of the growth copies.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 2);
    let mut i = 0;
    while let Some(&x) = bytes.get(i) {
        // ASCII letters, digits and spaces, nearly every byte of a
        // statement, are told apart by one table lookup.
        let class = BYTE_CLASS[x as usize];
        if class == SPACE {
            i += 1;
            continue;
        }
        let Some(c) = char_at(text, i) else { break };
        let len = c.len_utf8();
        if class == OTHER && c.is_whitespace() {
            i += len;
            continue;
        }
        let numeric_start = class == DIGIT
            || (matches!(c, '$' | '€' | '£')
                && char_at(text, i + len).is_some_and(|n| n.is_ascii_digit()));
        if class >= LETTER || alphanumeric(c) || numeric_start {
            let mut end = i + len;
            loop {
                // A run of ASCII letters and digits is always taken.
                end += bytes[end..]
                    .iter()
                    .take_while(|&&b| BYTE_CLASS[b as usize] >= LETTER)
                    .count();
                let Some(n) = char_at(text, end) else { break };
                let n_len = n.len_utf8();
                let take = if alphanumeric(n) {
                    true
                } else if is_joiner(n) || (numeric_start && matches!(n, '.' | ',')) {
                    // Only inside a word: the next character must be alphanumeric.
                    char_at(text, end + n_len).is_some_and(alphanumeric)
                } else {
                    numeric_start && n == '%'
                };
                if !take {
                    break;
                }
                end += n_len;
                if n == '%' {
                    break;
                }
            }
            let lower = crate::case::fold_small(&text[i..end]);
            tokens.push(Token {
                start: base + i,
                end: base + end,
                kind: if numeric_start {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                },
                word: number(&lower),
                lower,
                capitalized: c.is_uppercase(),
            });
            i = end;
        } else {
            let lower = crate::case::fold_small(&text[i..i + len]);
            tokens.push(Token {
                start: base + i,
                end: base + i + len,
                kind: TokenKind::Punct,
                word: number(&lower),
                lower,
                capitalized: false,
            });
            i += len;
        }
    }
    tokens
}

/// The ASCII bytes `char::is_whitespace` accepts: those of
/// `u8::is_ascii_whitespace` and the vertical tab (0x0b), which it leaves
/// out.
pub(crate) const fn is_space_byte(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Classes of ASCII bytes for the tokenizer (anything else is [`OTHER`]).
const OTHER: u8 = 0;
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 3;

/// For each byte: [`SPACE`] for the ASCII bytes `char::is_whitespace`
/// accepts, [`LETTER`] and [`DIGIT`] for those `char::is_ascii_alphanumeric`
/// does, [`OTHER`] for the rest (indexed by a `u8`: no bounds check).
const BYTE_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            c if is_space_byte(c) => SPACE,
            b'0'..=b'9' => DIGIT,
            b'a'..=b'z' | b'A'..=b'Z' => LETTER,
            _ => OTHER,
        };
        b += 1;
    }
    table
};

/// The character starting at byte `i` of `text` (a character boundary).
/// Most text is ASCII, which needs no decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(b as char),
        Some(_) => text[i..].chars().next(),
        None => None,
    }
}

#[inline]
fn alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric()
    }
}

const UNITS: &[&str] = &[
    "ms",
    "millisecond",
    "milliseconds",
    "s",
    "sec",
    "secs",
    "second",
    "seconds",
    "min",
    "mins",
    "minute",
    "minutes",
    "h",
    "hr",
    "hrs",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "%",
    "percent",
    "pct",
    "percentage",
    "points",
    "pp",
    "x",
    "k",
    "m",
    "b",
    "kb",
    "mb",
    "gb",
    "tb",
    "pb",
    "usd",
    "eur",
    "gbp",
    "dollars",
    "euros",
    "rps",
    "qps",
    "rpm",
    "tps",
    "nines",
    "bps",
    "ops",
    "nps",
    "csat",
    "incidents",
    "errors",
    "failures",
    "outages",
    "pages",
    "alerts",
    "tickets",
    "bugs",
    "defects",
    "requests",
    "users",
    "customers",
    "sessions",
    "deploys",
    "deployments",
    "releases",
];
const ORDINALS: &[&str] = &["st", "nd", "rd", "th"];
/// Words before a number that make it a label, not a target (`phase 2`,
/// `SOC 2`, `end of month 2`, `top 10`).
const NOT_TARGET_BEFORE: &[&str] = &[
    "phase",
    "stage",
    "step",
    "steps",
    "tier",
    "level",
    "version",
    "v",
    "wave",
    "p",
    "month",
    "week",
    "day",
    "sprint",
    "q",
    "h",
    "fy",
    "milestone",
    "section",
    "objective",
    "kr",
    "okr",
    "soc",
    "iso",
    "pci",
    "dss",
    "http",
    "ipv",
    "tls",
    "oauth",
    "sla",
    "slo",
    "no",
    "number",
    "round",
    "iteration",
    "part",
    "chapter",
    "grade",
    "python",
    "java",
    "node",
    "postgres",
    "postgresql",
    "mysql",
    "ruby",
    "rails",
    "ios",
    "android",
    "windows",
    "ubuntu",
    "debian",
    "react",
    "angular",
    "vue",
    "kubernetes",
    "k8s",
    "api",
    "gen",
    "web",
    "wcag",
    "tier-",
    "#",
    "sev",
    "severity",
    "priority",
    "pri",
    "jira",
    "release",
    "v.",
    "rhel",
    "java",
    "dotnet",
    ".net",
    "terraform",
    "go",
    "es",
    "ecmascript",
    "hipaa",
];
/// Words before a number that make it a scope count (`top 10`).
const COUNT_BEFORE: &[&str] = &["top", "first", "last", "bottom"];
/// Words before a number that name a standard or level (`SLSA level 3`).
const STANDARD_BEFORE: &[&str] = &[
    "level", "tier", "grade", "soc", "iso", "wcag", "slsa", "pci", "dss", "hipaa", "stage",
];
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const COMPARATORS: &[&str] = &[
    "under", "below", "above", "over", "within", "least", "most", "than", "<", ">", "≤", "≥", "<=",
    ">=", "max", "min", "maximum", "minimum", "all", "every", "each", "to", "by",
];
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "fifty", "hundred", "thousand", "dozen",
];
const RELATIVE_TARGETS: &[&str] = &["zero", "double", "triple", "halve", "twice", "quadruple"];
/// Words after `to` that are never verbs.
const NOT_VERBS: &[&str] = &[
    "a",
    "an",
    "the",
    "our",
    "their",
    "its",
    "my",
    "your",
    "all",
    "every",
    "each",
    "new",
    "one",
    "zero",
    "production",
    "prod",
    "staging",
    "date",
    "market",
    "customers",
    "users",
    "teams",
    "microservices",
    "cloud",
    "kubernetes",
    "aws",
    "gcp",
    "azure",
    "day",
    "days",
    "hours",
    "minutes",
    "weeks",
    "months",
    "done",
    "completion",
    "scale",
    "private",
    "climate",
    "rate",
    "estimate",
    "candidate",
    "state",
    "update",
    "template",
    "plate",
];

/// Word classes of the lists above, as bits. Each token carries its number
/// in [`crate::words::Vocabulary`], which keeps the classes of every listed
/// word: testing a token is an index, not a search of the list.
pub(crate) const UNIT: u8 = 1;
pub(crate) const NOT_TARGET: u8 = 1 << 1;
pub(crate) const COUNT: u8 = 1 << 2;
pub(crate) const STANDARD: u8 = 1 << 3;
pub(crate) const MONTH: u8 = 1 << 4;
pub(crate) const COMPARATOR: u8 = 1 << 5;
pub(crate) const NUMBER_WORD: u8 = 1 << 6;
pub(crate) const RELATIVE: u8 = 1 << 7;

/// The lists behind the classes (all lower case). An entry that is not a
/// single token of its own (`<=`, `v.`) can equal no token.
pub(crate) const WORD_CLASSES: &[(u8, &[&str])] = &[
    (UNIT, UNITS),
    (NOT_TARGET, NOT_TARGET_BEFORE),
    (COUNT, COUNT_BEFORE),
    (STANDARD, STANDARD_BEFORE),
    (MONTH, MONTHS),
    (COMPARATOR, COMPARATORS),
    (NUMBER_WORD, NUMBER_WORDS),
    (RELATIVE, RELATIVE_TARGETS),
];

/// What a statement says, in terms the rules use.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub tokens: Vec<Token>,
    /// Token ranges that are metric targets: percentages, numbers with a
    /// unit, `from X to Y`, `zero`, `all N`, comparisons (`under 120ms`).
    pub metrics: Vec<(usize, usize)>,
    /// Plain counts (`3 dashboards`, `top 10`): measurable, but not a metric.
    pub counts: Vec<usize>,
    /// Standards and levels (`SOC 2`, `SLSA level 3`).
    pub standards: Vec<usize>,
    /// A deadline: `by August 15`, `by end of Q3`, `before the audit`.
    pub deadline: Option<usize>,
    /// A `from X to Y` pair (token range).
    pub from_to: Option<(usize, usize)>,
    /// A change verb (`reduce`, `increase`) before the outcome clause.
    pub change_verb: Option<(usize, usize)>,
    /// A phrase saying how success is verified (`approved by`).
    pub acceptance: Option<(usize, usize)>,
    /// Token index where the outcome clause starts.
    pub outcome: Option<usize>,
    /// Index of the first word token.
    pub lead: Option<usize>,
    /// The opening activity phrase, if the statement opens with one.
    pub lead_activity: Option<(usize, usize)>,
    /// The discovery verb or noun that makes the statement discovery work.
    pub discovery: Option<(usize, usize)>,
}

impl Facts {
    /// Has a metric target.
    pub fn has_metric(&self) -> bool {
        !self.metrics.is_empty()
    }

    /// Has a metric, a count, an acceptance criterion, or a standard it
    /// reaches (`Reach SLSA level 3`).
    pub fn is_measurable(&self) -> bool {
        self.has_metric()
            || !self.counts.is_empty()
            || self.acceptance.is_some()
            || (!self.standards.is_empty() && self.change_verb.is_some())
    }

    /// Tokens before the outcome clause: the [What]/[How] part.
    pub fn main_clause(&self) -> &[Token] {
        &self.tokens[..self.outcome.unwrap_or(self.tokens.len())]
    }

    /// Byte range covered by a token range.
    pub fn range(&self, (a, b): (usize, usize)) -> (usize, usize) {
        (self.tokens[a].start, self.tokens[b - 1].end)
    }
}

fn number_parts(lower: &str) -> (&str, &str) {
    let body = lower.trim_start_matches(['$', '€', '£']);
    let split = body
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(body.len());
    (&body[..split], &body[split..])
}

fn is_year(lower: &str) -> bool {
    lower.len() == 4
        && lower.bytes().all(|b| b.is_ascii_digit())
        && (1900..=2100).contains(&lower.parse::<u32>().unwrap_or(0))
}

/// Read a statement that starts at byte `base` of the source.
pub fn analyze(text: &str, base: usize, lex: &Lexicons) -> Facts {
    let tokens = tokenize(text, base);
    let mut f = Facts {
        lead: tokens.iter().position(|t| t.is_word()),
        ..Facts::default()
    };
    f.outcome = find_outcome(&tokens, lex);
    let main_end = f.outcome.unwrap_or(tokens.len());
    f.change_verb = lex
        .change_verbs
        .find_from(&tokens, 0)
        .filter(|&(a, _)| a < main_end);
    f.acceptance = lex.acceptance.find_from(&tokens, 0);
    f.from_to = find_from_to(&tokens);
    if let Some(r) = f.from_to {
        f.metrics.push(r);
    }
    let word = |i: usize| tokens.get(i).map(|t| t.lower.as_str()).unwrap_or("");
    let vocab = crate::words::vocabulary();
    // Whether token `i` exists and is in `class`.
    let is = |i: usize, class: u8| tokens.get(i).is_some_and(|t| vocab.in_class(t.word, class));
    for (i, t) in tokens.iter().enumerate() {
        if f.from_to.is_some_and(|(a, b)| (a..b).contains(&i)) {
            continue;
        }
        match t.kind {
            TokenKind::Number => {
                let (digits, suffix) = number_parts(&t.lower);
                let prev = if i > 0 { word(i - 1) } else { "" };
                if !digits.is_empty() && i > 0 && is(i - 1, COUNT) {
                    f.counts.push(i);
                    continue;
                }
                if !digits.is_empty() && i > 0 && is(i - 1, STANDARD) {
                    f.standards.push(i);
                    continue;
                }
                // A version: `Upgrade Postgres to 16`, `Move to Python 3.12`.
                if i > 1 && matches!(prev, "to" | "v") && is(i - 2, NOT_TARGET) {
                    continue;
                }
                if digits.is_empty()
                    || ORDINALS.contains(&suffix)
                    || suffix.contains(['-', '/', ':'])
                    || (suffix.is_empty() && is_year(digits))
                    || (i > 0 && is(i - 1, NOT_TARGET))
                    || (i > 0 && is(i - 1, MONTH))
                    || is(i + 1, MONTH)
                {
                    continue;
                }
                let next = word(i + 1);
                let metric = !suffix.is_empty()
                    || is(i + 1, UNIT)
                    || next == "/"
                    || next == "per"
                    || (i > 0 && is(i - 1, COMPARATOR))
                    || ((next == "of" || (next == "out" && word(i + 2) == "of"))
                        && tokens
                            .get(i + 2..i + 4)
                            .is_some_and(|w| w.iter().any(|t| t.kind == TokenKind::Number)))
                    || f.change_verb.is_some_and(|(a, _)| a < i);
                if metric {
                    let end = if is(i + 1, UNIT) || next == "%" {
                        i + 2
                    } else {
                        i + 1
                    };
                    f.metrics.push((i, end.min(tokens.len())));
                } else {
                    f.counts.push(i);
                }
            }
            TokenKind::Word => {
                if vocab.in_class(t.word, RELATIVE) {
                    f.metrics.push((i, i + 1));
                } else if vocab.in_class(t.word, NUMBER_WORD) && i > 0 {
                    if is(i + 1, UNIT) {
                        f.metrics.push((i, i + 2));
                    } else {
                        f.counts.push(i);
                    }
                }
            }
            TokenKind::Punct => {}
        }
    }
    f.deadline = tokens.iter().enumerate().position(|(i, t)| {
        matches!(t.word, BY | BEFORE | UNTIL)
            && tokens.get(i + 1).is_some_and(|n| {
                vocab.in_class(n.word, MONTH)
                    || n.is("end")
                    || n.is("the")
                    || n.lower.starts_with('q') && n.lower.len() == 2
                    || n.kind == TokenKind::Number
            })
    });
    if let Some(lead) = f.lead {
        f.lead_activity = lex
            .activity
            .match_at(&tokens, lead)
            .map(|n| (lead, lead + n));
        f.discovery = lex
            .discovery_verbs
            .match_at(&tokens, lead)
            .map(|n| (lead, lead + n))
            .or_else(|| {
                const WRAPPERS: &[&str] = &[
                    "complete", "finish", "conduct", "run", "do", "perform", "carry", "hold",
                ];
                if !WRAPPERS.contains(&tokens[lead].lower.as_str()) {
                    return None;
                }
                // `Complete (a|the) vendor evaluation`: a discovery noun within
                // the next few words, before any preposition.
                (lead + 1..(lead + 5).min(main_end)).find_map(|j| {
                    if matches!(
                        tokens[j].lower.as_str(),
                        "of" | "for" | "with" | "to" | "on" | "in"
                    ) || tokens[j].kind == TokenKind::Punct
                    {
                        return Some(None);
                    }
                    lex.discovery_nouns
                        .match_at(&tokens, j)
                        .map(|n| Some((j, j + n)))
                })?
            });
    }
    f.tokens = tokens;
    f
}

/// `from 200ms to 100ms`, `from 12/quarter to 2/quarter`, `from days to hours`.
fn find_from_to(tokens: &[Token]) -> Option<(usize, usize)> {
    let vocab = crate::words::vocabulary();
    let quantity =
        |t: &Token| t.kind == TokenKind::Number || vocab.in_class(t.word, UNIT) || t.is("zero");
    for (i, t) in tokens.iter().enumerate() {
        if t.word != FROM {
            continue;
        }
        let Some(to) = (i + 1..(i + 7).min(tokens.len())).find(|&j| tokens[j].word == TO) else {
            continue;
        };
        let before = &tokens[i + 1..to];
        let after_end = (to + 4).min(tokens.len());
        let after = &tokens[to + 1..after_end];
        if before.iter().any(quantity) && after.iter().any(quantity) {
            // Extend over the target's number and unit.
            let mut end = to + 1;
            while end < after_end && (quantity(&tokens[end]) || tokens[end].is("/")) {
                end += 1;
                if end < after_end && tokens[end - 1].is("/") {
                    end += 1;
                }
            }
            return Some((i, end.max(to + 2).min(tokens.len())));
        }
    }
    None
}

/// Where the outcome clause starts: `so that`, `in order to`, `to <verb>`,
/// `, reducing ...`, `which enables`, or an elaboration after `:` or a dash.
pub fn find_outcome(tokens: &[Token], lex: &Lexicons) -> Option<usize> {
    for (i, t) in tokens.iter().enumerate() {
        if i == 0 {
            continue;
        }
        if lex.outcome_markers.match_at(tokens, i).is_some() {
            return Some(i);
        }
        // `aim to`, `try to`, `plan to`: the infinitive is the main verb.
        const CATENATIVE: &[&str] = &[
            "aim", "aiming", "try", "trying", "attempt", "strive", "hope", "continue", "plan",
            "planning", "want", "need", "going", "able", "have", "how", "start", "begin", "learn",
            "commit", "agree", "decide", "expect", "intend", "seek", "ought", "used",
        ];
        if t.word == TO && !CATENATIVE.contains(&tokens[i - 1].lower.as_str()) {
            if let Some(next) = tokens.get(i + 1) {
                if to_verb(next, lex, tokens, i + 1) {
                    return Some(i);
                }
            }
        }
        if t.word == WHICH
            && tokens
                .get(i + 1)
                .is_some_and(|n| n.is_word() && n.lower.ends_with('s'))
        {
            return Some(i);
        }
        if t.word == COMMA
            && tokens.get(i + 1).is_some_and(|n| {
                n.lower.ends_with("ing") && ing_stem_is_outcome_verb(&n.lower, lex)
            })
        {
            return Some(i + 1);
        }
        if matches!(t.word, COLON | EM_DASH | EN_DASH) && tokens.len() - i > 3 {
            return Some(i);
        }
    }
    None
}

fn to_verb(next: &Token, lex: &Lexicons, tokens: &[Token], at: usize) -> bool {
    if !next.is_word() || next.capitalized || NOT_VERBS.contains(&next.lower.as_str()) {
        return false;
    }
    if lex.outcome_verbs.match_at(tokens, at).is_some() {
        return true;
    }
    let w = next.lower.as_str();
    w.len() > 5
        && (w.ends_with("ize") || w.ends_with("ise") || w.ends_with("ify") || w.ends_with("ate"))
}

fn ing_stem_is_outcome_verb(word: &str, lex: &Lexicons) -> bool {
    let stem = &word[..word.len() - 3];
    let candidates = [
        stem.to_string(),
        format!("{stem}e"),
        stem.get(..stem.len().saturating_sub(1))
            .unwrap_or("")
            .to_string(),
    ];
    candidates
        .iter()
        .any(|c| !c.is_empty() && lex.outcome_verbs.entries().iter().any(|e| e == c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::default_lexicons;

    fn facts(s: &str) -> Facts {
        analyze(s, 0, default_lexicons())
    }

    #[test]
    fn tokens_keep_units_and_hyphens() {
        let t: Vec<String> = tokenize("Cut p95 to 200ms, world-class $1.5k 99.9% CI/CD", 0)
            .into_iter()
            .map(|t| t.lower.to_string())
            .collect();
        assert_eq!(
            t,
            [
                "cut",
                "p95",
                "to",
                "200ms",
                ",",
                "world-class",
                "$1.5k",
                "99.9%",
                "ci",
                "/",
                "cd"
            ]
        );
    }

    /// The tokenizer written the plain way, one `char` at a time: the
    /// reference for the byte-scanning one.
    fn reference_tokens(text: &str) -> Vec<(usize, usize, TokenKind)> {
        let mut out = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let numeric_start = c.is_ascii_digit()
                || (matches!(c, '$' | '€' | '£')
                    && chars.peek().is_some_and(|&(_, n)| n.is_ascii_digit()));
            if !(c.is_alphanumeric() || numeric_start) {
                out.push((i, i + c.len_utf8(), TokenKind::Punct));
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                let take = if n.is_alphanumeric() {
                    true
                } else if is_joiner(n) || (numeric_start && matches!(n, '.' | ',')) {
                    let rest = &text[j + n.len_utf8()..];
                    rest.chars().next().is_some_and(|m| m.is_alphanumeric())
                } else {
                    numeric_start && n == '%'
                };
                if !take {
                    break;
                }
                end = j + n.len_utf8();
                chars.next();
                if n == '%' {
                    break;
                }
            }
            let kind = if numeric_start {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            out.push((i, end, kind));
        }
        out
    }

    proptest::proptest! {
        #[test]
        fn tokenizer_agrees_with_the_reference(
            text in "([a-zA-Z0-9 .,%$€£'’_:/-]|é|Ü|ß|İ|σ|Σ|日本|١٢|\\u{2003}|\\u{301}|\n){0,40}"
        ) {
            let got: Vec<_> = tokenize(&text, 3)
                .into_iter()
                .map(|t| {
                    proptest::prop_assert_eq!(&*t.lower, crate::case::fold(&text[t.start - 3..t.end - 3]));
                    proptest::prop_assert_eq!(t.word, crate::words::vocabulary().number(&t.lower));
                    Ok((t.start - 3, t.end - 3, t.kind))
                })
                .collect::<Result<_, _>>()?;
            proptest::prop_assert_eq!(got, reference_tokens(&text));
        }
    }

    #[test]
    fn space_bytes_are_the_ascii_whitespace_chars() {
        for b in 0..128u8 {
            assert_eq!(is_space_byte(b), (b as char).is_whitespace(), "{b:#04x}");
        }
    }

    #[test]
    fn metrics() {
        assert!(facts("Improve API p95 latency from 200ms to 100ms")
            .from_to
            .is_some());
        assert!(facts("Reduce P1 incidents from 12/quarter to 2/quarter").has_metric());
        assert!(facts("Migrate 100% of hardcoded secrets").has_metric());
        assert!(facts("Complete data migration with zero data loss").has_metric());
        assert!(!facts("Improve API performance").has_metric());
        assert!(!facts("Ship v2 of the API by March 15 2026").is_measurable());
        assert!(facts("Achieve SOC 2 compliance in Q3").is_measurable());
        assert!(!facts("Prepare for SOC 2 compliance in Q3").is_measurable());
        assert!(!facts("Upgrade Postgres to 16").has_metric());
        assert!(facts("Renegotiate the top 10 contracts").is_measurable());
        assert!(facts("Decide build vs. buy by September 30")
            .deadline
            .is_some());
        let f = facts("Ship 3 dashboards");
        assert!(!f.has_metric() && f.is_measurable());
    }

    #[test]
    fn outcome_clause() {
        assert!(
            facts("Build X for product teams to enable independent deployments")
                .outcome
                .is_some()
        );
        assert!(
            facts("Migrate legacy monolith to microservices architecture")
                .outcome
                .is_none()
        );
        assert!(facts("Move billing to the new service").outcome.is_none());
        assert!(
            facts("Empower developers with a delightful authentication experience")
                .outcome
                .is_none()
        );
        assert!(facts("Ship dashboards so that on-call sees errors")
            .outcome
            .is_some());
        assert!(facts("Ship dashboards, reducing time to detect")
            .outcome
            .is_some());
        let f = facts("Aim to increase card success rate to 97%");
        assert!(f.outcome.is_none() && f.change_verb.is_some());
    }

    #[test]
    fn discovery_lead() {
        assert!(facts("Research tracing vendors").discovery.is_some());
        assert!(
            facts("Complete vendor evaluation with final recommendation")
                .discovery
                .is_some()
        );
        assert!(facts("Complete data migration to new warehouse")
            .discovery
            .is_none());
    }
}
