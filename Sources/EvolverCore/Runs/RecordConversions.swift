import Foundation
import KernelMutation
import KernelSyntax
import RunStore

extension Edit {
    /// The store's form of an edit.
    var record: EditRecord { EditRecord(op: op, site: site.indices, params: params) }

    init(_ record: EditRecord) {
        self.init(op: record.op, site: NodePath(record.site), params: record.params)
    }
}

extension SampleComparison {
    /// The store's form: named doubles.
    var record: [String: Double] {
        [
            "n": Double(n), "m": Double(m), "twice_u": Double(twiceU), "twice_median_incumbent": Double(twiceMedianIncumbent),
            "twice_median_candidate": Double(twiceMedianCandidate), "twice_shift": Double(twiceShift),
            "p_value": pValue, "gain": relativeGain, "speedup": speedup,
        ]
    }

    init?(record: [String: Double]?) {
        guard let r = record, let n = r["n"], let m = r["m"], let u = r["twice_u"], let a = r["twice_median_incumbent"],
              let b = r["twice_median_candidate"], let s = r["twice_shift"] else { return nil }
        self.init(n: Int(n), m: Int(m), twiceU: Int64(u), twiceMedianIncumbent: Int64(a), twiceMedianCandidate: Int64(b), twiceShift: Int64(s))
    }
}

extension CandidateOutcome {
    func record(run: String) -> CandidateRecord {
        CandidateRecord(
            runID: run, index: index, generation: generation, sha256: sha256, parentSHA256: parentSHA256, edits: edits.map(\.record),
            compileNs: compileNs, verdict: verdict.rawValue, detail: detail, stage: stage, scoringKernelSHA256: scoringKernelSHA256,
            incumbentSHA256: incumbentSHA256, evidence: evidence,
            comparison: comparison?.record, decision: decision.rawValue, compareNs: compareNs, origin: origin, elapsedMs: elapsedMs)
    }
}

extension PromotionOutcome {
    func record(run: String) -> PromotionRecord {
        PromotionRecord(runID: run, number: number, candidateIndex: candidateIndex, sha256: sha256, speedupVsSeed: speedupVsSeed,
                        speedupVsPrevious: speedupVsPrevious, pValue: pValue, gain: gain)
    }
}
