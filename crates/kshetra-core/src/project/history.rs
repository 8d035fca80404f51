//! Undo and redo of [`Edit`]s.
//!
//! Each applied edit is stored as the patch that reverts it (only the wards, locks,
//! organiser list or settings it changed), so a 200-step history of brush strokes on a
//! 10,000-ward map stays small. Edits that change nothing are not recorded; a new edit clears
//! the redo steps. Consecutive edits with the same non-zero *stroke* number (one drag of the
//! brush) are coalesced into one undo step.

use std::collections::VecDeque;

use crate::model::WardMap;
use crate::project::edit::{Edit, Patch, ProjectError};
use crate::project::Project;

/// Undo/redo steps for one project. Serialisable, so the app keeps it with the project and a
/// reload can still undo.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct History {
    undo: VecDeque<(u64, Vec<Patch>)>,
    redo: Vec<Vec<Patch>>,
}

impl History {
    /// Most undo steps kept; older ones are dropped.
    pub const CAPACITY: usize = 200;

    /// An empty history.
    pub fn new() -> History {
        History::default()
    }

    /// Applies `edit` to `project` as a new undo step.
    pub fn apply(
        &mut self,
        project: &mut Project,
        map: &WardMap,
        edit: Edit,
    ) -> Result<(), ProjectError> {
        self.apply_in_stroke(project, map, edit, 0)
    }

    /// Applies `edit`; when `stroke` is non-zero and equals the stroke of the last undo step,
    /// the edit joins that step (one brush drag = one undo).
    pub fn apply_in_stroke(
        &mut self,
        project: &mut Project,
        map: &WardMap,
        edit: Edit,
        stroke: u64,
    ) -> Result<(), ProjectError> {
        let patch = project.apply_recorded(map, edit)?;
        if patch.is_empty() {
            return Ok(());
        }
        self.redo.clear();
        match self.undo.back_mut() {
            Some((s, patches)) if stroke != 0 && *s == stroke => patches.push(patch),
            _ => {
                self.undo.push_back((stroke, vec![patch]));
                if self.undo.len() > Self::CAPACITY {
                    self.undo.pop_front();
                }
            }
        }
        Ok(())
    }

    /// Undoes the last step; `false` when there is none.
    pub fn undo(&mut self, project: &mut Project) -> bool {
        let Some((_, patches)) = self.undo.pop_back() else { return false };
        let redo: Vec<Patch> = patches.into_iter().rev().map(|p| project.apply_patch(p)).collect();
        self.redo.push(redo);
        true
    }

    /// Redoes the last undone step; `false` when there is none.
    pub fn redo(&mut self, project: &mut Project) -> bool {
        let Some(patches) = self.redo.pop() else { return false };
        let undo: Vec<Patch> = patches.into_iter().rev().map(|p| project.apply_patch(p)).collect();
        self.undo.push_back((0, undo));
        true
    }

    /// Whether there is a step to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Number of undo steps.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// Forgets all steps (e.g. after loading another project).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}
