//! Work spread over the machine's cores with scoped threads, results kept in
//! order. Loading a large catalogue uses it: files are parsed and checked side
//! by side, and a large file's entries in runs.

use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use: one per core the process may run on.
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// Splits `items` into one run per core (at least `min_run` items each, so
/// small inputs stay on this thread), runs `work` on each run on its own
/// thread, and returns the runs' results in order.
pub(crate) fn map_runs<T: Send, R: Send>(
    mut items: Vec<T>,
    min_run: usize,
    work: impl Fn(Vec<T>) -> R + Sync,
) -> Vec<R> {
    let runs = cores().min(items.len() / min_run.max(1)).max(1);
    if runs == 1 {
        return vec![work(items)];
    }
    let per_run = items.len().div_ceil(runs);
    let mut parts = Vec::with_capacity(runs);
    while items.len() > per_run {
        let rest = items.split_off(per_run);
        parts.push(std::mem::replace(&mut items, rest));
    }
    parts.push(items);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || work(part)))
            .collect();
        handles.into_iter().map(join).collect()
    })
}

/// `work` on each item, on one thread per core, with the results in the
/// items' order. Items are handed out one at a time, so one large item does
/// not hold up the others.
pub(crate) fn map_each<'a, T: Sync, R: Send>(
    items: &'a [T],
    work: impl Fn(&'a T) -> R + Sync,
) -> Vec<R> {
    let threads = cores().min(items.len());
    if threads <= 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, R)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else {
                            return done;
                        };
                        done.push((i, work(item)));
                    }
                })
            })
            .collect();
        handles.into_iter().flat_map(join).collect()
    });
    done.sort_unstable_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Runs `a` on this thread and `b` on another, side by side (one after the
/// other on a single core), and returns both results.
pub(crate) fn both<A, B: Send>(a: impl FnOnce() -> A, b: impl FnOnce() -> B + Send) -> (A, B) {
    if cores() <= 1 {
        let a = a();
        return (a, b());
    }
    std::thread::scope(|scope| {
        let b = scope.spawn(b);
        let a = a();
        (a, join(b))
    })
}

/// A thread's result; its panic, if it panicked, goes on here.
fn join<R>(handle: std::thread::ScopedJoinHandle<'_, R>) -> R {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
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
