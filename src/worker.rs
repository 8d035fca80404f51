//! Heavy pure-core work off the main thread: a Web Worker running the same wasm core.
//!
//! **What runs there.** Reading a map file (`import::read_any`), applying a field mapping
//! (`import::apply`) and the allocation engine (`kshetra_alloc::allocate`). The page stays
//! responsive and shows progress; the current map is untouched until the officer accepts.
//!
//! **How it is built.** `index.html` has a second Trunk rust link with `data-type="worker"`
//! for the `kshetra_worker` binary (`src/bin/kshetra_worker.rs`). Trunk 0.21 names a worker's
//! files after the binary, unhashed (`kshetra_worker.js`, `kshetra_worker_bg.wasm`), builds
//! it with wasm-bindgen's `no-modules` target, and with `data-loader-shim` writes
//! `kshetra_worker_loader.js` = `importScripts("./kshetra_worker.js");wasm_bindgen("./kshetra_worker_bg.wasm");`.
//! The page starts it with the relative URL [`WORKER_URL`], so it resolves against the page's
//! own address and works under any sub-path (`/nulm/kshetra/`), same-origin only.
//!
//! **Protocol.** Hand-written and small ([`Request`], [`Response`]: plain serde values in
//! `kshetra_core::worker_protocol`, re-exported here), encoded with `postcard`
//! (compact binary serde). `gloo-worker` was not used: its messages must be serde values, so
//! the map file could not travel as a `File` (the worker reads it itself with
//! `FileReaderSync`, the page never copies the 50 MB), and its bridge expects to own the
//! script loading. Page → worker: a JS array `[Uint8Array request, Blob?]`, the request's
//! buffer transferred. Worker → page: one `Uint8Array` per [`Response`], transferred. The
//! worker handles one request at a time, in order; each request gets zero or more progress
//! responses and then exactly one final response, so the page matches them by order.
//!
//! **Cancel.** The engine is synchronous: while it runs the worker cannot receive a message,
//! and a shared cancel flag would need `SharedArrayBuffer`, which needs cross-origin
//! isolation headers that a state web server under a sub-path will not send. So cancelling
//! terminates the worker ([`AllocRun::cancel`]); the run's result is dropped (the previous plan
//! stays) and the next run starts a fresh worker. Each allocation gets its own worker.
//!
//! **Fallback.** When a worker cannot start (old browser, blocked script, missing file) or dies
//! (out of memory), the import runs in the page as before ([`ImportSession`]);
//! [`allocate`] returns [`AllocFailure::WorkerUnavailable`] and the caller may run
//! `kshetra_alloc::allocate` directly.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;

use kshetra_alloc::{AllocError, Control, Organiser, Outcome, Problem, Progress, Settings};
use kshetra_core::adjacency::{AdjacencyOptions, Connectivity};
use kshetra_core::import::{self, FieldMapping, ImportError, Imported, RawLayer};
use kshetra_core::worker_protocol::{
    ImportPreview, ImportStep, RawSummary, ReadResult, Request, Response, Taken,
    PROGRESS_INTERVAL_MS,
};
use kshetra_core::WardMap;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The worker's loader script, relative to the page (see the module docs).
pub const WORKER_URL: &str = "./kshetra_worker_loader.js";

// ---------------------------------------------------------------------------------------------
// Protocol: the messages are kshetra_core::worker_protocol's; encoded here with postcard
// ---------------------------------------------------------------------------------------------

/// Everything for an import ([`Taken`]), computed where this runs (the worker, or the page as
/// a fallback): the adjacency graph with the officer's links, the record to keep in the
/// browser ([`crate::persist::record_text`]) and the total area.
pub fn take_import(
    file: &str,
    imported: Imported,
    adjacency: AdjacencyOptions,
    links: &[(String, String)],
    on_step: &mut dyn FnMut(ImportStep),
) -> Taken {
    on_step(ImportStep::Neighbours { wards: imported.map.wards().len() as u64 });
    let connectivity = kshetra_core::adjacency::connectivity(&imported.map, &adjacency, links);
    on_step(ImportStep::Saving);
    let record = crate::persist::record_text(crate::persist::RecordKind::File, file, &imported.map);
    let area_km2 = imported.map.total_area_m2() / 1e6;
    Taken { imported, connectivity, adjacency, record, area_km2 }
}

/// Encodes a message.
pub fn encode<T: Serialize>(value: &T) -> Vec<u8> {
    postcard::to_stdvec(value).expect("protocol messages always serialise")
}

/// Decodes a message.
pub fn decode<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------------
// The worker's side: state and request handling (pure but for the clock and the file bytes)
// ---------------------------------------------------------------------------------------------

/// What the worker keeps between requests: the file read last and the last mapping applied.
#[derive(Default)]
pub struct WorkerState {
    raw: Option<RawLayer>,
    applied: Option<(FieldMapping, Result<Imported, ImportError>)>,
}

impl WorkerState {
    fn apply(
        &mut self,
        mapping: &FieldMapping,
        post: &mut dyn FnMut(Response),
    ) -> Result<Imported, ImportError> {
        if let Some((m, result)) = &self.applied {
            if m == mapping {
                return result.clone();
            }
        }
        let Some(raw) = &self.raw else {
            return Err(ImportError::Empty { file: String::new() });
        };
        post(Response::ImportProgress(ImportStep::Checking {
            features: raw.features.len() as u64,
        }));
        let result = import::apply(raw, mapping);
        self.applied = Some((mapping.clone(), result.clone()));
        result
    }
}

/// Serves one request: posts its progress and its final response.
///
/// `load` gives the bytes of the file sent with an [`Request::Import`]; `now` is a clock in
/// milliseconds (for throttling engine progress).
pub fn handle(
    state: &mut WorkerState,
    request: Request,
    load: &mut dyn FnMut() -> Vec<u8>,
    now: &dyn Fn() -> f64,
    post: &mut dyn FnMut(Response),
) {
    match request {
        Request::Import { file_name, size } => {
            state.raw = None;
            state.applied = None;
            post(Response::ImportProgress(ImportStep::Loading { bytes: size }));
            let bytes = load();
            post(Response::ImportProgress(ImportStep::Reading { bytes: bytes.len() as u64 }));
            let raw = import::read_any(&file_name, &bytes);
            drop(bytes);
            match raw {
                Ok(raw) => {
                    let summary = RawSummary::of(&raw);
                    let mapping = summary.mapping.clone();
                    state.raw = Some(raw);
                    let preview = state.apply(&mapping, post).map(|i| ImportPreview::of(&i));
                    post(Response::Read(Ok((summary, preview))));
                }
                Err(e) => post(Response::Read(Err(e))),
            }
        }
        Request::Preview { mapping } => {
            let preview = state.apply(&mapping, post).map(|i| ImportPreview::of(&i));
            post(Response::Previewed(preview));
        }
        Request::Take { mapping, adjacency, links } => {
            let file = state.raw.as_ref().map(|r| r.file.clone()).unwrap_or_default();
            let result = state.apply(&mapping, post).map(|imported| {
                take_import(&file, imported, adjacency, &links, &mut |step| {
                    post(Response::ImportProgress(step))
                })
            });
            if result.is_ok() {
                // The file's data is no longer needed once the map is taken.
                state.raw = None;
                state.applied = None;
            }
            post(Response::Taken(result));
        }
        Request::Connect { map, adjacency, links } => {
            post(Response::Connected(kshetra_core::adjacency::connectivity(
                &map, &adjacency, &links,
            )));
        }
        Request::Allocate { problem, organisers, settings } => {
            let mut last = f64::NEG_INFINITY;
            let mut on_progress = |p: Progress| {
                let t = now();
                if t - last >= PROGRESS_INTERVAL_MS {
                    last = t;
                    post(Response::AllocProgress(p));
                }
                Control::Continue
            };
            let result =
                kshetra_alloc::allocate(&problem, &organisers, &settings, &mut on_progress);
            post(Response::Allocated(result));
        }
    }
}

/// The worker's entry point (called by `src/bin/kshetra_worker.rs`): listens for requests on
/// the worker's global scope and answers them; posts [`Response::Ready`] first.
pub fn serve() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let state = RefCell::new(WorkerState::default());
    let post_scope = scope.clone();
    let post = move |response: Response| {
        let _ = post_bytes(&encode(&response), |msg, transfer| {
            post_scope.post_message_with_transfer(msg, transfer)
        });
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data: js_sys::Array = ev.data().unchecked_into();
            let request_bytes = js_sys::Uint8Array::new(&data.get(0)).to_vec();
            let blob = data.get(1).dyn_into::<web_sys::Blob>().ok();
            let mut load = || blob.as_ref().map(read_blob).unwrap_or_default();
            let now = || js_sys::Date::now();
            let mut post = post.clone();
            match decode::<Request>(&request_bytes) {
                Ok(request) => handle(&mut state.borrow_mut(), request, &mut load, &now, &mut post),
                Err(e) => post(Response::Refused(e)),
            }
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = post_bytes(&encode(&Response::Ready), |msg, transfer| {
        scope.post_message_with_transfer(msg, transfer)
    });
}

/// A blob's bytes, read synchronously (allowed in workers). Unreadable → no bytes, which the
/// importers report as an empty file.
fn read_blob(blob: &web_sys::Blob) -> Vec<u8> {
    web_sys::FileReaderSync::new()
        .and_then(|r| r.read_as_array_buffer(blob))
        .map(|buffer| js_sys::Uint8Array::new(&buffer).to_vec())
        .unwrap_or_default()
}

/// Posts bytes as a `Uint8Array`, transferring its buffer.
fn post_bytes(
    bytes: &[u8],
    send: impl FnOnce(&JsValue, &JsValue) -> Result<(), JsValue>,
) -> Result<(), JsValue> {
    let array = js_sys::Uint8Array::from(bytes);
    let transfer = js_sys::Array::of1(&array.buffer());
    send(&array, &transfer)
}

// ---------------------------------------------------------------------------------------------
// The page's side: a worker client
// ---------------------------------------------------------------------------------------------

/// Why a worker did not answer.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkerError {
    /// The worker could not start (script missing, blocked, old browser) or was terminated.
    Unavailable(String),
    /// The worker failed while a request was pending: a panic (the release build aborts, so
    /// `catch_unwind` cannot help in wasm), out of memory, or an answer that cannot be read.
    /// The same input would fail the same way in the page, so callers do not fall back to it;
    /// the next request starts a fresh worker.
    Crashed(String),
}

type Slot = Rc<RefCell<Option<Result<Response, WorkerError>>>>;

type OnProgress = Rc<RefCell<Box<dyn FnMut(Response)>>>;

struct Pending {
    on_progress: OnProgress,
    slot: Slot,
    resolve: js_sys::Function,
}

#[derive(Default)]
struct Inner {
    queue: VecDeque<Pending>,
    dead: Option<String>,
}

impl Inner {
    fn fail_all(&mut self, error: WorkerError) {
        let why = match &error {
            WorkerError::Unavailable(w) | WorkerError::Crashed(w) => w.clone(),
        };
        self.dead.get_or_insert(why);
        for p in self.queue.drain(..) {
            *p.slot.borrow_mut() = Some(Err(error.clone()));
            let _ = p.resolve.call0(&JsValue::NULL);
        }
    }
}

/// A running worker. Terminated when dropped.
pub struct WorkerClient {
    worker: web_sys::Worker,
    inner: Rc<RefCell<Inner>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl WorkerClient {
    /// Starts a worker and waits until it listens.
    pub async fn start() -> Result<WorkerClient, WorkerError> {
        let worker = web_sys::Worker::new(WORKER_URL)
            .map_err(|e| WorkerError::Unavailable(format!("{e:?}")))?;
        let inner = Rc::new(RefCell::new(Inner::default()));
        let on_message = {
            let inner = inner.clone();
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let bytes = js_sys::Uint8Array::new(&ev.data()).to_vec();
                let response = match decode::<Response>(&bytes) {
                    Ok(r) => r,
                    Err(e) => Response::Refused(e),
                };
                if response.is_final() || matches!(response, Response::Ready) {
                    let done = inner.borrow_mut().queue.pop_front();
                    if let Some(p) = done {
                        *p.slot.borrow_mut() = Some(Ok(response));
                        let _ = p.resolve.call0(&JsValue::NULL);
                    }
                } else {
                    // Called without holding `inner`: the callback may cancel (terminate).
                    let callback = inner.borrow().queue.front().map(|p| p.on_progress.clone());
                    if let Some(callback) = callback {
                        (callback.borrow_mut())(response);
                    }
                }
            })
        };
        let on_error = {
            let inner = inner.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                ev.prevent_default();
                let why = ev
                    .dyn_ref::<web_sys::ErrorEvent>()
                    .map(|e| e.message())
                    .unwrap_or_else(|| "the worker failed".into());
                inner.borrow_mut().fail_all(WorkerError::Crashed(why));
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        worker.set_onmessageerror(Some(on_error.as_ref().unchecked_ref()));
        let client = WorkerClient { worker, inner, _on_message: on_message, _on_error: on_error };
        // The first answer is Ready (queued before any request).
        // Failing before it listens (script missing or blocked) means it could not start.
        match client.wait(Box::new(|_| {})).await {
            Ok(Response::Ready) => Ok(client),
            Ok(other) => {
                Err(WorkerError::Unavailable(format!("unexpected first message {other:?}")))
            }
            Err(WorkerError::Crashed(why) | WorkerError::Unavailable(why)) => {
                Err(WorkerError::Unavailable(why))
            }
        }
    }

    /// Sends a request (with an optional blob beside it) and waits for its final response,
    /// passing progress responses to `on_progress`.
    pub async fn request(
        &self,
        request: &Request,
        blob: Option<&web_sys::Blob>,
        on_progress: impl FnMut(Response) + 'static,
    ) -> Result<Response, WorkerError> {
        if let Some(why) = &self.inner.borrow().dead {
            return Err(WorkerError::Unavailable(why.clone()));
        }
        let bytes = js_sys::Uint8Array::from(encode(request).as_slice());
        let message =
            js_sys::Array::of2(&bytes, &blob.map(JsValue::from).unwrap_or(JsValue::UNDEFINED));
        let transfer = js_sys::Array::of1(&bytes.buffer());
        self.worker
            .post_message_with_transfer(&message, &transfer)
            .map_err(|e| WorkerError::Unavailable(format!("{e:?}")))?;
        self.wait(Box::new(on_progress)).await
    }

    async fn wait(&self, on_progress: Box<dyn FnMut(Response)>) -> Result<Response, WorkerError> {
        let slot: Slot = Rc::new(RefCell::new(None));
        let mut resolve_fn = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| resolve_fn = Some(resolve));
        self.inner.borrow_mut().queue.push_back(Pending {
            on_progress: Rc::new(RefCell::new(on_progress)),
            slot: slot.clone(),
            resolve: resolve_fn.expect("Promise::new runs its executor at once"),
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        let answer = slot.borrow_mut().take();
        answer.unwrap_or_else(|| Err(WorkerError::Unavailable("no answer".into())))
    }

    /// Stops the worker at once; every request waiting fails.
    pub fn terminate(&self) {
        self.worker.terminate();
        self.inner.borrow_mut().fail_all(WorkerError::Unavailable("terminated".into()));
    }
}

impl Drop for WorkerClient {
    fn drop(&mut self) {
        self.worker.terminate();
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.set_onmessageerror(None);
    }
}

// ---------------------------------------------------------------------------------------------
// Import through the worker, with the in-page path as fallback
// ---------------------------------------------------------------------------------------------

/// One map file being imported: read in a worker when one can start, else in the page.
/// Dropping it stops the worker and frees the file's data.
pub struct ImportSession {
    file: web_sys::File,
    worker: RefCell<Option<Rc<WorkerClient>>>,
    raw: RefCell<Option<Arc<RawLayer>>>,
}

impl ImportSession {
    /// Reads `file`, reporting progress; gives the session (to preview other mappings and take
    /// the map) and what the file holds.
    pub async fn open(
        file: web_sys::File,
        on_step: impl Fn(ImportStep) + 'static,
    ) -> (Rc<ImportSession>, ReadResult) {
        let session =
            Rc::new(ImportSession { file, worker: RefCell::new(None), raw: RefCell::new(None) });
        if let Ok(worker) = WorkerClient::start().await {
            let request = Request::Import {
                file_name: session.file.name(),
                size: session.file.size() as u64,
            };
            let answer = worker.request(&request, Some(&session.file), progress_to(on_step)).await;
            match answer {
                Ok(Response::Read(result)) => {
                    *session.worker.borrow_mut() = Some(Rc::new(worker));
                    return (session, result);
                }
                Err(WorkerError::Crashed(why)) => {
                    // Reading it in the page would crash the page the same way.
                    gloo::console::warn!(format!("kshetra: the background reader failed: {why}"));
                    let file = session.file.name();
                    return (session, Err(ImportError::ReaderStopped { file }));
                }
                _ => {}
            }
            gloo::console::warn!("kshetra: the background reader stopped; reading in the page");
        }
        let result = session.in_page_raw().await.map(|raw| {
            let summary = RawSummary::of(&raw);
            let preview = import::apply(&raw, &summary.mapping).map(|i| ImportPreview::of(&i));
            (summary, preview)
        });
        (session, result)
    }

    /// Whether the file is being handled by a worker (else in the page).
    pub fn in_worker(&self) -> bool {
        self.worker.borrow().is_some()
    }

    /// The preview of a mapping.
    pub async fn preview(
        &self,
        mapping: FieldMapping,
        on_step: impl Fn(ImportStep) + 'static,
    ) -> Result<ImportPreview, ImportError> {
        if let Some(Response::Previewed(result)) =
            self.ask(&Request::Preview { mapping: mapping.clone() }, on_step).await?
        {
            return result;
        }
        let raw = self.in_page_raw().await?;
        import::apply(&raw, &mapping).map(|i| ImportPreview::of(&i))
    }

    /// The imported map for a mapping, with its adjacency graph (built with `adjacency` and
    /// the officer's `links`) and the record to save.
    pub async fn take(
        &self,
        mapping: FieldMapping,
        adjacency: AdjacencyOptions,
        links: Vec<(String, String)>,
        on_step: impl Fn(ImportStep) + 'static,
    ) -> Result<Taken, ImportError> {
        let request = Request::Take { mapping: mapping.clone(), adjacency, links: links.clone() };
        if let Some(Response::Taken(result)) = self.ask(&request, on_step).await? {
            return result;
        }
        let raw = self.in_page_raw().await?;
        import::apply(&raw, &mapping).map(|imported| {
            take_import(&self.file.name(), imported, adjacency, &links, &mut |_| {})
        })
    }

    /// Asks the worker, if there is one: `Ok(None)` when there is none or it was stopped (the
    /// caller works in the page); a worker that crashed is dropped and the request refused
    /// (in the page it would crash the page the same way).
    async fn ask(
        &self,
        request: &Request,
        on_step: impl Fn(ImportStep) + 'static,
    ) -> Result<Option<Response>, ImportError> {
        let Some(worker) = self.worker.borrow().clone() else { return Ok(None) };
        let answer = worker.request(request, None, progress_to(on_step)).await;
        match answer {
            Ok(r) => Ok(Some(r)),
            Err(e) => {
                self.worker.borrow_mut().take();
                match e {
                    WorkerError::Crashed(why) => {
                        gloo::console::warn!(format!(
                            "kshetra: the background reader failed: {why}"
                        ));
                        Err(ImportError::ReaderStopped { file: self.file.name() })
                    }
                    WorkerError::Unavailable(_) => {
                        gloo::console::warn!(
                            "kshetra: the background reader stopped; reading in the page"
                        );
                        Ok(None)
                    }
                }
            }
        }
    }

    /// The raw layer read in the page (the path without a worker, as before).
    async fn in_page_raw(&self) -> Result<Arc<RawLayer>, ImportError> {
        if let Some(raw) = self.raw.borrow().clone() {
            return Ok(raw);
        }
        // A file that cannot be read arrives as 0 bytes, which the importers report clearly.
        let bytes = match wasm_bindgen_futures::JsFuture::from(self.file.array_buffer()).await {
            Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
            Err(_) => Vec::new(),
        };
        let raw = Arc::new(import::read_any(&self.file.name(), &bytes)?);
        *self.raw.borrow_mut() = Some(raw.clone());
        Ok(raw)
    }
}

/// The adjacency graph of `map` built in a fresh worker (the page stays responsive); `None`
/// when no worker could do it (the caller builds it in the page).
pub async fn connectivity(
    map: WardMap,
    adjacency: AdjacencyOptions,
    links: Vec<(String, String)>,
) -> Option<Connectivity> {
    let worker = WorkerClient::start().await.ok()?;
    match worker.request(&Request::Connect { map, adjacency, links }, None, |_| {}).await {
        Ok(Response::Connected(c)) => Some(c),
        _ => None,
    }
}

fn progress_to(on_step: impl Fn(ImportStep) + 'static) -> impl FnMut(Response) + 'static {
    move |r| {
        if let Response::ImportProgress(step) = r {
            on_step(step)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Allocation through the worker
// ---------------------------------------------------------------------------------------------

/// Why an allocation through the worker gave no plan.
#[derive(Debug, Clone, PartialEq)]
pub enum AllocFailure {
    /// The engine refused the input (see [`AllocError`]).
    Engine(AllocError),
    /// [`AllocRun::cancel`] was called.
    Cancelled,
    /// No worker could run it (the caller may run `kshetra_alloc::allocate` in the page).
    WorkerUnavailable(String),
    /// The worker failed during the run (see [`WorkerError::Crashed`]); the plan is unchanged.
    WorkerCrashed(String),
}

/// Cancels an allocation started with [`allocate`]. Cloneable; cancelling twice is harmless.
#[derive(Clone, Default)]
pub struct AllocCancel {
    cancelled: Rc<Cell<bool>>,
    worker: Rc<RefCell<Option<Rc<WorkerClient>>>>,
}

impl AllocCancel {
    /// Stops the run: the worker is terminated and the run's future gives
    /// [`AllocFailure::Cancelled`].
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(w) = self.worker.borrow_mut().take() {
            w.terminate();
        }
    }

    /// Whether [`AllocCancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.get()
    }
}

/// A running allocation: its cancel handle and its result.
pub struct AllocRun {
    /// Cancels the run.
    pub cancel: AllocCancel,
    /// The plan, or why there is none.
    pub result: Pin<Box<dyn Future<Output = Result<Outcome, AllocFailure>>>>,
}

impl AllocRun {
    /// Stops the run (see [`AllocCancel::cancel`]).
    pub fn cancel(&self) {
        self.cancel.cancel()
    }
}

/// Runs the allocation engine in a fresh worker. `on_progress` receives the engine's progress
/// at most every [`PROGRESS_INTERVAL_MS`]. The worker is stopped when the run ends.
pub fn allocate(
    problem: Problem,
    organisers: Vec<Organiser>,
    settings: Settings,
    on_progress: impl FnMut(Progress) + 'static,
) -> AllocRun {
    let cancel = AllocCancel::default();
    let handle = cancel.clone();
    let result = async move {
        let mut on_progress = on_progress;
        let worker = Rc::new(WorkerClient::start().await.map_err(|e| match e {
            WorkerError::Unavailable(w) | WorkerError::Crashed(w) => {
                AllocFailure::WorkerUnavailable(w)
            }
        })?);
        if handle.is_cancelled() {
            return Err(AllocFailure::Cancelled);
        }
        *handle.worker.borrow_mut() = Some(worker.clone());
        let request = Request::Allocate { problem, organisers, settings };
        let answer = worker
            .request(&request, None, move |r| {
                if let Response::AllocProgress(p) = r {
                    on_progress(p)
                }
            })
            .await;
        handle.worker.borrow_mut().take();
        drop(worker);
        if handle.is_cancelled() {
            return Err(AllocFailure::Cancelled);
        }
        match answer {
            Ok(Response::Allocated(result)) => result.map_err(AllocFailure::Engine),
            Ok(other) => {
                Err(AllocFailure::WorkerUnavailable(format!("unexpected answer {other:?}")))
            }
            Err(WorkerError::Unavailable(why)) => Err(AllocFailure::WorkerUnavailable(why)),
            Err(WorkerError::Crashed(why)) => Err(AllocFailure::WorkerCrashed(why)),
        }
    };
    AllocRun { cancel, result: Box::pin(result) }
}
