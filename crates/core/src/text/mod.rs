//! (text: being written)
