//! Permanence analysis: stages between milestones, the PACE aims, cohorts and children waiting.
