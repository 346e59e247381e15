//! A stage's title as every screen, report and table shows it: "Aim 2: Accommodated to permanence
//! recommendation" for a stage that measures a PACE aim (docs/domain.md#pace-aims), else its label.
//! Kept beside, not inside, the stage definitions so that the wording has one home.

use super::stages::StageId;

impl StageId {
    /// "Aim N: label" for a stage that measures a PACE aim, else the label.
    pub fn title(self) -> String {
        match self.aim() {
            Some(n) => format!("Aim {n}: {}", self.label()),
            None => self.label().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aims_are_numbered_and_other_stages_are_not() {
        assert_eq!(StageId::AccommodatedToRecommendation.title(), "Aim 2: Accommodated to permanence recommendation");
        assert_eq!(StageId::CsoAtHomeToReview.title(), "Aim 1: CSO at home to review");
        assert_eq!(StageId::PanelToAdm.title(), "Panel to ADM decision");
    }
}
