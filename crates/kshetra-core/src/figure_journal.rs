//! The officer's recent ward-figure edits, kept beside a saved map so that a crash loses at
//! most the last one.
//!
//! A saved map record is the whole map as GeoJSON: at 10,000 wards it takes about a second to
//! make, so the app writes it a while after typing stops. Each figure edit is also appended
//! here, with a sequence number, and this small journal is written at once. The map record
//! says up to which sequence number it already holds the edits
//! ([`FigureJournal::saved_upto`]); on reload the edits after it are applied again
//! ([`FigureJournal::replay`]).
//!
//! ```
//! use kshetra_core::figure_journal::FigureJournal;
//! use kshetra_core::model::{Ward, WardEdit, WardMap};
//! use geo::MultiPolygon;
//!
//! let ward = |n: &str| Ward::new(n, MultiPolygon::new(vec![]));
//! let mut map = WardMap::new(vec![ward("1"), ward("2")]);
//! let mut journal = FigureJournal::default();
//! journal.record("2", WardEdit::Population(Some(5_000)));
//! let upto = journal.last_seq(); // the map record saved now holds that edit
//! journal.record("1", WardEdit::Population(Some(7_000)));
//! journal.saved_upto(upto);
//! // After a crash: the saved map (with ward 2's edit) and the journal's later edit.
//! let applied = journal.replay(&mut map, upto);
//! assert_eq!(applied, 1);
//! assert_eq!(map.wards()[0].population, Some(7_000));
//! ```

use serde::{Deserialize, Serialize};

use crate::model::{WardEdit, WardMap};

/// Format version of a journal record.
pub const VERSION: u32 = 1;

/// One figure edit: which ward (by number, so it survives any reordering) and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// Increasing across the map's life (also across reloads).
    pub seq: u64,
    /// The ward's number.
    pub ward: String,
    /// The change.
    pub edit: WardEdit,
}

/// The figure edits not yet known to be in the saved map record, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FigureJournal {
    /// Format version ([`VERSION`]).
    pub version: u32,
    /// The edits.
    pub entries: Vec<JournalEntry>,
    /// The highest sequence number given out (entries may have been dropped after it).
    #[serde(default)]
    pub seq: u64,
}

impl FigureJournal {
    /// A journal continuing after sequence number `seq` (the saved map's, or a saved
    /// journal's last).
    pub fn after(seq: u64) -> FigureJournal {
        FigureJournal { version: VERSION, entries: Vec::new(), seq }
    }

    /// Appends an edit of ward `ward`; returns its sequence number.
    pub fn record(&mut self, ward: &str, edit: WardEdit) -> u64 {
        self.version = VERSION;
        self.seq += 1;
        self.entries.push(JournalEntry { seq: self.seq, ward: ward.to_string(), edit });
        self.seq
    }

    /// The last sequence number given out: a map record made now holds every edit up to it.
    pub fn last_seq(&self) -> u64 {
        self.seq
    }

    /// Drops the edits a saved map record now holds (those up to `seq`).
    pub fn saved_upto(&mut self, seq: u64) {
        self.entries.retain(|e| e.seq > seq);
    }

    /// Applies to `map` (a saved record's map, holding edits up to `saved_seq`) the edits made
    /// after it, in order; drops the others. Edits of a ward the map does not have are
    /// skipped. Returns how many were applied.
    pub fn replay(&mut self, map: &mut WardMap, saved_seq: u64) -> usize {
        self.saved_upto(saved_seq);
        self.seq = self.seq.max(saved_seq);
        let mut applied = 0;
        for e in &self.entries {
            if let Some(i) = map.index_of(&e.ward) {
                map.edit(i, e.edit.clone());
                applied += 1;
            }
        }
        applied
    }

    /// The journal as saved text.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A saved journal; `None` when the text is not a journal of this version (then it is
    /// ignored: the map record alone is what was saved).
    pub fn from_text(text: &str) -> Option<FigureJournal> {
        serde_json::from_str::<FigureJournal>(text).ok().filter(|j| j.version == VERSION)
    }
}

#[cfg(test)]
mod tests {
    use geo::MultiPolygon;

    use super::*;
    use crate::model::Ward;

    fn map() -> WardMap {
        let ward = |n: &str| Ward::new(n, MultiPolygon::new(vec![]));
        WardMap::new(vec![ward("1"), ward("2"), ward("3")])
    }

    /// Whatever moment the map record was saved at, record + replayed journal = every edit.
    #[test]
    fn saved_map_and_replayed_journal_hold_every_edit() {
        let edits: Vec<(&str, WardEdit)> = vec![
            ("1", WardEdit::Population(Some(10))),
            ("2", WardEdit::Households(Some(3))),
            ("1", WardEdit::Population(Some(12))),
            ("3", WardEdit::Zone(Some("A".into()))),
            ("2", WardEdit::PoorHouseholds(None)),
            ("3", WardEdit::Zone(Some("B".into()))),
        ];
        let mut all = map();
        for (w, e) in &edits {
            let i = all.index_of(w).unwrap();
            all.edit(i, e.clone());
        }
        for saved_after in 0..=edits.len() {
            let mut saved = map();
            let mut journal = FigureJournal::after(0);
            let mut saved_seq = 0;
            for (n, (w, e)) in edits.iter().enumerate() {
                if n < saved_after {
                    let i = saved.index_of(w).unwrap();
                    saved.edit(i, e.clone());
                }
                journal.record(w, e.clone());
                if n + 1 == saved_after {
                    saved_seq = journal.last_seq();
                    journal.saved_upto(saved_seq);
                }
            }
            let mut reread = FigureJournal::from_text(&journal.to_text()).unwrap();
            let applied = reread.replay(&mut saved, saved_seq);
            assert_eq!(applied, edits.len() - saved_after);
            assert_eq!(saved, all, "record saved after {saved_after} edits");
            assert_eq!(reread.last_seq(), edits.len() as u64);
        }
    }

    #[test]
    fn unknown_wards_and_other_versions_are_ignored() {
        let mut j = FigureJournal::after(5);
        j.record("99", WardEdit::Population(Some(1)));
        let mut m = map();
        assert_eq!(j.replay(&mut m, 5), 0);
        assert_eq!(m, map());
        assert_eq!(j.last_seq(), 6);
        assert!(FigureJournal::from_text(r#"{"version":2,"entries":[],"seq":1}"#).is_none());
        assert!(FigureJournal::from_text("not json").is_none());
    }
}
