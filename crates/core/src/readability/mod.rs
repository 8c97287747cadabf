//! (readability: being written)
