//! Hand-written SVG charts. Each is a `figure` with a caption, a summary in words and its data
//! as a table one tap away; shapes and labels, not colour alone, carry the meaning.

pub mod score_bars;
pub mod series_chart;
pub mod share_bar;
