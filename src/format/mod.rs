//! Figures as people read them: money with its currency and thousands
//! separators, rates, ratios, and `[published]` figures quoted as stated.
//! Below every layer that words a figure (the checks' messages, the imported
//! model's comments, every report), so each says a number the same way.

pub mod currency;
pub mod names;
pub mod published;
pub mod text;
