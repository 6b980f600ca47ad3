//! The benchmarks' global allocator: the system allocator with a count of the bytes in use and
//! their peak (the `peak_alloc` crate), for the memory figures.

use peak_alloc::PeakAlloc;

#[global_allocator]
static PEAK: PeakAlloc = PeakAlloc;

/// Restarts the peak from the bytes in use now, and returns them.
pub fn reset_peak() -> usize {
    PEAK.reset_peak_usage();
    PEAK.current_usage()
}

/// The most bytes in use since the last [`reset_peak`].
pub fn peak() -> usize {
    PEAK.peak_usage()
}
