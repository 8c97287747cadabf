//! (woocsv: being written)
