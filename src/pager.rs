//! Long lists (200 organisers) shown a page at a time, with a filter, and rows kept between
//! changes ([`RowCache`]): the page holds a few dozen rows, so an edit's re-render and the
//! browser's layout stay small (all 200 rows of two lists in the page cost most of an edit's
//! frame at 10,000 wards). Short lists (up to [`PAGE_SIZE`] rows) are shown whole, without
//! controls.

use std::sync::Arc;

use kshetra_core::format::group_indian_u64;
use kshetra_core::i18n::Msg;
use leptos::prelude::*;

use crate::state::use_app_state;

/// Rows per page.
pub const PAGE_SIZE: usize = 25;

/// The page and filter of one list (arena handles: `Copy`).
#[derive(Clone, Copy)]
pub struct Pager {
    /// Current page (0-based; clamped to the pages there are).
    pub page: RwSignal<usize>,
    /// Text the rows' labels must contain (case-insensitive); empty = all rows.
    pub filter: RwSignal<String>,
}

/// What a list shows now.
#[derive(Debug, Clone, PartialEq)]
pub struct Window<T> {
    /// The rows on the page.
    pub rows: Vec<T>,
    /// Rows matching the filter.
    pub matching: usize,
    /// All rows.
    pub total: usize,
    /// Index (among the matching rows) of the page's first row.
    pub first: usize,
}

impl Default for Pager {
    fn default() -> Self {
        Self::new()
    }
}

impl Pager {
    /// Page 0, no filter.
    pub fn new() -> Pager {
        Pager { page: RwSignal::new(0), filter: RwSignal::new(String::new()) }
    }

    /// The rows of `all` to show: those whose `label` contains the filter, then the page.
    pub fn window<T: Clone>(&self, all: &[T], label: impl Fn(&T) -> &str) -> Window<T> {
        let total = all.len();
        if total <= PAGE_SIZE {
            return Window { rows: all.to_vec(), matching: total, total, first: 0 };
        }
        let matches = self.filter.with(|f| matcher(f));
        let matching: Vec<&T> = all.iter().filter(|r| matches(label(r))).collect();
        let pages = matching.len().div_ceil(PAGE_SIZE).max(1);
        let page = self.page.get().min(pages - 1);
        let first = page * PAGE_SIZE;
        let rows = matching.iter().skip(first).take(PAGE_SIZE).map(|r| (*r).clone()).collect();
        Window { rows, matching: matching.len(), total, first }
    }

    /// Shows the page with the row for which `is` holds (among the rows matching the filter;
    /// the filter is cleared when it hides that row).
    pub fn reveal<T>(&self, all: &[T], label: impl Fn(&T) -> &str, is: impl Fn(&T) -> bool) {
        if all.len() <= PAGE_SIZE {
            return;
        }
        let matches = self.filter.with_untracked(|f| matcher(f));
        if !all.iter().any(|r| is(r) && matches(label(r))) {
            self.filter.set(String::new());
            return self.reveal(all, label, is);
        }
        if let Some(i) = all.iter().filter(|r| matches(label(r))).position(is) {
            if self.page.get_untracked() != i / PAGE_SIZE {
                self.page.set(i / PAGE_SIZE);
            }
        }
    }
}

/// Whether a row's label contains the filter text (case-insensitive; an empty filter matches all).
/// An ASCII filter is matched without lower-casing every label (the window is worked out
/// again on every edit while a filter is set).
fn matcher(filter: &str) -> impl Fn(&str) -> bool {
    let needle = filter.trim().to_lowercase();
    move |label: &str| {
        if needle.is_empty() {
            true
        } else if needle.is_ascii() {
            let n = needle.as_bytes();
            label.as_bytes().windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
        } else {
            label.to_lowercase().contains(&needle)
        }
    }
}

/// A long list of organisers' rows paged: the window to show, which turns to the page of the
/// organiser being painted for whenever one is chosen. `label`: the text the filter searches;
/// `organiser`: the row's organiser id.
pub fn paged<T>(
    rows: Memo<Vec<T>>,
    label: fn(&T) -> &str,
    organiser: fn(&T) -> u32,
    painting: RwSignal<Option<u32>>,
) -> (Pager, Memo<Window<T>>)
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let pager = Pager::new();
    let window = Memo::new(move |_| rows.with(|r| pager.window(r, label)));
    Effect::new(move |_| {
        if let Some(id) = painting.get() {
            rows.with_untracked(|r| pager.reveal(r, label, |r| organiser(r) == id));
        }
    });
    (pager, window)
}

/// One row of the window as it changes (for updating a shown row in place); `first` until
/// the row is no longer in the window.
pub fn live_row<T>(
    window: Memo<Window<T>>,
    is: impl Fn(&T) -> bool + Send + Sync + 'static,
    first: T,
) -> Memo<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        window.with(|w| w.rows.iter().find(|r| is(r)).cloned()).unwrap_or_else(|| first.clone())
    })
}

/// The rows of a list kept between changes with what each was made from: a row whose inputs
/// are the same as last time is reused, not made (formatted) again. Rows are shared
/// (`Arc`): an unchanged row is the same allocation from one change to the next, so copying a
/// page and comparing lists costs a pointer per row, and nothing is cloned per change (at 200
/// organisers, cloning every row and its inputs per edit cost more than the rest of the
/// organisers list).
pub struct RowCache<S, R> {
    rows: std::collections::BTreeMap<u32, (S, Arc<R>, u64)>,
    pass: u64,
}

impl<S, R> Default for RowCache<S, R> {
    fn default() -> Self {
        RowCache { rows: Default::default(), pass: 0 }
    }
}

impl<S, R> RowCache<S, R> {
    /// The rows for `items` (key, inputs as borrowed now), in order: the kept row where
    /// `same(stored inputs, inputs)`, else `make(key, inputs)` = (inputs to store, row). Rows of
    /// keys not in `items` are dropped.
    pub fn rows<B>(
        &mut self,
        items: impl IntoIterator<Item = (u32, B)>,
        same: impl Fn(&S, &B) -> bool,
        make: impl Fn(u32, &B) -> (S, R),
    ) -> Vec<Arc<R>> {
        self.pass += 1;
        let pass = self.pass;
        let rows: Vec<Arc<R>> = items
            .into_iter()
            .map(|(key, inputs)| match self.rows.get_mut(&key) {
                Some((stored, row, seen)) if same(stored, &inputs) => {
                    *seen = pass;
                    row.clone()
                }
                kept => {
                    let (stored, row) = make(key, &inputs);
                    let row = Arc::new(row);
                    match kept {
                        Some(entry) => *entry = (stored, row.clone(), pass),
                        None => {
                            self.rows.insert(key, (stored, row.clone(), pass));
                        }
                    }
                    row
                }
            })
            .collect();
        if self.rows.len() > rows.len() {
            self.rows.retain(|_, (_, _, seen)| *seen == pass);
        }
        rows
    }
}

/// Filter box and previous/next buttons for a long list (nothing for a short one).
/// `label`: the filter box's accessible name; `test_id`: for tests.
#[component]
pub fn PagerControls<T>(
    pager: Pager,
    window: Memo<Window<T>>,
    label: Msg,
    test_id: &'static str,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let matching = move || window.with(|w| w.matching);
    let total = move || window.with(|w| w.total);
    let first = move || window.with(|w| w.first);
    let state = use_app_state();
    // Rebuilt only when the list becomes long or short (or the language changes), so typing in
    // the filter keeps the focus.
    let long = Memo::new(move |_| total() > PAGE_SIZE);
    let range = move || {
        let n = matching();
        let from = if n == 0 { 0 } else { first() + 1 };
        let to = (first() + PAGE_SIZE).min(n);
        (from, to, n)
    };
    move || {
        let lang = state.lang.get();
        long.get().then(|| {
            view! {
                <div class="pager" data-testid=test_id>
                    <input type="search" aria-label=label.text(lang) placeholder=label.text(lang)
                        prop:value=move || pager.filter.get()
                        on:input=move |ev| { pager.filter.set(event_target_value(&ev)); pager.page.set(0); }/>
                    <button type="button" disabled=move || range().0 <= 1 on:click=move |_| pager.page.update(|p| *p = p.saturating_sub(1))>{Msg::PrevPage.text(lang)}</button>
                    <span class="range" role="status">{move || {
                        let (from, to, n) = range();
                        Msg::ListRange.fill(lang, &[("from", &group_indian_u64(from as u64)), ("to", &group_indian_u64(to as u64)), ("total", &group_indian_u64(n as u64))])
                    }}</span>
                    <button type="button" disabled=move || { let (_, to, n) = range(); to >= n } on:click=move |_| pager.page.update(|p| *p += 1)>{Msg::NextPage.text(lang)}</button>
                </div>
            }
        })
    }
}
