use crate::declare_rule;
use crate::rule::{Reporter, Rule};
use crate::summary::{KrSummary, Summaries};
use crate::words::Fnv;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// Word fingerprints are already well-mixed 64-bit hashes: used as they are.
#[derive(Default)]
struct Prehashed(u64);

impl Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

declare_rule! {
    /// ## What it does
    /// Points out two key results of different teams that say nearly the
    /// same thing: most of their content words are shared (Jaccard
    /// similarity at or above `[overlap] threshold`, 0.7 by default). Only
    /// KRs whose objective names a team (directly or through its section)
    /// are compared, and very short KRs are skipped.
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
/// thousands of times: candidates examined per KR, and KRs indexed per word.
const MAX_CANDIDATES: usize = 64;
const MAX_POSTINGS: usize = 64;
/// The search is split into this many chunks, which the caller may run in
/// parallel.
const CHUNKS: usize = 16;

impl Rule for OverlappingKrs {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let t = ws.config.overlap.threshold.max(0.05);
        // Each KR's distinct content words, interned as ids.
        let mut ids: HashMap<u64, u32, BuildHasherDefault<Prehashed>> = HashMap::default();
        // Teams as ids too: candidates of the same team are skipped.
        let mut teams: FastMap<String, u32> = FastMap::default();
        let mut krs: Vec<(Kr, Vec<u32>)> = Vec::new();
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
            let team = ws.team(o.file, o.objective)?;
            let team_id = team_ids[o.file][o.objective.team? as usize];
            Some(o.objective.key_results.iter().map(move |kr| Kr {
                file: o.file,
                team,
                team_id,
                kr,
            }))
        });
        for (n, k) in with_team.flatten().enumerate() {
            let mut set: Vec<u32> = Vec::new();
            for &x in k.kr.words.iter() {
                let next = ids.len() as u32;
                let id = *ids.entry(x).or_insert(next);
                if id == next {
                    last_kr.push(usize::MAX);
                }
                if last_kr[id as usize] != n {
                    last_kr[id as usize] = n;
                    set.push(id);
                }
            }
            if set.len() < MIN_WORDS {
                continue;
            }
            krs.push((k, set));
        }
        // Prefix filtering: with words ordered rarest first, two sets with
        // Jaccard >= t must share a word among the first |x| - ceil(t|x|) + 1.
        // Renumbering the ids by rarity makes each sorted set that order.
        let mut df = vec![0usize; ids.len()];
        for (_, w) in &krs {
            for &x in w {
                df[x as usize] += 1;
            }
        }
        let mut by_rarity: Vec<u32> = (0..ids.len() as u32).collect();
        crate::sort::sort_by(&mut by_rarity, |&a, &b| df[a as usize].cmp(&df[b as usize]));
        let mut rank = vec![0u32; ids.len()];
        for (r, &x) in by_rarity.iter().enumerate() {
            rank[x as usize] = r as u32;
        }
        for (_, w) in &mut krs {
            for x in w.iter_mut() {
                *x = rank[*x as usize];
            }
            crate::sort::sort_ids(w);
        }
        // Postings: for each word, the first MAX_POSTINGS KRs with it in
        // their prefix, in KR order, and where in that prefix.
        let prefix_len = |n: usize| n - ((t * n as f64).ceil() as usize).min(n) + 1;
        let mut index: Vec<Vec<(u32, u32)>> = vec![Vec::new(); ids.len()];
        for (i, (_, w)) in krs.iter().enumerate() {
            for (px, &x) in w.iter().enumerate().take(prefix_len(w.len())) {
                let postings = &mut index[x as usize];
                if postings.len() < MAX_POSTINGS {
                    postings.push((i as u32, px as u32));
                }
            }
        }
        // overlap_needed for sizes below SMALL, computed once.
        const SMALL: usize = 48;
        let mut needed = vec![0u8; SMALL * SMALL];
        for a in 0..SMALL {
            for b in 0..SMALL {
                needed[a * SMALL + b] = overlap_needed(t, a, b) as u8;
            }
        }
        // Each KR is compared with earlier KRs only, so KRs can be searched
        // independently: in chunks, in parallel when the caller's map is.
        let chunk = krs.len().div_ceil(CHUNKS).max(1);
        let search = |c: usize| {
            let mut out = Reporter::new(self.meta());
            let (from, to) = (c * chunk, ((c + 1) * chunk).min(krs.len()));
            // stamp[j] == i: KR j was already considered as a candidate for KR i.
            let mut stamp = vec![usize::MAX; to];
            for (i, (k, w)) in krs.iter().enumerate().take(to).skip(from) {
                let n = w.len();
                let mut candidates = 0usize;
                let mut best: Option<(f64, usize)> = None;
                'outer: for (px, &x) in w.iter().enumerate().take(prefix_len(n)) {
                    for &(j, py) in &index[x as usize] {
                        let (j, py) = (j as usize, py as usize);
                        // Postings are in KR order: the rest are later KRs.
                        if j >= i {
                            break;
                        }
                        if candidates >= MAX_CANDIDATES {
                            break 'outer;
                        }
                        if stamp[j] == i {
                            continue;
                        }
                        stamp[j] = i;
                        candidates += 1;
                        let other = &krs[j].1;
                        // Jaccard >= t needs the smaller set to be at least t
                        // times the larger one: skip the intersection otherwise.
                        let (small, large) = (n.min(other.len()), n.max(other.len()));
                        if krs[j].0.team_id == k.team_id || (small as f64) < t * large as f64 {
                            continue;
                        }
                        // Positional filter: the lists share no word before
                        // this one (both are in the same order, and an earlier
                        // shared word would have been met first), so they share
                        // at most 1 + the shorter of what follows in each.
                        let need = if n < SMALL && other.len() < SMALL {
                            needed[n * SMALL + other.len()] as usize
                        } else {
                            overlap_needed(t, n, other.len())
                        };
                        if 1 + (n - px - 1).min(other.len() - py - 1) < need {
                            continue;
                        }
                        let Some(inter) = intersection_reaching(w, other, need) else {
                            continue;
                        };
                        let jac = jaccard(inter, n, other.len());
                        // Equal similarity: the earlier KR, whatever the order
                        // the candidates came in.
                        if jac >= t && best.is_none_or(|(b, bj)| jac > b || (jac == b && j < bj)) {
                            best = Some((jac, j));
                        }
                    }
                }
                let Some((jac, j)) = best else { continue };
                report(ws, &mut out, k, &krs[j].0, jac);
            }
            out.out
        };
        for found in (ws.map)(krs.len().div_ceil(chunk), &search) {
            out.out.extend(found);
        }
    }
}

/// Report that `k` says nearly the same as the earlier `o`.
fn report(ws: &Summaries, out: &mut Reporter, k: &Kr, o: &Kr, jac: f64) {
    let oteam_name = o.team;
    let other_name =
        o.kr.id
            .as_ref()
            .map(|i| format!("`{}` ", i.value))
            .unwrap_or_default();
    let d = out.report(
        k.file,
        k.kr.statement_span,
        k.kr.span,
        format!(
            "this KR says nearly the same as {other_name}of {oteam_name} ({}% of words shared)",
            (jac * 100.0).round() as u32
        ),
    );
    d.with_help("agree which team owns this result; the other team can depend on it (`Blocks:` on the owner's KR) instead of promising it too");
    d.with_related(
        ws,
        k.file,
        o.file,
        o.kr.statement_span,
        format!("{oteam_name}'s KR"),
    );
}

/// A KR of an objective that names a team.
struct Kr<'w> {
    file: usize,
    team: &'w str,
    team_id: u32,
    kr: &'w KrSummary,
}

/// Jaccard similarity of two sets of sizes `a` and `b` sharing `inter`.
fn jaccard(inter: usize, a: usize, b: usize) -> f64 {
    inter as f64 / (a + b - inter) as f64
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
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
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
