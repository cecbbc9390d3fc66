//! Sharing work among the cores: contiguous slices on rayon's pool (the one
//! the whole process shares), joined in order, given up between slices when a
//! search is cancelled.

use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::SearchIndex;

/// From this many services (or vocabulary words) on, work is shared among
/// all cores, in contiguous slices.
pub(super) const PARALLEL_FROM: usize = 4_000;

impl SearchIndex {
    /// Runs `work` over contiguous slices of `items`, on every core when
    /// there are enough of them, and joins what it adds to `out` in order;
    /// `None` if `cancel` was set meanwhile. `work` is expected to add at most
    /// one result per item (more is correct, only slower). It sees at most a few hundred
    /// items at a time, so a cancelled search stops within a fraction of a
    /// millisecond.
    pub(super) fn in_slices<T: Sync, R: Send>(
        &self,
        items: &[T],
        cancel: &AtomicBool,
        work: impl Fn(&[T], &mut Vec<R>) + Sync + Send,
    ) -> Option<Vec<R>> {
        self.in_slices_with(items, cancel, || (), |(), slice, out| work(slice, out))
            .map(|(results, _)| results)
    }

    /// [`Self::in_slices`], with a state each core makes once with `start`
    /// and hands to `work` with every slice it takes; the states come back
    /// beside the results.
    pub(super) fn in_slices_with<T: Sync, R: Send, S: Send>(
        &self,
        items: &[T],
        cancel: &AtomicBool,
        start: impl Fn() -> S + Sync + Send,
        work: impl Fn(&mut S, &[T], &mut Vec<R>) + Sync + Send,
    ) -> Option<(Vec<R>, Vec<S>)> {
        let run = |part: &[T]| -> Option<(Vec<R>, S)> {
            // `work` adds at most one result per item: sized once, the
            // results are never copied to a larger buffer as they come.
            let mut out = Vec::with_capacity(part.len());
            let mut state = start();
            for chunk in part.chunks(256) {
                if cancel.load(Ordering::Relaxed) {
                    return None;
                }
                work(&mut state, chunk, &mut out);
            }
            Some((out, state))
        };
        let threads = if items.len() < self.parallel_from {
            1
        } else {
            self.threads
        };
        if threads <= 1 {
            return run(items).map(|(out, state)| (out, vec![state]));
        }
        let per_thread = items.len().div_ceil(threads);
        let parts: Vec<Option<(Vec<R>, S)>> = items.par_chunks(per_thread).map(run).collect();
        let mut all: Option<Vec<R>> = None;
        let mut states = Vec::with_capacity(parts.len());
        for part in parts {
            let (part, state) = part?;
            states.push(state);
            match all.as_mut() {
                None => all = Some(part),
                Some(all) => all.extend(part),
            }
        }
        Some((all.unwrap_or_default(), states))
    }
}

#[cfg(test)]
mod tests {
    use crate::search::SearchIndex;
    use crate::search::tests::ranking;

    #[test]
    fn parallel_scoring_ranks_exactly_like_one_thread() {
        // A small catalogue, shared among threads as a large one is.
        let catalogue = crate::generate::catalogue(1_500, 3);
        let ids = |threads, query| {
            let mut index = SearchIndex::new(&catalogue);
            index.threads = threads;
            index.parallel_from = 100;
            ranking(&index, &catalogue, query)
        };
        for query in ["ausfur", "eksport rynek", "garanzia", ""] {
            let serial = ids(1, query);
            assert!(!serial.is_empty(), "{query:?} found nothing");
            assert_eq!(serial, ids(2, query), "{query:?}");
            assert_eq!(serial, ids(7, query), "{query:?}");
        }
    }
}
