//! Work accounting, progress reports and cancellation (no clock: the caller times things).

use crate::{Control, Phase, Progress};

/// Counts work units (roughly: node and edge visits) against a budget and calls the
/// progress callback every so often.
pub(crate) struct Budget<'p> {
    pub(crate) used: u64,
    /// Total budget of the whole run.
    pub(crate) total: u64,
    /// Limit of the current piece (≤ total).
    pub(crate) limit: u64,
    next_report: u64,
    pub(crate) cancelled: bool,
    pub(crate) best: f64,
    progress: &'p mut dyn FnMut(Progress) -> Control,
}

const REPORT_EVERY: u64 = 200_000;

impl<'p> Budget<'p> {
    pub(crate) fn new(total: u64, progress: &'p mut dyn FnMut(Progress) -> Control) -> Budget<'p> {
        Budget {
            used: 0,
            total,
            limit: total,
            next_report: REPORT_EVERY,
            cancelled: false,
            best: f64::NAN,
            progress,
        }
    }

    #[inline]
    pub(crate) fn spend(&mut self, units: u64) {
        self.used += units;
        if self.used >= self.next_report {
            self.next_report = self.used + REPORT_EVERY;
            self.report(Phase::Search);
        }
    }

    pub(crate) fn report(&mut self, phase: Phase) {
        if self.cancelled {
            return;
        }
        let p = Progress {
            phase,
            work_done: self.used,
            work_budget: self.total.max(self.used),
            best_max_deviation: self.best,
        };
        if (self.progress)(p) == Control::Cancel {
            self.cancelled = true;
        }
    }

    #[inline]
    pub(crate) fn exhausted(&self) -> bool {
        self.cancelled || self.used >= self.limit
    }
}
