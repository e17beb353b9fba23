import KernelSyntax

/// An integer linear combination of variables plus a constant: `2*n + m - 1`.
struct LinearForm: Hashable {
    var terms: [String: Int]
    var constant: Int

    init(terms: [String: Int] = [:], constant: Int = 0) {
        self.terms = terms.filter { $0.value != 0 }
        self.constant = constant
    }

    static func variable(_ name: String) -> LinearForm { LinearForm(terms: [name: 1]) }

    static func + (a: LinearForm, b: LinearForm) -> LinearForm {
        LinearForm(terms: a.terms.merging(b.terms, uniquingKeysWith: +), constant: a.constant + b.constant)
    }

    static func - (a: LinearForm, b: LinearForm) -> LinearForm { a + b.scaled(-1) }

    func scaled(_ factor: Int) -> LinearForm {
        LinearForm(terms: terms.mapValues { $0 * factor }, constant: constant * factor)
    }

    /// The form of `e` when it is linear in plain variables (literals small enough to never overflow).
    init?(_ e: Expression) {
        switch e {
        case .identifier(let name):
            self = .variable(name)
        case .integerLiteral(let spelling):
            guard let literal = IntegerLiteral(spelling), literal.value < 1 << 30 else { return nil }
            self.init(constant: Int(literal.value))
        case .binary(.add, let l, let r):
            guard let a = LinearForm(l), let b = LinearForm(r) else { return nil }
            self = a + b
        case .binary(.subtract, let l, let r):
            guard let a = LinearForm(l), let b = LinearForm(r) else { return nil }
            self = a - b
        case .binary(.multiply, let l, let r):
            if let a = LinearForm(l), a.terms.isEmpty, let b = LinearForm(r) { self = b.scaled(a.constant) }
            else if let b = LinearForm(r), b.terms.isEmpty, let a = LinearForm(l) { self = a.scaled(b.constant) }
            else { return nil }
        default:
            return nil
        }
    }

    /// True when the form is provably >= 0 given a lower bound (>= 0) for each of its variables:
    /// every coefficient is non-negative and the constant plus the coefficients times the bounds is too.
    func isNonNegative(lowerBounds: [String: Int]) -> Bool {
        var least = constant
        for (name, coefficient) in terms {
            guard coefficient > 0, let bound = lowerBounds[name], bound >= 0 else { return false }
            least += coefficient * bound
        }
        return least >= 0
    }
}
