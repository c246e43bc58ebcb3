// SPDX-License-Identifier: GPL-3.0-or-later

import IPCommon
import Testing

/// The progress bar's text: the share done, the time elapsed and the time left at the pace so
/// far.
@Suite("ProgressBar")
struct ProgressBarTests {
  @Test func theLineShowsElapsedAndRemainingTime() {
    // 30% in 12 s: 28 s left at the same pace.
    #expect(
      ProgressBar.line(label: "simulating", done: 300, total: 1000, elapsed: 12)
        == "simulating [#########---------------------] 30% 0:12 elapsed, about 0:28 left")
    // Nothing done yet: no estimate.
    #expect(
      ProgressBar.line(label: "scenarios", done: 0, total: 5, elapsed: 1.5)
        == "scenarios [------------------------------] 0% 0:02 elapsed")
    // Done (or more than the total): nothing left.
    #expect(
      ProgressBar.line(label: "x", done: 12, total: 10, elapsed: 3725)
        == "x [##############################] 100% 1:02:05 elapsed, about 0:00 left")
  }

  @Test func durations() {
    #expect(ProgressBar.duration(0) == "0:00")
    #expect(ProgressBar.duration(59.4) == "0:59")
    #expect(ProgressBar.duration(59.6) == "1:00")
    #expect(ProgressBar.duration(61) == "1:01")
    #expect(ProgressBar.duration(3600) == "1:00:00")
    #expect(ProgressBar.duration(-5) == "0:00")
    #expect(ProgressBar.duration(.infinity) == "99:59:59")
  }
}
