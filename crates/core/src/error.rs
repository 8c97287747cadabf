//! Stable error codes shared by every consumer.
//!
//! Each typed error in the core implements [`ErrorCode`]. The code is a short snake_case string
//! that never changes once released: JavaScript (`err.code`) and PHP (`WP_Error` codes) match
//! on it, so messages may be reworded freely but codes may not.

/// A typed error with a stable, machine-matchable code.
pub trait ErrorCode {
    /// The stable snake_case code, e.g. `template_syntax`.
    fn code(&self) -> &'static str;
}
