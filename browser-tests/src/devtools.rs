//! A minimal Chrome DevTools Protocol client: JSON commands and events over the
//! browser's websocket, with flattened sessions (`sessionId` on each message).
//!
//! One task reads the socket and hands each event to a callback *in order*, before it
//! reads the next message, and each command's answer to its caller. So when a command
//! sent after some events has been answered, the callback has seen those events: a
//! round trip is a barrier, and no wait needs a sleep.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::Message;

/// How long one command may take before the browser counts as hung.
pub const CALL_LIMIT: Duration = Duration::from_secs(20);

/// An event the browser sent.
#[derive(Clone, Debug)]
pub struct Event {
    /// The session it came from; `None` for the browser's own.
    pub session: Option<String>,
    /// E.g. `Network.loadingFailed`.
    pub method: String,
    /// The event's parameters.
    pub params: Value,
}

type Answer = Result<Value, String>;

#[derive(Debug)]
struct Shared {
    outgoing: mpsc::UnboundedSender<Message>,
    next_id: AtomicU64,
    pending: Mutex<HashMap<u64, oneshot::Sender<Answer>>>,
    /// Set when the socket closed, before `pending` is emptied for the last time.
    closed: AtomicBool,
}

/// A connection to the browser's DevTools websocket. Clones share the connection.
#[derive(Clone, Debug)]
pub struct DevTools {
    shared: Arc<Shared>,
}

impl DevTools {
    /// Connects to `url` (`ws://127.0.0.1:PORT/devtools/browser/ID`), calling `on_event`
    /// for every event, in the order the browser sent them. The connection lives until
    /// the browser closes it (it exits or is killed).
    pub async fn connect<F>(url: &str, mut on_event: F) -> Result<Self, String>
    where
        F: FnMut(&DevTools, Event) + Send + 'static,
    {
        let (socket, _) = tokio::time::timeout(CALL_LIMIT, tokio_tungstenite::connect_async(url))
            .await
            .map_err(|_| format!("DevTools websocket {url}: no handshake within {CALL_LIMIT:?}"))?
            .map_err(|e| format!("DevTools websocket {url}: {e}"))?;
        let (mut sink, mut stream) = socket.split();
        let (outgoing, mut to_send) = mpsc::unbounded_channel();
        let devtools = DevTools {
            shared: Arc::new(Shared {
                outgoing,
                next_id: AtomicU64::new(1),
                pending: Mutex::default(),
                closed: AtomicBool::new(false),
            }),
        };
        tokio::spawn(async move {
            while let Some(message) = to_send.recv().await {
                if sink.send(message).await.is_err() {
                    break;
                }
            }
        });
        let reader = devtools.clone();
        tokio::spawn(async move {
            while let Some(Ok(message)) = stream.next().await {
                let Message::Text(text) = message else {
                    continue;
                };
                let Ok(value) = serde_json::from_str::<Value>(text.as_str()) else {
                    continue;
                };
                reader.dispatch(value, &mut on_event);
            }
            // The browser is gone: every caller still waiting, or sending later, learns it
            // now (dropping a caller's sender wakes it with an error).
            reader.shared.closed.store(true, Ordering::SeqCst);
            reader.pending().clear();
        });
        Ok(devtools)
    }

    fn pending(&self) -> std::sync::MutexGuard<'_, HashMap<u64, oneshot::Sender<Answer>>> {
        self.shared
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    fn dispatch(&self, mut value: Value, on_event: &mut impl FnMut(&DevTools, Event)) {
        if let Some(id) = value["id"].as_u64() {
            let answer = match value.get("error") {
                Some(error) => Err(error.to_string()),
                None => Ok(value["result"].take()),
            };
            if let Some(caller) = self.pending().remove(&id) {
                // A caller that stopped waiting does not need the answer.
                let _ = caller.send(answer);
            }
        } else if let Some(method) = value["method"].as_str() {
            let event = Event {
                session: value["sessionId"].as_str().map(str::to_owned),
                method: method.to_owned(),
                params: value["params"].take(),
            };
            on_event(self, event);
        }
    }

    /// Sends a command without waiting: the receiver gets its answer, or an error if the
    /// connection closes first. Usable from the event callback.
    pub fn send(
        &self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> oneshot::Receiver<Answer> {
        let id = self.shared.next_id.fetch_add(1, Ordering::Relaxed);
        let (answer, receiver) = oneshot::channel();
        self.pending().insert(id, answer);
        let mut command = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            command["sessionId"] = session.into();
        }
        let sent = self
            .shared
            .outgoing
            .send(Message::text(command.to_string()));
        if sent.is_err() || self.shared.closed.load(Ordering::SeqCst) {
            // No answer will come; dropping the sender tells the receiver.
            self.pending().remove(&id);
        }
        receiver
    }

    /// Sends a command and waits for its answer, at most [`CALL_LIMIT`].
    pub async fn call(&self, session: Option<&str>, method: &str, params: Value) -> Answer {
        let answer = self.send(session, method, params);
        match tokio::time::timeout(CALL_LIMIT, answer).await {
            Ok(Ok(answer)) => answer.map_err(|e| format!("{method}: {e}")),
            Ok(Err(_)) => Err(format!("{method}: the DevTools connection closed")),
            Err(_) => Err(format!("{method}: no answer within {CALL_LIMIT:?}")),
        }
    }
}
