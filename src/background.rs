//! Work the app asks for that runs off the interface thread (for now:
//! finding an actor's quotes, [`crate::app::Effect::FindQuotes`]). Each job
//! runs on a thread of its own and sends its results down one channel, which
//! the event loop drains between frames into `App::update`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::app::Msg;
use crate::app::quotes::{QuoteJob, find};
use crate::cast::Engine;

/// The workers' channel and how many of them are running.
pub struct Background {
    engine: Arc<Engine>,
    send: Sender<Msg>,
    receive: Receiver<Msg>,
    running: Arc<AtomicUsize>,
}

impl Background {
    pub fn new(engine: Arc<Engine>) -> Background {
        let (send, receive) = channel();
        Background {
            engine,
            send,
            receive,
            running: Arc::new(AtomicUsize::new(0)),
        }
    }

    /// Finds `job`'s quotes on a new thread. A thread that cannot be made
    /// is said in the status line.
    pub fn find_quotes(&self, job: QuoteJob) -> Option<Msg> {
        let engine = Arc::clone(&self.engine);
        let send = self.send.clone();
        let running = Arc::clone(&self.running);
        running.fetch_add(1, Ordering::SeqCst);
        let spawned = std::thread::Builder::new()
            .name("castlist-quotes".into())
            .spawn(move || {
                // A closed channel (the reader has quit) ends the job.
                find(&engine, job, |msg| send.send(msg).is_ok());
                running.fetch_sub(1, Ordering::SeqCst);
            });
        match spawned {
            Ok(_) => None,
            Err(e) => {
                self.running.fetch_sub(1, Ordering::SeqCst);
                Some(Msg::Notice(format!("cannot find quotes: {e}")))
            }
        }
    }

    /// A result ready now, if any.
    pub fn poll(&self) -> Option<Msg> {
        self.receive.try_recv().ok()
    }

    /// Whether a job is still running (the loop then polls often).
    pub fn is_busy(&self) -> bool {
        self.running.load(Ordering::SeqCst) > 0
    }
}
