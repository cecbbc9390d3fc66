//! Work spread over the machine's cores, results kept in order. Loading a
//! large catalogue uses it (files parsed and checked side by side, a large
//! file's entries in runs), as do the compiled catalogue's reader and the
//! landscape's duplicate search.
//!
//! The threads are rayon's: one pool for the process, shared with the
//! search, so neither spawns threads of its own per call. What this module
//! adds is the policy of each call site: how small a run may be before it is
//! not worth a core, and work that wants a whole run at once (a parser or a
//! checker set up once per run) rather than one item at a time.

use rayon::prelude::*;

/// How many threads work is shared among: the pool's, one per core the
/// process may run on.
pub(crate) fn cores() -> usize {
    rayon::current_num_threads()
}

/// Splits `items` into one run per core (at least `min_run` items each, so
/// small inputs stay on this thread), runs `work` on each run side by side,
/// and returns the runs' results in order.
pub(crate) fn map_runs<T: Send, R: Send>(
    items: Vec<T>,
    min_run: usize,
    work: impl Fn(Vec<T>) -> R + Sync + Send,
) -> Vec<R> {
    let runs = cores().min(items.len() / min_run.max(1)).max(1);
    if runs == 1 {
        return vec![work(items)];
    }
    let per_run = items.len().div_ceil(runs);
    items.into_par_iter().chunks(per_run).map(work).collect()
}

/// `work` on each item, side by side, with the results in the items' order.
/// Items are handed out one at a time, so one large item does not hold up the
/// others.
pub(crate) fn map_each<'a, T: Sync, R: Send>(
    items: &'a [T],
    work: impl Fn(&'a T) -> R + Sync + Send,
) -> Vec<R> {
    if cores() <= 1 || items.len() <= 1 {
        return items.iter().map(work).collect();
    }
    items.par_iter().with_max_len(1).map(work).collect()
}

/// Runs `a` and `b` side by side (one after the other on a single core), and
/// returns both results.
pub(crate) fn both<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    rayon::join(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_keep_the_order_and_lose_nothing() {
        for len in [0, 1, 5, 999, 1000, 1001, 4321] {
            let items: Vec<usize> = (0..len).collect();
            let runs = map_runs(items.clone(), 10, |run| run);
            assert_eq!(runs.concat(), items, "{len}");
            assert!(runs.len() <= cores().max(1));
        }
    }

    #[test]
    fn both_gives_each_result_its_place() {
        let items: Vec<u64> = (0..100).collect();
        let (sum, doubled) = both(
            || items.iter().sum::<u64>(),
            || items.iter().map(|x| x * 2).collect::<Vec<_>>(),
        );
        assert_eq!(sum, 4950);
        assert_eq!(doubled[99], 198);
    }

    #[test]
    fn each_keeps_the_order() {
        let items: Vec<u64> = (0..257).collect();
        assert_eq!(
            map_each(&items, |x| x * 2),
            items.iter().map(|x| x * 2).collect::<Vec<_>>()
        );
        assert!(map_each(&[] as &[u64], |x| *x).is_empty());
    }
}
