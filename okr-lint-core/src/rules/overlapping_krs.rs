use crate::declare_rule;
use crate::rule::{Reporter, Rule};
use crate::summary::{KeyMap, KrSummary, Summaries};
use crate::words::Fnv;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

declare_rule! {
    /// ## What it does
    /// Points out two key results of different teams that say nearly the
    /// same thing: most of their content words are shared (Jaccard
    /// similarity at or above `[overlap] threshold`, 0.7 by default). Only
    /// KRs whose objective names a team (directly or through its section)
    /// are compared, and very short KRs are skipped. To stay fast on a
    /// workspace of any size, each KR is compared with at most 64
    /// earlier KRs found through its rarest words; where thousands of KRs
    /// share the same words (KRs written from one template), some overlaps
    /// go unreported.
    ///
    /// ## Why
    /// The guide recommends keeping all teams' OKRs in one shared document so
    /// anyone can spot overlaps and gaps. Two teams promising the same result
    /// either duplicate work or each assume the other will deliver it.
    ///
    /// ## Example
    /// ```markdown
    /// # Data Platform
    /// - KR: Migrate all 40 nightly jobs to the new warehouse with zero data loss
    /// # Analytics
    /// - KR: Migrate all 40 nightly jobs to the new warehouse without data loss
    /// ```
    ///
    /// ## Use instead
    /// One team owns the result; the other lists it as a dependency
    /// (`Blocks:` on the owner's KR) instead of repeating it.
    pub struct OverlappingKrs {
        code: "OKR303",
        name: "overlapping-krs",
        severity: Info,
        enabled: true,
        fixable: false,
    }
}

/// KRs with fewer distinct content words are not compared.
pub(crate) const MIN_WORDS: usize = 4;
/// Bounds that keep the check linear even when one phrasing is repeated
/// thousands of times: postings read per KR (a KR that shares several of
/// the searching KR's rarest words is met, and compared, once per word),
/// and KRs indexed per word.
const MAX_CANDIDATES: usize = 64;
const MAX_POSTINGS: usize = 64;
/// The search is split into this many chunks, which the caller may run in
/// parallel.
const CHUNKS: usize = 16;

impl Rule for OverlappingKrs {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    /// On 100 MB of OKRs, about six times any other workspace rule.
    #[cfg(not(target_arch = "wasm32"))]
    fn workspace_cost(&self) -> u8 {
        1
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let t = ws.config.overlap.threshold.max(0.05);
        // Each KR's distinct content words, interned as ids.
        let mut ids: KeyMap<u32> = KeyMap::default();
        // Teams as ids too: candidates of the same team are skipped.
        let mut teams: FastMap<String, u32> = FastMap::default();
        // Sized from every KR of the workspace, an upper bound, instead of
        // grown by doubling, which copied them and touched fresh pages at
        // each step (100 MB benchmark: 16,000 page faults fewer). Room
        // reserved but never written is never touched, so costs no memory.
        let all_krs: usize = ws.files.iter().map(|f| f.all_key_results().len()).sum();
        let all_words: usize = ws.files.iter().map(|f| f.all_words().len()).sum();
        let mut krs: Vec<Kr> = Vec::with_capacity(all_krs);
        // All word sets, one after another: KR n's is
        // `sets[starts[n]..starts[n + 1]]`. One allocation, read in order.
        let mut sets: Vec<u32> = Vec::with_capacity(all_words);
        let mut starts: Vec<usize> = Vec::with_capacity(all_krs + 1);
        starts.push(0);
        // last_kr[id] == n: the word was already taken for the n-th KR.
        let mut last_kr: Vec<usize> = Vec::new();
        // Each file's teams as workspace-wide ids (case-insensitive).
        let team_ids: Vec<Vec<u32>> = ws
            .files
            .iter()
            .map(|f| {
                f.teams
                    .iter()
                    .map(|t| {
                        let next = teams.len() as u32;
                        *teams.entry(crate::case::fold(t)).or_insert(next)
                    })
                    .collect()
            })
            .collect();
        let with_team = ws.objectives().filter_map(|o| {
            let team = o.objective.team?;
            let team_id = *team_ids[o.file].get(team as usize)?;
            let file = &ws.files[o.file];
            Some(file.key_results(o.objective).iter().map(move |kr| Kr {
                file: o.file as u32,
                team,
                team_id,
                kr,
            }))
        });
        for (n, k) in with_team.flatten().enumerate() {
            let from = sets.len();
            for &x in ws.files[k.file as usize].words(k.kr) {
                let next = ids.len() as u32;
                let id = *ids.entry(x).or_insert(next);
                if id == next {
                    last_kr.push(usize::MAX);
                }
                if last_kr[id as usize] != n {
                    last_kr[id as usize] = n;
                    sets.push(id);
                }
            }
            if sets.len() - from < MIN_WORDS {
                sets.truncate(from);
                continue;
            }
            krs.push(k);
            starts.push(sets.len());
        }
        // Prefix filtering: with words ordered rarest first, two sets with
        // Jaccard >= t must share a word among the first |x| - ceil(t|x|) + 1.
        // Renumbering the ids by rarity makes each sorted set that order.
        let mut df = vec![0usize; ids.len()];
        for &x in &sets {
            df[x as usize] += 1;
        }
        let rank = rarity_ranks(&df);
        for x in sets.iter_mut() {
            *x = rank[*x as usize];
        }
        for n in 0..krs.len() {
            crate::sort::sort_ids(&mut sets[starts[n]..starts[n + 1]]);
        }
        let set = |n: usize| word_set(&sets, &starts, n);
        // Postings: for each word, the first MAX_POSTINGS KRs with it in
        // their prefix, in KR order, with what the filters below need to
        // know about each (so most candidates are rejected without reading
        // their KR or their words). Word x's are
        // `postings[first[x]..first[x] + count[x]]`.
        let mut count = vec![0u32; ids.len()];
        for n in 0..krs.len() {
            let w = set(n);
            for &x in w.iter().take(prefix_len(t, w.len())) {
                count[x as usize] = (count[x as usize] + 1).min(MAX_POSTINGS as u32);
            }
        }
        let mut first = Vec::with_capacity(ids.len());
        let mut total = 0usize;
        for &c in &count {
            first.push(total);
            total += c as usize;
        }
        let mut postings = vec![Posting::default(); total];
        count.fill(0);
        for (n, k) in krs.iter().enumerate() {
            let w = set(n);
            let bits = Bits::of(w).planes[0];
            for (px, &x) in w.iter().enumerate().take(prefix_len(t, w.len())) {
                let c = &mut count[x as usize];
                if (*c as usize) < MAX_POSTINGS {
                    postings[first[x as usize] + *c as usize] = Posting {
                        start: starts[n],
                        bits,
                        kr: n as u32,
                        at: px as u32,
                        len: w.len() as u32,
                        team: k.team_id,
                    };
                    *c += 1;
                }
            }
        }
        // overlap_needed for sizes below SMALL, computed once; more than
        // any overlap (so the positional filter rejects) for sizes too
        // different to reach the threshold.
        let mut needed = vec![0u8; SMALL * SMALL];
        for a in 0..SMALL {
            for b in 0..SMALL {
                needed[a * SMALL + b] = if too_different(t, a, b) {
                    u8::MAX
                } else {
                    overlap_needed(t, a, b) as u8
                };
            }
        }
        let index = Index {
            t,
            sets: &sets,
            starts: &starts,
            postings: &postings,
            first: &first,
            count: &count,
            needed: &needed,
        };
        // Each KR is compared with earlier KRs only, so KRs can be searched
        // independently: in chunks, in parallel when the caller's map is.
        let chunk = krs.len().div_ceil(CHUNKS).max(1);
        let search = |c: usize| {
            let mut out = Reporter::new(self.meta());
            let (from, to) = (c * chunk, ((c + 1) * chunk).min(krs.len()));
            index.search(ws, &krs, from..to, &mut out);
            out.out
        };
        for found in (ws.map)(krs.len().div_ceil(chunk), &search) {
            out.out.extend(found);
        }
    }
}

/// Sizes of word sets below this have their [`overlap_needed`] in a table.
const SMALL: usize = 48;

/// What the search reads: every KR's word set, ids renumbered by rarity and
/// sorted (KR n's is `sets[starts[n]..starts[n + 1]]`), and the postings
/// (word x's are `postings[first[x]..first[x] + count[x]]`).
struct Index<'a> {
    t: f64,
    sets: &'a [u32],
    starts: &'a [usize],
    postings: &'a [Posting],
    first: &'a [usize],
    count: &'a [u32],
    /// [`overlap_needed`] of sizes `a` and `b` below [`SMALL`] at
    /// `a * SMALL + b`, `u8::MAX` when they are [`too_different`].
    needed: &'a [u8],
}

impl Index<'_> {
    /// Report each KR of `range` that says nearly the same as an earlier
    /// KR of another team (the most similar; of equals, the earliest).
    fn search(&self, ws: &Summaries, krs: &[Kr], range: Range<usize>, out: &mut Reporter) {
        // The word-bits filter counts bits at every candidate: with the
        // CPU's instruction for it where there is one (every x86-64 CPU
        // since 2008), not the dozen instructions of the portable count.
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("popcnt") {
            // SAFETY: the CPU has the one feature the function is built for.
            return unsafe { self.search_popcnt(ws, krs, range, out) };
        }
        self.search_any(ws, krs, range, out)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "popcnt")]
    fn search_popcnt(&self, ws: &Summaries, krs: &[Kr], range: Range<usize>, out: &mut Reporter) {
        self.search_any(ws, krs, range, out)
    }

    #[inline(always)]
    fn search_any(&self, ws: &Summaries, krs: &[Kr], range: Range<usize>, out: &mut Reporter) {
        for i in range {
            if let Some((jac, j)) = self.best_match(i, krs[i].team_id) {
                report(ws, out, &krs[i], &krs[j], jac);
            }
        }
    }

    fn set(&self, n: usize) -> &[u32] {
        word_set(self.sets, self.starts, n)
    }

    /// The earlier KR of another team most similar to KR `i` (of team
    /// `team`), reaching the threshold: the similarity and the KR.
    /// Candidates are the KRs that share a word of `i`'s prefix, at most
    /// [`MAX_CANDIDATES`] of them, met word by word in prefix order; most
    /// are rejected by filters that read only their posting.
    #[inline(always)]
    fn best_match(&self, i: usize, team: u32) -> Option<(f64, usize)> {
        let w = self.set(i);
        let n = w.len();
        let bits = Bits::of(w);
        let mut candidates = 0usize;
        let mut best: Option<(f64, usize)> = None;
        'outer: for (px, &x) in w.iter().enumerate().take(prefix_len(self.t, n)) {
            let x = x as usize;
            for p in &self.postings[self.first[x]..self.first[x] + self.count[x] as usize] {
                let (j, py, m) = (p.kr as usize, p.at as usize, p.len as usize);
                // Postings are in KR order: the rest are later KRs.
                if j >= i {
                    break;
                }
                if candidates >= MAX_CANDIDATES {
                    break 'outer;
                }
                // Not deduplicated: a KR met twice gets the same
                // similarity twice, and a set of the candidates met
                // cost a sixth of the search (100 MB corpus, one
                // thread: median 584 ms with it, 480 ms without).
                candidates += 1;
                if p.team == team {
                    continue;
                }
                let need = if n < SMALL && m < SMALL {
                    self.needed[n * SMALL + m] as usize
                } else if too_different(self.t, n, m) {
                    continue;
                } else {
                    overlap_needed(self.t, n, m)
                };
                // Positional filter: the lists share no word before
                // this one (both are in the same order, and an earlier
                // shared word would have been met first), so they share
                // at most 1 + the shorter of what follows in each.
                if 1 + (n - px - 1).min(m - py - 1) < need {
                    continue;
                }
                // Word bits: a cheap upper bound on the overlap,
                // without reading the other KR's words.
                if bits.overlap_at_most(p.bits) < need {
                    continue;
                }
                let other = &self.sets[p.start..p.start + m];
                let Some(inter) = intersection_reaching(w, other, need) else {
                    continue;
                };
                let jac = jaccard(inter, n, m);
                // Equal similarity: the earlier KR, whatever the order the
                // candidates came in.
                if jac >= self.t && best.is_none_or(|(b, bj)| jac > b || (jac == b && j < bj)) {
                    best = Some((jac, j));
                }
            }
        }
        best
    }
}

/// KR `n`'s word set: `sets[starts[n]..starts[n + 1]]`.
fn word_set<'s>(sets: &'s [u32], starts: &[usize], n: usize) -> &'s [u32] {
    &sets[starts[n]..starts[n + 1]]
}

/// How many of a set's first words (rarest first) two sets with Jaccard
/// similarity at least `t` must share one of: `n - ceil(t * n) + 1`.
fn prefix_len(t: f64, n: usize) -> usize {
    n - ((t * n as f64).ceil() as usize).min(n) + 1
}

/// One entry of a word's postings: a KR with the word in its prefix.
#[derive(Clone, Copy, Default)]
struct Posting {
    /// Where the KR's word set starts in `sets`.
    start: usize,
    /// Its words' bits (see [`Bits`]).
    bits: u64,
    /// The KR's index.
    kr: u32,
    /// Where in the KR's sorted word set the word is.
    at: u32,
    /// The size of that set.
    len: u32,
    team: u32,
}

/// A word set reduced to 64 bits, one per word id modulo 64, counted with
/// multiplicity (`planes[k]`: the bits of at least k + 1 of its words). Two
/// sets share at most as many words as the first has words whose bit is set
/// in the second's `planes[0]`, so most candidates are rejected before their words
/// are compared.
#[derive(Clone, Copy)]
struct Bits {
    /// `planes[0]` holds every word's bit.
    planes: [u64; 4],
    /// More than four words on one bit: no bound.
    overflow: bool,
}

impl Bits {
    fn of(set: &[u32]) -> Bits {
        let mut planes = [0u64; 4];
        let mut overflow = false;
        for &x in set {
            let bit = 1u64 << (x & 63);
            match planes.iter_mut().find(|p| **p & bit == 0) {
                Some(p) => *p |= bit,
                None => overflow = true,
            }
        }
        Bits { planes, overflow }
    }

    /// At least the number of words this set shares with the set whose
    /// `planes[0]` is `other`.
    fn overlap_at_most(&self, other: u64) -> usize {
        if self.overflow {
            return usize::MAX;
        }
        // Every plane counted, empty or not: no branch on the data.
        self.planes
            .iter()
            .map(|p| (p & other).count_ones() as usize)
            .sum()
    }
}

/// Report that `k` says nearly the same as the earlier `o`.
fn report(ws: &Summaries, out: &mut Reporter, k: &Kr, o: &Kr, jac: f64) {
    // Known to exist: KRs whose team does not are not indexed.
    let oteam_name = super::clip(ws.team(o.file as usize, o.team).unwrap_or_default());
    let other_name =
        o.kr.id
            .as_ref()
            .map(|i| format!("`{}` ", super::clip(ws.files[o.file as usize].text(i))))
            .unwrap_or_default();
    let d = out.report(
        k.file as usize,
        k.kr.statement_span.get(),
        k.kr.anchor(),
        format!(
            "this KR says nearly the same as {other_name}of {oteam_name} ({}% of words shared)",
            (jac * 100.0).round() as u32
        ),
    );
    d.with_help("agree which team owns this result; the other team can depend on it (`Blocks:` on the owner's KR) instead of promising it too");
    d.with_related(
        ws,
        k.file as usize,
        o.file as usize,
        o.kr.statement_span.get(),
        format!("{oteam_name}'s KR"),
    );
}

/// A KR of an objective that names a team. 24 bytes: the rule keeps one
/// for every such KR of the workspace while it runs.
struct Kr<'w> {
    file: u32,
    /// The team as its file writes it (an index into the file's teams).
    team: u32,
    /// The team for comparisons (case-insensitive, workspace-wide).
    team_id: u32,
    kr: &'w KrSummary,
}

/// Jaccard similarity of two sets of sizes `a` and `b` sharing `inter`.
fn jaccard(inter: usize, a: usize, b: usize) -> f64 {
    inter as f64 / (a + b - inter) as f64
}

/// Each id's place in the order of rarity (`df[id]`, the number of KRs with
/// the word), equal frequencies in id order: a counting sort, since
/// frequencies are at most the number of KRs.
fn rarity_ranks(df: &[usize]) -> Vec<u32> {
    let mut first_of = vec![0u32; df.iter().max().map_or(0, |&m| m + 1)];
    for &d in df {
        first_of[d] += 1;
    }
    let mut next = 0;
    for f in first_of.iter_mut() {
        (*f, next) = (next, next + *f);
    }
    df.iter()
        .map(|&d| {
            first_of[d] += 1;
            first_of[d] - 1
        })
        .collect()
}

/// Jaccard >= t needs the smaller set to be at least t times the larger one.
fn too_different(t: f64, a: usize, b: usize) -> bool {
    (a.min(b) as f64) < t * a.max(b) as f64
}

/// The smallest number of shared words that gives sets of sizes `a` and `b`
/// a similarity of at least `t` (computed with [`jaccard`] itself, so the
/// filters that use it agree exactly with the final comparison); more than
/// `min(a, b)` when no overlap can.
fn overlap_needed(t: f64, a: usize, b: usize) -> usize {
    let max = a.min(b);
    let guess = (t / (1.0 + t) * (a + b) as f64).floor() as usize;
    let mut o = guess.saturating_sub(1).min(max);
    while o <= max && jaccard(o, a, b) < t {
        o += 1;
    }
    o
}

/// Size of the intersection of two sorted, deduplicated id lists, or `None`
/// as soon as it cannot reach `need`.
fn intersection_reaching(a: &[u32], b: &[u32], need: usize) -> Option<usize> {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if n + (a.len() - i).min(b.len() - j) < need {
            return None;
        }
        // Without branches on the comparison, which a CPU cannot predict.
        let (x, y) = (a[i], b[j]);
        n += (x == y) as usize;
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    (n >= need).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlap_needed_is_the_smallest_overlap_reaching_the_threshold() {
        for t in [0.05, 0.3, 0.5, 0.7, 0.75, 0.9, 1.0] {
            for a in 1..40 {
                for b in 1..40 {
                    let need = overlap_needed(t, a, b);
                    let first = (0..=a.min(b)).find(|&o| jaccard(o, a, b) >= t);
                    assert_eq!(first.unwrap_or(a.min(b) + 1), need, "t={t} a={a} b={b}");
                }
            }
        }
    }

    #[test]
    fn word_bits_never_bound_the_overlap_below_the_truth() {
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let (mut tight, mut loose) = (0, 0);
        for round in 0..2000 {
            // Small ranges force several words onto one bit.
            let range = [70, 200, 5000][round % 3];
            let mut set = |len: u64| {
                let mut v: Vec<u32> = (0..len).map(|_| (next() % range) as u32).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let (a, b) = (set(4 + round as u64 % 30), set(4 + round as u64 % 23));
            let exact = a.iter().filter(|x| b.contains(x)).count();
            let bound = Bits::of(&a).overlap_at_most(Bits::of(&b).planes[0]);
            assert!(bound >= exact, "{a:?} {b:?}: {bound} < {exact}");
            if bound == exact {
                tight += 1;
            } else {
                loose += 1;
            }
        }
        // The bound must also reject something, or it is useless.
        assert!(tight > 500 && loose > 0, "tight {tight}, loose {loose}");
    }

    #[test]
    fn rarity_ranks_are_a_stable_sort_by_frequency() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for len in [0usize, 1, 2, 7, 100, 1000] {
            let df: Vec<usize> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (seed % 9) as usize
                })
                .collect();
            let mut order: Vec<usize> = (0..len).collect();
            order.sort_by_key(|&x| df[x]);
            let mut want = vec![0u32; len];
            for (r, &x) in order.iter().enumerate() {
                want[x] = r as u32;
            }
            assert_eq!(rarity_ranks(&df), want, "{df:?}");
        }
    }

    #[test]
    fn five_words_on_one_bit_give_no_bound() {
        let set = [1, 65, 129, 193, 257];
        assert_eq!(Bits::of(&set).overlap_at_most(0), usize::MAX);
        assert_eq!(Bits::of(&set[..4]).overlap_at_most(0), 0);
        assert_eq!(Bits::of(&set[..4]).overlap_at_most(2), 4);
    }

    #[test]
    fn intersection_stops_only_when_the_overlap_cannot_be_reached() {
        // Deterministic pseudo-random sorted lists.
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut list = || {
            let mut v: Vec<u32> = (0..20)
                .filter_map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    (!seed.is_multiple_of(3)).then_some((seed % 40) as u32)
                })
                .collect();
            v.sort_unstable();
            v.dedup();
            v
        };
        for _ in 0..500 {
            let (a, b) = (list(), list());
            let exact = a.iter().filter(|x| b.contains(x)).count();
            for need in 0..25 {
                let want = (exact >= need).then_some(exact);
                assert_eq!(
                    intersection_reaching(&a, &b, need),
                    want,
                    "{a:?} {b:?} {need}"
                );
            }
        }
    }
}
