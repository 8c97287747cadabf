//! (writer: being written)
