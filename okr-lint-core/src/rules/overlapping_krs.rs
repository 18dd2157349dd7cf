use crate::declare_rule;
use crate::rule::{Reporter, Rule};
use crate::summary::{KrSummary, Summaries};
use crate::words::Fnv;
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

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

/// Words that say nothing about what a KR is about.
const MIN_WORDS: usize = 4;
/// Bounds that keep the check linear even when one phrasing is repeated
/// thousands of times: candidates examined per KR, and KRs indexed per word.
const MAX_CANDIDATES: usize = 64;
const MAX_POSTINGS: usize = 64;

/// The content words of a KR, lightly stemmed (plural and -ed/-ing endings),
/// borrowed from its tokens; repeats included.
impl Rule for OverlappingKrs {
    fn meta(&self) -> &'static crate::rule::RuleMeta {
        &Self::META
    }

    fn is_workspace_rule(&self) -> bool {
        true
    }

    fn check_workspace(&self, ws: &Summaries, out: &mut Reporter) {
        let t = ws.config.overlap.threshold.max(0.05);
        // Each KR's distinct content words, interned as ids.
        let mut ids: FastMap<&str, u32> = FastMap::default();
        // Teams as ids too: candidates of the same team are skipped.
        let mut teams: FastMap<String, u32> = FastMap::default();
        let mut krs: Vec<(Kr, u32, Vec<u32>)> = Vec::new();
        // last_kr[id] == n: the word was already taken for the n-th KR.
        let mut last_kr: Vec<usize> = Vec::new();
        let with_team = ws.objectives().filter_map(|o| {
            let team = o.objective.team.as_deref()?;
            Some(o.objective.key_results.iter().map(move |kr| Kr {
                file: o.file,
                team,
                kr,
            }))
        });
        for (n, k) in with_team.flatten().enumerate() {
            let mut set: Vec<u32> = Vec::new();
            for x in k.kr.words.split(' ').filter(|w| !w.is_empty()) {
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
            let next = teams.len() as u32;
            let team = *teams.entry(crate::case::fold(k.team)).or_insert(next);
            krs.push((k, team, set));
        }
        // Prefix filtering: with words ordered rarest first, two sets with
        // Jaccard >= t must share a word among the first |x| - ceil(t|x|) + 1.
        // Renumbering the ids by rarity makes each sorted set that order.
        let mut df = vec![0usize; ids.len()];
        for (_, _, w) in &krs {
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
        for (_, _, w) in &mut krs {
            for x in w.iter_mut() {
                *x = rank[*x as usize];
            }
            w.sort_unstable();
        }
        let mut index: Vec<Vec<usize>> = vec![Vec::new(); ids.len()];
        // stamp[j] == i: KR j was already considered as a candidate for KR i.
        let mut stamp = vec![usize::MAX; krs.len()];
        for (i, (k, team, w)) in krs.iter().enumerate() {
            let n = w.len();
            let p = n - ((t * n as f64).ceil() as usize).min(n) + 1;
            let mut candidates = 0usize;
            let mut best: Option<(f64, usize)> = None;
            'outer: for &x in w.iter().take(p) {
                for &j in &index[x as usize] {
                    if candidates >= MAX_CANDIDATES {
                        break 'outer;
                    }
                    if stamp[j] == i {
                        continue;
                    }
                    stamp[j] = i;
                    candidates += 1;
                    let other = &krs[j].2;
                    // Jaccard >= t needs the smaller set to be at least t
                    // times the larger one: skip the intersection otherwise.
                    let (small, large) = (w.len().min(other.len()), w.len().max(other.len()));
                    if krs[j].1 == *team || (small as f64) < t * large as f64 {
                        continue;
                    }
                    let inter = intersection(w, other);
                    let jac = inter as f64 / (w.len() + other.len() - inter) as f64;
                    // Equal similarity: the earlier KR, whatever the order
                    // the candidates came in.
                    if jac >= t && best.is_none_or(|(b, bj)| jac > b || (jac == b && j < bj)) {
                        best = Some((jac, j));
                    }
                }
            }
            for &x in w.iter().take(p) {
                let postings = &mut index[x as usize];
                if postings.len() < MAX_POSTINGS {
                    postings.push(i);
                }
            }
            let Some((jac, j)) = best else { continue };
            let (o, oteam_name) = (&krs[j].0, krs[j].0.team);
            let other_name =
                o.kr.id
                    .as_ref()
                    .map(|i| format!("`{}` ", i.value))
                    .unwrap_or_default();
            let d = out.report(
                k.file,
                k.kr.statement_span,
                k.kr.span,
                format!("this KR says nearly the same as {other_name}of {oteam_name} ({}% of words shared)", (jac * 100.0).round() as u32),
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
    }
}

/// A KR of an objective that names a team.
struct Kr<'w> {
    file: usize,
    team: &'w str,
    kr: &'w KrSummary,
}

/// Size of the intersection of two sorted, deduplicated id lists.
fn intersection(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
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
    n
}
