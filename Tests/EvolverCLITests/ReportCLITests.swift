import Foundation
import RunStore
import Testing
import TestSupport

/// End-to-end: `evolver report` on real runs, its page checked against the run's journal, and
/// rendered by a headless browser.
@Suite(.serialized)
struct ReportCLITests {
    /// Runs `score` into a fresh store and returns the store's folder.
    func recordRun(_ tmp: TempDirectory, _ budget: [String]) throws -> URL {
        let store = tmp.url.appendingPathComponent("store")
        let run = try CommandRunner.evolver(["run", "score", "--seed", "3", "--jobs", "2", "--store", store.path] + budget)
        #expect(run.status == 0, "\(run.stderr)")
        return store
    }

    func report(_ store: URL, to file: URL) throws -> ReportDocument {
        let result = try CommandRunner.evolver(["report", "r0001", "-o", file.path, "--store", store.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == file.path + "\n")
        return try ReportDocument(try String(contentsOf: file, encoding: .utf8))
    }

    @Test func thePlotsOfARealRunAreItsJournal() throws {
        let tmp = try TempDirectory()
        let storeURL = try recordRun(tmp, ["--time", "20s"])
        let doc = try report(storeURL, to: tmp.url.appendingPathComponent("report.html"))
        let store = try RunStore(directory: storeURL)
        let run = try store.run("r0001")
        let candidates = try store.candidates(run: "r0001"), promotions = try store.promotions(run: "r0001")

        let summary = try doc.elements("tr", in: "summary")
        #expect(summary.first { $0[attribute: "data-field"] == "candidates" }?[attribute: "data-value"] == "\(candidates.count)")
        #expect(summary.first { $0[attribute: "data-field"] == "best_speedup" }?.number("data-value") == run.bestSpeedup)

        for id in ["best-vs-time", "best-vs-candidates"] {
            let points = try doc.elements("circle", in: id)
            #expect(points.count == promotions.count + 1, "\(id)")
            #expect(points.first?.number("data-speedup") == 1)
            for (point, p) in zip(points.dropFirst(), promotions) {
                #expect(point.number("data-speedup") == p.speedupVsSeed)
                #expect(point[attribute: "data-candidate"] == "\(p.candidateIndex)")
                let ms = try #require(candidates[p.candidateIndex].elapsedMs, "a run records when each candidate was recorded")
                #expect(point.number("data-elapsed-ms") == Double(ms))
            }
        }

        var journal: [String: Int] = [:], plotted: [String: Int] = [:]
        for c in candidates { journal[c.verdict, default: 0] += 1 }
        for bar in try doc.elements("rect", in: "verdicts-over-time") {
            plotted[bar[attribute: "data-verdict"] ?? "?", default: 0] += Int(bar.number("data-count") ?? 0)
        }
        #expect(plotted == journal)

        let timed = candidates.compactMap(\.evidence.timing)
        #expect(timed.count == candidates.count, "a run records every candidate's stage times")
        let expectedStages: [String: Double] = timed.isEmpty
            ? ["compile": Double(candidates.reduce(0) { $0 + $1.compileNs }) / 1e9, "compare": Double(candidates.reduce(0) { $0 + $1.compareNs }) / 1e9]
            : Dictionary(uniqueKeysWithValues: StageTiming().stages.indices.map { i in
                (StageTiming().stages[i].name, Double(timed.reduce(UInt64(0)) { $0 + $1.stages[i].ns }) / 1e9)
            })
        let bars = try doc.elements("g", in: "stage-time")
        #expect(Set(bars.compactMap { $0[attribute: "data-stage"] }) == Set(expectedStages.keys))
        for bar in bars {
            #expect(abs((bar.number("data-seconds") ?? -1) - (expectedStages[bar[attribute: "data-stage"] ?? ""] ?? -2)) < 1e-9)
        }

        // The operator table is the run's policy: its own tallies (the journal's, arm by arm) and
        // the probabilities its journal leaves, which a new draw would use.
        let policy = try #require(try store.policy(run: "r0001"), "a run records its policy")
        var tallies: [String: Int] = [:]
        for c in candidates { tallies[c.origin == nil ? c.edits.last?.op ?? "seed" : "crossover", default: 0] += 1 }
        #expect(policy.learned.mapValues(\.attempts) == tallies)
        let rows = try doc.elements("tr", in: "operators").filter { $0[attribute: "data-arm"] != nil }
        #expect(Set(rows.compactMap { $0[attribute: "data-arm"] }).isSuperset(of: tallies.keys))
        for row in rows {
            #expect(row.number("data-attempts") == Double(policy.learned[row[attribute: "data-arm"] ?? ""]?.attempts ?? 0))
        }
        let probabilities = rows.compactMap { $0.number("data-probability") }
        #expect(probabilities.count == rows.count && abs(probabilities.reduce(0, +) - 1) < 1e-9, "every arm has its probability: \(probabilities)")
        let nodes = try doc.elements("li", in: "lineage").filter { $0[attribute: "data-promotion"] != nil }
        #expect(nodes.map { $0[attribute: "data-speedup"].flatMap(Double.init) } == [1.0] + promotions.map(\.speedupVsSeed))
        let diffs = try doc.elements("div", in: "diffs-section").filter { $0[attribute: "data-promotion"] != nil }
        #expect(diffs.count == promotions.count)
        #expect(diffs.allSatisfy { !$0.descendants("span").isEmpty }, "every promotion changed its source")
    }

    @Test func thePageGoesWhereItIsAskedAndBadRunsAreUsageErrors() throws {
        let tmp = try TempDirectory()
        let store = try recordRun(tmp, ["--candidates", "6"])
        let here = try CommandRunner.evolver(["report", "r0001", "--store", store.path], in: tmp.url)
        #expect(here.status == 0, "\(here.stderr)")
        #expect(here.stdout == "report-r0001.html\n")
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("report-r0001.html").path))

        let stdout = try CommandRunner.evolver(["report", "r0001", "-o", "-", "--store", store.path])
        #expect(stdout.status == 0)
        #expect(stdout.stdout.hasPrefix("<!DOCTYPE html>") && stdout.stdout.hasSuffix("</html>\n"))
        let links = stdout.stdout.replacingOccurrences(of: "xmlns=\"http://www.w3.org/1999/xhtml\"", with: "")
            .replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        #expect(!links.contains("<script") && !links.contains("http") && !links.contains("src=") && !links.contains("href="), "no script, nothing fetched")

        for (arguments, message) in [(["report", "r0042"], "r0042"), (["report", "r0001", "-o", tmp.url.path + "/missing/dir/r.html"], "cannot write")] {
            let bad = try CommandRunner.evolver(arguments + ["--store", store.path])
            #expect(bad.status == 2, "\(arguments)")
            #expect(bad.stderr.hasPrefix("error: ") && bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains(message), "\(bad.stderr)")
        }
        let noStore = try CommandRunner.evolver(["report", "r0001", "--store", tmp.url.appendingPathComponent("none").path])
        #expect(noStore.status == 2)
    }

    @Test func hostileTextFromTheStoreAppearsAsText() throws {
        let tmp = try TempDirectory()
        let storeURL = try recordRun(tmp, ["--candidates", "4"])
        let store = try RunStore(directory: storeURL)
        let hostile = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
        let source = "int score(void) { return 0; } /* \(hostile) */\n"
        let sha = String(repeating: "e", count: 64)
        try store.putSource(source, sha256: sha)
        let count = try store.candidates(run: "r0001").count
        let promotions = try store.promotions(run: "r0001")
        try store.commit(
            candidates: [CandidateRecord(
                runID: "r0001", index: count, generation: 99, sha256: sha, parentSHA256: promotions.last?.sha256 ?? sha, edits: [],
                compileNs: 1, verdict: "passed", detail: "detail \(hostile)", stage: .decided, scoringKernelSHA256: sha, incumbentSHA256: sha,
                evidence: CandidateEvidence(), comparison: nil, decision: "promoted")],
            promotions: [PromotionRecord(runID: "r0001", number: promotions.count + 1, candidateIndex: count, sha256: sha, speedupVsSeed: 9,
                                         speedupVsPrevious: 9, pValue: 0.001, gain: 2)],
            checkpoint: nil)
        let file = tmp.url.appendingPathComponent("hostile.html")
        let doc = try report(storeURL, to: file)
        let html = try String(contentsOf: file, encoding: .utf8)
        #expect(!html.contains("<img") && !html.contains("<script"))
        #expect(try doc.elements("img").isEmpty && doc.elements("script").isEmpty)
        #expect(try doc.elements("span").contains { $0.text.contains(hostile) }, "the source is shown as text in the diff")
    }

    @Test func aHeadlessBrowserDrawsTheBestSpeedupPlotWhereThePageSaysItIs() throws {
        try #require(HeadlessBrowser.executable() != nil, "chromium is not installed: 'make deps' (as root) installs Debian's chromium package")
        let tmp = try TempDirectory()
        let store = try recordRun(tmp, ["--candidates", "12"])
        let file = tmp.url.appendingPathComponent("report.html")
        let doc = try report(store, to: file)
        let svg = try #require(try doc.element(id: "best-vs-time"))
        let box = try ["data-page-x", "data-page-y", "data-page-width", "data-page-height"].map { try #require(svg.number($0)).rounded() }.map(Int.init)
        let colour = try #require(svg[attribute: "data-colour"])
        let wanted = try [1, 3, 5].map { try #require(UInt8(colour.dropFirst($0).prefix(2), radix: 16)) }

        let image: PNGImage
        do {
            image = try HeadlessBrowser.screenshot(of: file, width: 1200, height: 900, scratch: tmp.url)
        } catch let failure as HeadlessBrowser.Failure {
            Issue.record("\(failure)")
            return
        }
        #expect(image.width == 1200 && image.height == 900)
        var painted = 0, inBox = 0, outside = 0
        var minX = Int.max, maxX = Int.min
        for y in 0..<image.height {
            for x in 0..<image.width {
                let (r, g, b) = image.rgb(x, y)
                if (r, g, b) != (255, 255, 255) { painted += 1 }
                guard abs(Int(r) - Int(wanted[0])) <= 6, abs(Int(g) - Int(wanted[1])) <= 6, abs(Int(b) - Int(wanted[2])) <= 6 else { continue }
                if x >= box[0], x < box[0] + box[2], y >= box[1], y < box[1] + box[3] {
                    inBox += 1
                    minX = min(minX, x)
                    maxX = max(maxX, x)
                } else {
                    outside += 1
                }
            }
        }
        #expect(painted > image.width * image.height / 50, "the page is not blank")
        #expect(inBox > 1000, "the best-speedup line is drawn inside its box")
        #expect(outside == 0, "nothing of the line's colour outside the box")

        // The line's horizontal segments are where the plot's path says, offset by the box.
        let path = try #require(try doc.elements("path", in: "best-vs-time").first { $0[attribute: "class"] == "step" }?[attribute: "d"])
        var x = 0, y = 0, segments: [(Int, Int, Int)] = []
        let scanner = Scanner(string: path)
        while let command = scanner.scanCharacter() {
            switch command {
            case "M": x = scanner.scanInt() ?? 0; y = scanner.scanInt() ?? 0
            case "H": let to = scanner.scanInt() ?? 0; segments.append((x, to, y)); x = to
            case "V": y = scanner.scanInt() ?? 0
            default: Issue.record("unexpected path command \(command)")
            }
        }
        #expect(!segments.isEmpty)
        for (from, to, at) in segments where to - from > 12 {
            let (r, g, b) = image.rgb(box[0] + (from + to) / 2, box[1] + at)
            #expect([r, g, b] == wanted, "segment \(from)-\(to) at \(at) is drawn")
        }
        // The line ends where the path does, 3 pixels thick, not a pixel aside.
        func drawn(_ x: Int, _ y: Int) -> Bool { let (r, g, b) = image.rgb(x, y); return [r, g, b] == wanted }
        let last = segments[segments.count - 1], end = box[0] + last.1, row = box[1] + last.2, middle = box[0] + (last.0 + last.1) / 2
        #expect(drawn(end - 2, row) && !drawn(end + 2, row), "the line ends at x = \(end)")
        #expect(drawn(middle, row - 1) && drawn(middle, row + 1) && !drawn(middle, row - 3) && !drawn(middle, row + 3), "the line is at y = \(row)")
        #expect(minX >= box[0] + segments[0].0 - 6 && maxX == end - 1)
    }
}
