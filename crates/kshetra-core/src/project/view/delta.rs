//! What one [`PlanView::follow`](super::PlanView::follow) changed: [`Delta`] and the
//! [`Touched`] sets it is made of.

/// Which items changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Touched<T> {
    /// Possibly all of them: look at every one.
    All,
    /// Only these (increasing, each once).
    Only(Vec<T>),
}

impl<T> Touched<T> {
    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        matches!(self, Touched::Only(v) if v.is_empty())
    }

    fn none() -> Touched<T> {
        Touched::Only(Vec::new())
    }
}

/// What one [`PlanView::follow`](super::PlanView::follow) changed, relative to the view
/// numbered `since`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delta {
    /// The view's number before (a consumer that last saw another number must look at
    /// everything).
    pub since: u64,
    /// Units whose [`UnitStyle`](super::UnitStyle) changed.
    pub units: Touched<usize>,
    /// Organisers whose area's units changed (outline, figures).
    pub areas: Touched<u32>,
    /// Organisers whose label (text or place) changed, appeared or went.
    pub labels: Touched<u32>,
}

impl Delta {
    pub(super) fn all(since: u64) -> Delta {
        Delta { since, units: Touched::All, areas: Touched::All, labels: Touched::All }
    }

    pub(super) fn none(since: u64) -> Delta {
        Delta { since, units: Touched::none(), areas: Touched::none(), labels: Touched::none() }
    }

    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.units.is_empty() && self.areas.is_empty() && self.labels.is_empty()
    }
}
