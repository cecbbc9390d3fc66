//! Searching beside the user: on a large catalogue a search takes longer than
//! a frame, so it runs on a worker thread while the app goes on drawing and
//! reading keys. Each new query cancels the one before it (the engine stops
//! within a few hundred services of seeing the flag), and only the answer to
//! the latest query is ever shown. While nobody types, the worker scores the
//! single letters ([`SearchIndex::warm`]), which the first keystroke of every
//! search needs and which take the longest.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread;

use super::HitRow;
use crate::catalogue::Catalogue;
use crate::search::{Filters, SearchIndex};

/// From this many services on, the app searches on a worker thread; below,
/// a search takes well under a frame and is simply run in place.
pub const BACKGROUND_FROM: usize = 4_000;

/// One query for the worker.
struct Request {
    generation: u64,
    query: String,
    filters: Filters,
    cancel: Arc<AtomicBool>,
}

/// The hits for one query.
struct Reply {
    generation: u64,
    query: String,
    hits: Vec<HitRow>,
}

/// The app's handle on its search worker.
#[derive(Debug)]
pub struct Searcher {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
    /// The generation of the latest request, and its cancel flag.
    latest: u64,
    cancel: Arc<AtomicBool>,
    /// Whether the latest request is still unanswered.
    pending: bool,
}

impl Searcher {
    /// Starts the worker. It ends by itself when the searcher is dropped.
    ///
    /// # Errors
    /// When the operating system refuses a new thread.
    pub fn start(catalogue: Arc<Catalogue>, index: Arc<SearchIndex>) -> std::io::Result<Self> {
        let (requests, inbox) = channel::<Request>();
        let (outbox, replies) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        // Until the first query, the flag the first request sets; after each
        // query, its own flag, which the next request sets.
        let mut idle_until = Arc::clone(&cancel);
        thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                let mut warm = false;
                loop {
                    // While nobody types, the letters every query starts
                    // with are scored, so that the first keystroke of a
                    // search is as quick as the rest; a query stops this.
                    if !warm {
                        warm = index.warm(&idle_until);
                    }
                    let Ok(mut request) = inbox.recv() else {
                        break;
                    };
                    // Skip straight to the newest of the queries typed meanwhile.
                    while let Ok(newer) = inbox.try_recv() {
                        request = newer;
                    }
                    idle_until = Arc::clone(&request.cancel);
                    let Some(ranked) = index.rank(
                        &catalogue,
                        &request.query,
                        &request.filters,
                        &request.cancel,
                    ) else {
                        continue;
                    };
                    let reply = Reply {
                        generation: request.generation,
                        query: request.query,
                        hits: HitRow::rows(&ranked),
                    };
                    if outbox.send(reply).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Self {
            requests,
            replies,
            latest: 0,
            cancel,
            pending: false,
        })
    }

    /// Asks for the hits of a query, cancelling any search still running.
    pub fn request(&mut self, query: &str, filters: Filters) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancel = Arc::new(AtomicBool::new(false));
        self.latest += 1;
        self.pending = true;
        let request = Request {
            generation: self.latest,
            query: query.to_owned(),
            filters,
            cancel: Arc::clone(&self.cancel),
        };
        // A worker that has gone (it cannot panic short of a bug) leaves the
        // old hits on screen; the app stays usable.
        if self.requests.send(request).is_err() {
            self.pending = false;
        }
    }

    /// The latest query and its hits, once they are in; answers to older
    /// queries are dropped.
    pub fn poll(&mut self) -> Option<(String, Vec<HitRow>)> {
        let mut latest = None;
        loop {
            match self.replies.try_recv() {
                Ok(reply) if reply.generation == self.latest => {
                    latest = Some((reply.query, reply.hits));
                }
                Ok(_) => {}
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    self.pending = false;
                    break;
                }
            }
        }
        if latest.is_some() {
            self.pending = false;
        }
        latest
    }

    /// Whether a search is running whose hits are not shown yet.
    #[must_use]
    pub fn pending(&self) -> bool {
        self.pending
    }
}

impl Drop for Searcher {
    fn drop(&mut self) {
        // The worker sees its channel close once it is idle; a search still
        // running is stopped rather than finished for nobody.
        self.cancel.store(true, Ordering::Relaxed);
    }
}
