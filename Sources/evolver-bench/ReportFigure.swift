import EvolverCore
import Foundation
import RunStore

/// `report_seconds`: wall time of `evolver report` (the built binary, as a user runs it) on a
/// recorded run of at least 2,000 candidates.
struct ReportFigure {
    static let minimumCandidates = 2000
    let evolverPath: String
    let sandboxesPath: String
    let scratch: URL

    /// The median of three reports of run `runID`, and the page's size in bytes.
    func measure(store: RunStore, runID: String) throws -> (seconds: Double, bytes: Int) {
        let storePath = store.fileURL.deletingLastPathComponent().path
        let page = scratch.appendingPathComponent("report-\(runID).html")
        var times: [Double] = []
        for _ in 0..<3 {
            var status: Int32 = 0
            times.append(try timeNs {
                status = try run(evolverPath, ["report", runID, "-o", page.path, "--store", storePath, "--sandboxes", sandboxesPath])
            } / 1e9)
            guard status == 0 else { throw BenchError("evolver report \(runID) exited with \(status)") }
        }
        let bytes = (try FileManager.default.attributesOfItem(atPath: page.path)[.size] as? Int) ?? 0
        return (median(times), bytes)
    }
}
