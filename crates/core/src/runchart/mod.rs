//! Run charts: centre lines, baselines and phases, and the IHI and Anhøj rules.
