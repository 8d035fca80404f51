//! The Web Worker's entry point: Trunk builds it as a worker (`data-type="worker"` in
//! index.html); it serves import and allocation requests (see `kshetra::worker`).
fn main() {
    console_error_panic_hook::set_once();
    kshetra::worker::serve();
}
