//! Thin wrappers over browser APIs: local storage, the page URL and the document.
//! Failures (private mode, storage full, no window in tests) are ignored on purpose: they
//! must never break the app; the caller falls back to defaults.

use gloo::storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Serialize};

/// Reads a JSON value stored under `key`.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    LocalStorage::get(key).ok()
}

/// Stores a value as JSON under `key`.
pub fn save<T: Serialize>(key: &str, value: &T) {
    let _ = LocalStorage::set(key, value);
}

/// A query parameter of the page URL (`?lang=en` → `Some("en")`).
pub fn query_param(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()?.get(name)
}

/// Sets (or replaces) a query parameter in the address bar without reloading or adding a
/// history entry, so a reload keeps what the user chose.
pub fn replace_query_param(name: &str, value: &str) {
    let Some(window) = web_sys::window() else { return };
    let Ok(href) = window.location().href() else { return };
    let Ok(url) = web_sys::Url::new(&href) else { return };
    url.search_params().set(name, value);
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url.href()));
    }
}

/// Sets `<html lang>` and the document title.
pub fn set_document_language(lang_code: &str, title: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", lang_code);
    }
    document.set_title(title);
}

/// Offers `bytes` to the user as a downloaded file (a Blob URL; nothing leaves the browser).
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) {
    use wasm_bindgen::JsCast;
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(a) = document.create_element("a") else { return };
    let a: web_sys::HtmlAnchorElement = a.unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
}

/// Resolves in a later task of the event loop (`setTimeout(0)`): lets the page paint and
/// handle input between two long steps.
pub async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        } else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The file chosen in a file input (`change` event), clearing the input so choosing the same
/// file again fires again.
pub fn chosen_file(ev: &web_sys::Event) -> Option<web_sys::File> {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files().and_then(|f| f.get(0));
    input.set_value("");
    file
}

/// A file's bytes; a file that cannot be read gives no bytes (the readers report an empty
/// file clearly).
pub async fn file_bytes(file: &web_sys::File) -> Vec<u8> {
    match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
        Ok(b) => js_sys::Uint8Array::new(&b).to_vec(),
        Err(_) => Vec::new(),
    }
}

#[wasm_bindgen::prelude::wasm_bindgen(inline_js = r#"
export async function kshetra_svg_to_png(svg, width, height) {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise((ok, fail) => { img.onload = ok; img.onerror = () => fail(new Error('the SVG could not be drawn')); img.src = url; });
    const canvas = document.createElement('canvas');
    canvas.width = width; canvas.height = height;
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff'; ctx.fillRect(0, 0, width, height);
    ctx.drawImage(img, 0, 0, width, height);
    const blob = await new Promise((ok) => canvas.toBlob(ok, 'image/png'));
    if (!blob) throw new Error('the picture is too large for this browser');
    return new Uint8Array(await blob.arrayBuffer());
  } finally { URL.revokeObjectURL(url); }
}
"#)]
extern "C" {
    #[wasm_bindgen::prelude::wasm_bindgen(catch)]
    async fn kshetra_svg_to_png(
        svg: &str,
        width: u32,
        height: u32,
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
}

/// Draws an SVG document onto a white canvas of `width` × `height` pixels and gives the PNG
/// bytes (`Err` with the browser's reason, e.g. a canvas too large for this browser).
pub async fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, String> {
    match kshetra_svg_to_png(svg, width, height).await {
        Ok(v) => Ok(js_sys::Uint8Array::new(&v).to_vec()),
        Err(e) => Err(js_sys::Error::from(e).message().into()),
    }
}

/// Fetches a file of the app (same origin, relative URL).
pub async fn fetch_bytes(url: &str) -> Option<Vec<u8>> {
    let response = gloo::net::http::Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.binary().await.ok()
}
