//! (prompt: being written)
