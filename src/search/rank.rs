//! Ranking: the hits' filters tested from the facets, the hits of words
//! intersected, and the counting sort by score that keeps equal scores in
//! name order.

use super::vocabulary::Facets;
use super::{Filters, Ranked, SearchIndex};
use crate::catalogue::Catalogue;

impl SearchIndex {
    /// The hits of `domain` (by place in name order) that the filters
    /// admit: [`Filters::admits`], from the facets but for the area.
    pub(super) fn admitted(
        &self,
        domain: &[(u32, i64)],
        wanted: Facets,
        filters: &Filters,
        catalogue: &Catalogue,
    ) -> Vec<(u32, i64)> {
        // Copied out of `self` and `filters`: a loop of a few instructions
        // a hit, which the compiler would otherwise reload them in.
        let (facets, include_closed) = (&self.facets[..], filters.include_closed);
        let mut admitted = Vec::with_capacity(domain.len());
        admitted.extend(
            domain
                .iter()
                .filter(|&&(place, _)| facets[place as usize].admit(wanted, include_closed)),
        );
        if let Some(area) = &filters.area {
            let services = catalogue.services();
            admitted.retain(|&(place, _)| {
                let service = &services[self.by_name[place as usize] as usize];
                service.areas.iter().any(|a| a.overlaps(area))
            });
        }
        admitted
    }

    /// Ranks hits given by place in name order: by score, best first, equal
    /// scores staying in name order. Scores spread over few values, so this
    /// is a counting sort — two passes and no comparisons — short of an
    /// unusual spread, which a stable sort takes.
    pub(super) fn by_score(&self, hits: &[(u32, i64)]) -> Vec<Ranked> {
        let ranked = |&(place, score): &(u32, i64)| Ranked {
            service: self.by_name[place as usize] as usize,
            score,
        };
        let count = hits.len();
        let (mut top, mut bottom) = (i64::MIN, i64::MAX);
        for &(_, score) in hits {
            top = top.max(score);
            bottom = bottom.min(score);
        }
        let buckets = top
            .checked_sub(bottom)
            .and_then(|spread| usize::try_from(spread).ok())
            .map(|spread| spread + 1)
            .filter(|&buckets| buckets <= count.max(1_024));
        let Some(buckets) = buckets else {
            let mut all: Vec<Ranked> = hits.iter().map(ranked).collect();
            all.sort_by_key(|r| std::cmp::Reverse(r.score));
            return all;
        };
        // Bucket b holds the hits scoring b below the top one.
        let bucket = |score: i64| usize::try_from(top - score).unwrap_or_default();
        let mut starts = vec![0; buckets];
        for &(_, score) in hits {
            starts[bucket(score)] += 1;
        }
        let mut sum = 0;
        for start in &mut starts {
            sum += std::mem::replace(start, sum);
        }
        let mut out = vec![
            Ranked {
                service: 0,
                score: 0
            };
            count
        ];
        for hit in hits {
            let start = &mut starts[bucket(hit.1)];
            out[*start] = ranked(hit);
            *start += 1;
        }
        out
    }
}

/// The services in both lists (each sorted by place), their scores added.
pub(super) fn intersect(a: &[(u32, i64)], b: &[(u32, i64)]) -> Vec<(u32, i64)> {
    let mut both = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both.push((a[i].0, a[i].1 + b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    both
}

#[cfg(test)]
mod tests {
    use crate::search::tests::CATALOGUE;
    use crate::search::{Ranked, SearchIndex};

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// Ranking hits by score orders them as a stable comparison sort
        /// does, equal scores in name order: by counting when the scores
        /// spread over few values, and whatever their spread.
        #[test]
        fn ranking_by_score_is_a_stable_sort(
            scores in proptest::collection::vec(proptest::num::i64::ANY, 0..150),
            shift in 0u32..64,
        ) {
            let index = SearchIndex::new(&CATALOGUE);
            // Hits at every other place, in name order, as a scan gives them.
            let hits: Vec<(u32, i64)> = scores
                .iter()
                .enumerate()
                .map(|(i, &score)| (u32::try_from(i * 2).unwrap(), score >> shift))
                .collect();
            let mut expected: Vec<Ranked> = hits
                .iter()
                .map(|&(place, score)| Ranked {
                    service: index.by_name[place as usize] as usize,
                    score,
                })
                .collect();
            expected.sort_by_key(|r| std::cmp::Reverse(r.score));
            proptest::prop_assert_eq!(index.by_score(&hits), expected);
        }
    }
}
