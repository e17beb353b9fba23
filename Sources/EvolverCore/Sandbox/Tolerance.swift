import Foundation

/// How closely a floating-point output must match: `abs`, `rel` and `ulps`, any of which is
/// enough (`|actual - expected| <= abs`, or `<= rel * |expected|`, or at most `ulps` units in the
/// last place apart). Exact when none is given. NaN matches only NaN, an infinity only itself.
/// The worker applies the same rule, in C, when it compares a candidate's benchmark outputs with
/// the incumbent's.
public struct Tolerance: Codable, Sendable, Equatable {
    public var abs: Double?
    public var rel: Double?
    public var ulps: Int?

    public init(abs: Double? = nil, rel: Double? = nil, ulps: Int? = nil) {
        self.abs = abs
        self.rel = rel
        self.ulps = ulps
    }

    /// No tolerance: values must be equal.
    public static let exact = Tolerance()

    /// Whether any difference at all is allowed.
    public var allowsDifference: Bool { (abs ?? 0) > 0 || (rel ?? 0) > 0 || (ulps ?? 0) > 0 }

    /// Checks the bounds. - Throws: `HarnessFailure` naming `owner`.
    func validate(_ owner: String) throws {
        for (key, v) in [("abs", abs), ("rel", rel)] {
            if let v, !(v >= 0 && v.isFinite) { throw HarnessFailure("\(owner): tolerance.\(key) must be a finite number >= 0") }
        }
        if let ulps, ulps < 0 { throw HarnessFailure("\(owner): tolerance.ulps must be >= 0") }
    }

    /// Whether `actual` matches `expected` for elements of `type`.
    public func agrees(expected: Double, actual: Double, type: ElementType) -> Bool {
        if expected.isNaN || actual.isNaN { return expected.isNaN && actual.isNaN }
        if expected == actual { return true }
        if expected.isInfinite || actual.isInfinite { return false }
        let d = Swift.abs(actual - expected)
        if d <= (abs ?? 0) || d <= (rel ?? 0) * Swift.abs(expected) { return true }
        guard let ulps, ulps > 0 else { return false }
        return Self.ulpDistance(expected, actual, type: type) <= UInt64(ulps)
    }

    /// Distance in units in the last place of `type` (f32 or f64), on the ordered line of bit patterns.
    public static func ulpDistance(_ a: Double, _ b: Double, type: ElementType) -> UInt64 {
        func ordered(_ bits: UInt64, _ width: UInt64) -> UInt64 {
            let sign: UInt64 = 1 << (width - 1)
            return bits & sign != 0 ? sign - (bits & (sign - 1)) : sign + bits
        }
        let (x, y) = type == .f32
            ? (ordered(UInt64(Float(a).bitPattern), 32), ordered(UInt64(Float(b).bitPattern), 32))
            : (ordered(a.bitPattern, 64), ordered(b.bitPattern, 64))
        return x > y ? x - y : y - x
    }
}
