import Foundation
import GRDB

/// Rebuilds the evidence of candidates recorded before schema v2, which kept every benchmark's
/// samples in two flat arrays: the speed screen's rounds, then the deciding benchmark's, then the
/// confirmation's. The run's recorded options say how long a screen round is; the decision says
/// whether a confirmation followed the deciding benchmark (it then holds the second half).
enum EvidenceMigration {
    /// The screen settings a run recorded (its `evolution` options), if it had a screen.
    struct Screen: Decodable {
        var rounds: Int
        var samples: Int
    }

    struct Options: Decodable {
        var screen: Screen?
        var differentialInputs: Int?
    }

    /// The detail the evolver wrote when a confirmation benchmark failed (it kept no samples then).
    static let failedConfirmationDetail = "not confirmed: the confirmation benchmark measured 1.000x (gain +0.00%, p = 0.98)"

    static func fillEvidence(_ db: Database) throws {
        var options: [String: Options] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, manifest FROM run") {
            let id: String = row["id"]
            let manifest = try RowCoding.decode(RunManifest.self, row["manifest"], "run \(id) manifest")
            options[id] = manifest.options["evolution"].flatMap { try? JSONDecoder().decode(Options.self, from: Data($0.utf8)) }
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT run_id, idx, stage, verdict, detail, decision, incumbent_samples, candidate_samples FROM candidate
            """)
        for row in rows {
            let run: String = row["run_id"], index: Int = row["idx"]
            let what = "candidate \(run)#\(index)"
            let evidence = evidence(
                stage: row["stage"], verdict: row["verdict"], detail: row["detail"], decision: row["decision"],
                incumbent: try RowCoding.decode([Int64].self, row["incumbent_samples"], "\(what) incumbent samples"),
                candidate: try RowCoding.decode([Int64].self, row["candidate_samples"], "\(what) candidate samples"),
                options: options[run] ?? Options(screen: nil, differentialInputs: nil))
            try db.execute(sql: "UPDATE candidate SET evidence = ? WHERE run_id = ? AND idx = ?",
                           arguments: [try RowCoding.json(evidence, "\(what) evidence"), run, index])
        }
    }

    static func evidence(stage: String, verdict: String, detail: String, decision: String, incumbent: [Int64], candidate: [Int64],
                         options: Options) -> CandidateEvidence {
        var evidence = CandidateEvidence()
        let failed = verdict != "passed" && verdict != "screened_out"
        var rest = (incumbent: incumbent[...], candidate: candidate[...])
        func take(_ count: Int) -> BenchmarkEvidence {
            let part = BenchmarkEvidence(incumbent: Array(rest.incumbent.prefix(count)), candidate: Array(rest.candidate.prefix(count)))
            rest = (rest.incumbent.dropFirst(count), rest.candidate.dropFirst(count))
            return part
        }
        if let screen = options.screen, screen.samples > 0, stage != "cheap" {
            // A candidate that got past the screen passed all its rounds; one stopped in it, the rounds it ran.
            let rounds = stage == "screen" ? rest.incumbent.count / screen.samples : screen.rounds
            for _ in 0..<rounds where rest.incumbent.count >= screen.samples { evidence.screenRounds.append(take(screen.samples)) }
            if stage == "screen", failed { evidence.screenRounds.append(.failed(verdict: verdict, detail: detail)) }
        }
        switch stage {
        case "benchmark":
            evidence.deciding = failed ? .failed(verdict: verdict, detail: detail) : take(rest.incumbent.count)
        case "decided":
            let confirmed = decision == "promoted" || decision == "differential_mismatch"
                || (decision == "not_faster" && detail.hasPrefix("not confirmed"))
            if detail == failedConfirmationDetail {
                evidence.deciding = take(rest.incumbent.count)
                evidence.confirmation = .failed(verdict: "unknown", detail: "the confirmation benchmark failed")
            } else if confirmed {
                let half = rest.incumbent.count / 2
                evidence.deciding = take(half)
                evidence.confirmation = take(half)
            } else {
                evidence.deciding = take(rest.incumbent.count)
            }
            if decision == "promoted" {
                evidence.differential = DifferentialEvidence(inputs: options.differentialInputs ?? 0, agreed: true, detail: nil)
            } else if decision == "differential_mismatch" {
                evidence.differential = DifferentialEvidence(inputs: options.differentialInputs ?? 0, agreed: false, detail: detail)
            }
        default:
            break
        }
        return evidence
    }
}
