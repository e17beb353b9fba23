import Foundation
import Testing
import TestSupport
@testable import EvolverCore
import RunStore

/// The report page as a function of its input: its plots carry the journal's numbers, older runs
/// say what they lack, and text from the store stays text.
struct RunReportPageTests {
    func page(_ fixture: RunReportFixture) throws -> (String, ReportDocument) {
        let html = RunReportPage.html(fixture.input())
        return (html, try ReportDocument(html))
    }

    @Test func bestSpeedupPlotsHaveTheSeedAndEveryPromotion() throws {
        let fixture = RunReportFixture()
        let (_, doc) = try page(fixture)
        let input = fixture.input()
        for id in ["best-vs-time", "best-vs-candidates"] {
            let points = try doc.elements("circle", in: id)
            #expect(points.count == input.promotions.count + 1)
            #expect(points.first?[attribute: "data-candidate"] == "-1" && points.first?.number("data-speedup") == 1)
            for (point, p) in zip(points.dropFirst(), input.promotions) {
                #expect(point.number("data-speedup") == p.speedupVsSeed)
                #expect(point[attribute: "data-candidate"] == "\(p.candidateIndex)")
                #expect(point[attribute: "data-promotion"] == "\(p.number)")
                #expect(point.number("data-elapsed-ms") == Double(input.candidates[p.candidateIndex].elapsedMs!))
            }
        }
        let svg = try #require(try doc.element(id: "best-vs-time"))
        #expect(svg[attribute: "data-time-source"] == "recorded")
        #expect(svg[attribute: "data-page-x"] == "\(RunReportPage.bestVsTimeBox.x)" && svg[attribute: "data-page-y"] == "\(RunReportPage.bestVsTimeBox.y)")
    }

    @Test func verdictBarsAndLegendCountTheJournal() throws {
        let fixture = RunReportFixture()
        let (_, doc) = try page(fixture)
        var expected: [String: Int] = [:]
        for c in fixture.input().candidates { expected[c.verdict, default: 0] += 1 }
        var plotted: [String: Int] = [:]
        for bar in try doc.elements("rect", in: "verdicts-over-time") {
            plotted[try #require(bar[attribute: "data-verdict"]), default: 0] += Int(try #require(bar.number("data-count")))
        }
        #expect(plotted == expected)
        var legend: [String: Int] = [:]
        for row in try doc.elements("tr", in: "verdict-legend") where row[attribute: "data-verdict"] != nil {
            legend[row[attribute: "data-verdict"]!] = Int(row.number("data-count") ?? -1)
        }
        #expect(legend == expected)
    }

    @Test func stageBarsSumTheTimingEvidence() throws {
        let fixture = RunReportFixture()
        let (html, doc) = try page(fixture)
        let candidates = fixture.input().candidates
        let expected: [String: Double] = Dictionary(uniqueKeysWithValues: StageTiming().stages.map { stage in
            (stage.name, candidates.reduce(0.0) { sum, c in sum + Double(c.evidence.timing!.stages.first { $0.name == stage.name }!.ns) / 1e9 })
        })
        let bars = try doc.elements("g", in: "stage-time")
        #expect(bars.count == 6)
        for bar in bars {
            let name = try #require(bar[attribute: "data-stage"])
            #expect(abs((bar.number("data-seconds") ?? -1) - (expected[name] ?? -2)) < 1e-9, "\(name)")
        }
        #expect((bars.compactMap { $0.number("data-share") }.reduce(0, +) - 1).magnitude < 1e-9)
        #expect(!html.contains("predates stage timing"))
    }

    @Test func operatorTableShowsThePolicysTalliesAndGivenProbabilities() throws {
        var fixture = RunReportFixture()
        let (_, doc) = try page(fixture)
        let rows = try doc.elements("tr", in: "operators").filter { $0[attribute: "data-arm"] != nil }
        let learned = fixture.policy().learned
        #expect(Set(rows.compactMap { $0[attribute: "data-arm"] }) == Set(learned.keys))
        for row in rows {
            let tally = try #require(learned[row[attribute: "data-arm"]!])
            #expect(row.number("data-attempts") == Double(tally.attempts))
            #expect(row.number("data-promotions") == Double(tally.promotions))
            #expect(row.number("data-gain") == tally.gain)
        }
        #expect(rows.first?[attribute: "data-arm"] == "loop-unroll", "the arm with most attempts first")
        #expect(rows.first { $0[attribute: "data-arm"] == "crossover" }?.number("data-probability") == 0.25)
        #expect(try #require(try doc.element(id: "operators")).text.contains("25.0%"))

        fixture.probabilities = nil
        let (_, without) = try page(fixture)
        let cells = try without.elements("tr", in: "operators").filter { $0[attribute: "data-arm"] != nil }.map { $0.children.last?.text }
        #expect(!cells.isEmpty && cells.allSatisfy { $0 == "—" })
    }

    @Test func olderRunsAreInterpolatedAndSaySo() throws {
        var fixture = RunReportFixture()
        fixture.recordTimes = false
        fixture.recordTiming = false
        fixture.recordPolicy = false
        let (html, doc) = try page(fixture)
        let input = fixture.input()
        let svg = try #require(try doc.element(id: "best-vs-time"))
        #expect(svg[attribute: "data-time-source"] == "interpolated")
        #expect(html.contains("spread evenly by candidate index"))
        let points = try doc.elements("circle", in: "best-vs-time")
        for (point, p) in zip(points.dropFirst(), input.promotions) {
            #expect(abs((point.number("data-elapsed-ms") ?? 0) - 20_000 * Double(p.candidateIndex + 1) / Double(input.candidates.count)) < 1e-6)
        }
        let bars = try doc.elements("g", in: "stage-time")
        #expect(bars.compactMap { $0[attribute: "data-stage"] } == ["compile", "compare"])
        #expect(bars.first?.number("data-seconds") == Double(input.candidates.reduce(0) { $0 + $1.compileNs }) / 1e9)
        #expect(html.contains("predates stage timing"))
        #expect(try doc.element(id: "operators") == nil)
        #expect(try #require(try doc.element(id: "operators-missing")).text.contains("predates recorded policies"))
    }

    @Test func lineageListsEachPromotionsNewEditsAndMarksCrossovers() throws {
        let fixture = RunReportFixture()
        let (_, doc) = try page(fixture)
        let nodes = try doc.elements("li", in: "lineage").filter { $0[attribute: "data-promotion"] != nil }
        #expect(nodes.map { $0[attribute: "data-promotion"] } == ["0", "1", "2", "3"])
        for node in nodes.dropFirst() {
            #expect(node[attribute: "data-new-edits"] == "1")
            let edits = node.descendants("li").compactMap { $0[attribute: "data-op"] }
            #expect(edits.count == 1)
        }
        let crossover = try #require(nodes.last)
        #expect(crossover[attribute: "data-crossover"] == "one_point")
        #expect(crossover.text.contains("one-point crossover"))
        #expect(crossover.text.contains("candidate #12"))
        #expect(crossover.text.contains("cse@/2"), "the dropped edit is named")
    }

    @Test func eachPromotionHasAColouredDiffAgainstThePreviousIncumbent() throws {
        let fixture = RunReportFixture()
        let (html, doc) = try page(fixture)
        let diffs = try doc.elements("div", in: "diffs-section").filter { $0[attribute: "data-promotion"] != nil }
        #expect(diffs.count == 3)
        #expect(diffs.first?[attribute: "data-from-sha256"] == RunReportFixture.seedSHA)
        #expect(diffs.last?[attribute: "data-from-sha256"] == RunReportFixture.sha(23))
        let added = try doc.elements("span").filter { $0[attribute: "class"] == "add" }.map(\.text)
        #expect(added.contains("+    s += a[2]; /* step 2 */"))
        #expect(html.contains("pre.diff .add {") && html.contains("pre.diff .del {"))
    }

    @Test func scorerHistoryHighlightsTheRunsEvents() throws {
        let (_, doc) = try page(RunReportFixture())
        let rows = try doc.elements("tr", in: "scorer-history").filter { $0[attribute: "data-kind"] != nil }
        #expect(rows.map { $0[attribute: "data-kind"] } == ["adopted", "reverted"])
        #expect(rows[0][attribute: "class"]?.contains("this-run") == true && rows[1][attribute: "class"]?.contains("this-run") == false)
    }

    @Test func textFromTheStoreStaysText() throws {
        var fixture = RunReportFixture()
        fixture.hostile = "</script><script>alert(1)</script><img src=x onerror=\"alert(2)\"> & ]]> \u{1B}[31m '"
        let (html, doc) = try page(fixture)
        #expect(!html.contains("<img") && !html.contains("<script") && !html.contains("\u{1B}"))
        #expect(html.contains("&lt;img src=x onerror=&quot;alert(2)&quot;&gt;"))
        #expect(try doc.elements("img").isEmpty && doc.elements("script").isEmpty)
        let detail = try doc.elements("td").first { $0[attribute: "class"] == "detail" && $0.text.contains("expected out[0]") }
        #expect(detail?.text.contains("<img src=x onerror=\"alert(2)\"> & ]]> \\x1b[31m '") == true)
        #expect(try doc.elements("span").contains { $0.text.contains("</script><script>alert(1)</script>") }, "the source in the diff")
        #expect(try doc.elements("tr", in: "operators").contains { ($0[attribute: "data-arm"] ?? "").hasSuffix("onerror=\"alert(2)\"> & ]]> \\x1b[31m '") })
    }

    @Test func aRunWithoutPromotionsOrCandidatesStillMakesAPage() throws {
        var fixture = RunReportFixture()
        fixture.promoted = []
        fixture.candidateCount = 0
        let (html, doc) = try page(fixture)
        #expect(try doc.elements("circle", in: "best-vs-time").count == 1)
        #expect(html.contains("No promotion"))
    }

    @Test func twoThousandCandidatesMakeAPageQuicklyAndOfReasonableSize() throws {
        var fixture = RunReportFixture()
        fixture.candidateCount = 2000
        fixture.promoted = Array(stride(from: 50, to: 2000, by: 150))
        let input = fixture.input()
        let start = Date()
        let html = RunReportPage.html(input)
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(html.utf8.count < 2_000_000)
        #expect(try ReportDocument(html).elements("circle", in: "best-vs-time").count == fixture.promoted.count + 1)
    }
}
