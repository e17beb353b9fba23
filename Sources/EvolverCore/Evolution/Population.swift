import Foundation

/// Selection over the population: tournament selection of parents, elitist truncation of survivors.
///
/// Tournament selection (size k) keeps selection pressure tunable and needs no fitness scaling;
/// survivors are the best `size` by estimated speedup, the incumbent always kept (elitism), with
/// ties broken by source hash so the order never depends on evaluation timing.
public enum Population {
    /// Picks one parent: the fittest of `size` members drawn uniformly (with replacement).
    public static func tournament(_ members: [SearchState.Member], size: Int, rng: inout SplitMix64) -> SearchState.Member {
        var best = members[rng.below(members.count)]
        for _ in 1..<max(1, size) {
            let challenger = members[rng.below(members.count)]
            if better(challenger, than: best) { best = challenger }
        }
        return best
    }

    /// The survivors of `members` plus `newcomers`: the incumbent, then the fittest, at most `size`.
    public static func survivors(_ members: [SearchState.Member], newcomers: [SearchState.Member], incumbent: SearchState.Member, size: Int) -> [SearchState.Member] {
        var seen = Set<String>([incumbent.sha256])
        var result = [incumbent]
        for m in (members + newcomers).sorted(by: better) where seen.insert(m.sha256).inserted {
            guard result.count < size else { break }
            result.append(m)
        }
        return result
    }

    static func better(_ a: SearchState.Member, than b: SearchState.Member) -> Bool {
        a.fitness != b.fitness ? a.fitness > b.fitness : a.sha256 < b.sha256
    }
}
