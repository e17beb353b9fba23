import KernelSyntax

/// An integer constant decomposed into prefix, value and suffix, so operators can compute its
/// type and respell it with a new value in the same style.
struct IntegerLiteral: Hashable {
    /// The value.
    var value: UInt64
    /// 10, 16 or 8.
    var radix: Int
    /// `""`, `"0x"`, `"0X"` or `"0"` (octal).
    var prefix: String
    /// The suffix as written (`u`, `ULL`, ...), possibly empty.
    var suffix: String

    /// Parses a spelling accepted by the lexer; `nil` if the value does not fit 64 bits.
    init?(_ spelling: String) {
        var digits = Substring(spelling)
        var suffix = ""
        while let last = digits.last, "uUlL".contains(last) {
            suffix = String(last) + suffix
            digits = digits.dropLast()
        }
        if digits.hasPrefix("0x") || digits.hasPrefix("0X") {
            prefix = String(digits.prefix(2))
            radix = 16
            digits = digits.dropFirst(2)
        } else if digits.count > 1, digits.hasPrefix("0") {
            prefix = "0"
            radix = 8
            digits = digits.dropFirst()
        } else {
            prefix = ""
            radix = 10
        }
        guard !digits.isEmpty, let parsed = UInt64(digits, radix: radix) else { return nil }
        value = parsed
        self.suffix = suffix
    }

    /// The literal's type by C11 6.4.4.1 on LP64; `nil` when no standard type holds it.
    var type: ArithmeticType? {
        let lower = suffix.lowercased()
        let isUnsigned = lower.contains("u")
        let longCount = lower.filter { $0 == "l" }.count
        var candidates: [ArithmeticType]
        switch (isUnsigned, longCount) {
        case (false, 0): candidates = [.int, .unsignedInt, .long, .unsignedLong]
        case (true, 0): candidates = [.unsignedInt, .unsignedLong]
        case (false, 1): candidates = [.long, .unsignedLong]
        case (true, 1): candidates = [.unsignedLong]
        case (false, _): candidates = [.longLong, .unsignedLongLong]
        case (true, _): candidates = [.unsignedLongLong]
        }
        if radix == 10 { candidates = candidates.filter { !$0.isUnsigned || isUnsigned } }
        return candidates.first { fits($0) }
    }

    private func fits(_ type: ArithmeticType) -> Bool {
        let maximum: UInt64 = type.bits == 32
            ? (type.isUnsigned ? UInt64(UInt32.max) : UInt64(Int32.max))
            : (type.isUnsigned ? UInt64.max : UInt64(Int64.max))
        return value <= maximum
    }

    /// The same prefix and suffix with a new value.
    func respelled(_ newValue: UInt64) -> String {
        if radix == 8 && newValue == 0 { return "0" + suffix }
        return prefix + String(newValue, radix: radix) + suffix
    }
}

extension Expression {
    /// The value of an integer literal, if this is one that fits 64 bits.
    var integerValue: UInt64? {
        if case .integerLiteral(let spelling) = self { return IntegerLiteral(spelling)?.value }
        return nil
    }
}
