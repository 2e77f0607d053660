import Foundation
import Synchronization
import Testing
@testable import ScreenCore

/// Progress on standard error: drawn only on a terminal, never in a pipe or a file, and erased
/// when the work ends; the counting the work does is an atomic add.
@Suite("Progress lines on a terminal, nothing otherwise")
struct ProgressLineTests {
    final class Sink: Sendable {
        let text = Mutex("")
        func write(_ s: String) { text.withLock { $0 += s } }
    }

    @Test("the line's text: label, stage, grouped count of total, unit, percentage")
    func text() {
        #expect(ProgressLine.text(label: "report", stage: "sei: SMAA", done: 3000, total: 10000, unit: "samples")
                == "report: sei: SMAA 3,000 of 10,000 samples (30 %)")
        #expect(ProgressLine.text(label: "import", stage: "", done: 1_234_567, total: 0, unit: "rows read") == "import: 1,234,567 rows read")
        #expect(ProgressLine.text(label: "report", stage: "charts", done: 0, total: 0, unit: "") == "report: charts")
        #expect(ProgressLine.text(label: "x", stage: "", done: 12, total: 10, unit: "") == "x: 12 of 10 (100 %)")
    }

    @Test("enabled, it draws after the delay and ends with the line erased")
    func drawsAndErases() async throws {
        let sink = Sink()
        let line = ProgressLine("smaa", total: 100, unit: "samples", enabled: true, delay: .zero, output: sink.write)
        line.advance(by: 40)
        try await Task.sleep(for: .milliseconds(600))
        line.finish()
        let out = sink.text.withLock { $0 }
        #expect(out.contains("\rsmaa: 40 of 100 samples (40 %)\u{1B}[K"), "\(out.debugDescription)")
        #expect(out.hasSuffix("\r\u{1B}[K"), "\(out.debugDescription)")
        line.finish()  // a second finish writes nothing more
        #expect(sink.text.withLock { $0 } == out)
    }

    @Test("work shorter than the delay draws nothing; a disabled line never draws")
    func silent() async throws {
        let sink = Sink()
        let quick = ProgressLine("quick", total: 10, enabled: true, delay: .seconds(3600), output: sink.write)
        quick.advance(by: 10)
        try await Task.sleep(for: .milliseconds(300))
        quick.finish()
        let off = ProgressLine("off", total: 10, enabled: false, delay: .zero, output: sink.write)
        off.advance(by: 5)
        try await Task.sleep(for: .milliseconds(300))
        off.finish()
        #expect(sink.text.withLock { $0 }.isEmpty)
    }

    @Test("inside a line's work, counting sites advance it and a nested line stays silent")
    func nested() async throws {
        let sink = Sink()
        let outer = ProgressLine("report", enabled: true, delay: .zero, output: sink.write)
        ProgressLine.$current.withValue(outer) {
            outer.begin("sei: SMAA")
            ProgressLine.run("SMAA", total: 50, unit: "samples") { line in
                #expect(line === outer)
                line.advance(by: 25)
            }
            #expect(outer.text == "report: sei: SMAA 25 of 50 samples (50 %)")
            let inner = ProgressLine("stability", total: 3, enabled: true, delay: .zero, output: sink.write)
            inner.advance()
            inner.finish()
        }
        outer.finish()
        #expect(!sink.text.withLock { $0 }.contains("stability"))
    }
}
