/// Scanning and validation of numeric, character and string literals.
extension Lexer {
    /// Integer suffixes C accepts: `u`, `l`, `ll`, in either order and either case (but not `lL`).
    static let integerSuffixes: Set<String> = {
        var result: Set<String> = []
        for u in ["", "u", "U"] {
            for l in ["", "l", "L", "ll", "LL"] {
                result.insert(u + l)
                result.insert(l + u)
            }
        }
        return result
    }()

    /// Scans a preprocessing number (digits, letters, dots, and signed exponents) and classifies it.
    mutating func scanNumber(start: SourceLocation) throws -> TokenKind {
        let begin = position
        step()
        while let c = byte() {
            let lower = c | 0x20
            if (lower == UInt8(ascii: "e") || lower == UInt8(ascii: "p")),
               let next = byte(at: 1), next == UInt8(ascii: "+") || next == UInt8(ascii: "-") {
                step()
                step()
            } else if Lexer.isIdentifierContinue(c) || c == UInt8(ascii: ".") {
                step()
            } else {
                break
            }
        }
        let spelling = Array(bytes[begin..<position])
        let text = String(decoding: spelling, as: UTF8.self)
        switch Lexer.classifyNumber(spelling) {
        case .success(let isFloat):
            return isFloat ? .floatingLiteral(text) : .integerLiteral(text)
        case .failure(let problem):
            throw SyntaxError.invalidNumber(start, spelling: text, reason: problem.reason)
        }
    }

    struct NumberProblem: Error {
        var reason: String
    }

    /// Validates a numeric spelling; succeeds with `true` for floating constants.
    static func classifyNumber(_ s: [UInt8]) -> Result<Bool, NumberProblem> {
        let lower = s.map { $0 | ($0 >= 0x41 && $0 <= 0x5A ? 0x20 : 0) }
        let n = lower.count
        var i = 0
        func count(while predicate: (UInt8) -> Bool) -> Int {
            let from = i
            while i < n, predicate(lower[i]) { i += 1 }
            return i - from
        }
        func exponent() -> Bool {
            i += 1
            if i < n, lower[i] == UInt8(ascii: "+") || lower[i] == UInt8(ascii: "-") { i += 1 }
            return count(while: isDigit) > 0
        }
        var isFloat = false
        if n >= 2, lower[0] == UInt8(ascii: "0"), lower[1] == UInt8(ascii: "x") {
            i = 2
            var digits = count(while: isHexDigit)
            if i < n, lower[i] == UInt8(ascii: ".") {
                isFloat = true
                i += 1
                digits += count(while: isHexDigit)
            }
            if digits == 0 { return .failure(NumberProblem(reason: "missing hexadecimal digits")) }
            if i < n, lower[i] == UInt8(ascii: "p") {
                isFloat = true
                if !exponent() { return .failure(NumberProblem(reason: "missing exponent digits")) }
            } else if isFloat {
                return .failure(NumberProblem(reason: "hexadecimal floating constant needs a 'p' exponent"))
            }
        } else {
            let intDigits = count(while: isDigit)
            var fracDigits = 0
            if i < n, lower[i] == UInt8(ascii: ".") {
                isFloat = true
                i += 1
                fracDigits = count(while: isDigit)
            }
            if intDigits + fracDigits == 0 { return .failure(NumberProblem(reason: "missing digits")) }
            if i < n, lower[i] == UInt8(ascii: "e") {
                isFloat = true
                if !exponent() { return .failure(NumberProblem(reason: "missing exponent digits")) }
            }
            if !isFloat, lower[0] == UInt8(ascii: "0"), lower[0..<i].contains(where: { $0 > UInt8(ascii: "7") }) {
                return .failure(NumberProblem(reason: "invalid digit in octal constant"))
            }
        }
        let suffix = String(decoding: s[i...], as: UTF8.self)
        if isFloat {
            if ["", "f", "F", "l", "L"].contains(suffix) { return .success(true) }
            return .failure(NumberProblem(reason: "invalid suffix '\(suffix)' on floating constant"))
        }
        if integerSuffixes.contains(suffix) { return .success(false) }
        return .failure(NumberProblem(reason: "invalid suffix '\(suffix)' on integer constant"))
    }

    /// Scans a character constant or string literal starting at its opening quote; returns its spelling.
    mutating func scanQuoted(quote: UInt8, start: SourceLocation) throws -> String {
        let isCharacter = quote == UInt8(ascii: "'")
        let kind = isCharacter ? "character" : "string"
        let begin = position
        var units = 0
        step()
        while true {
            guard let c = byte(), c != UInt8(ascii: "\n") else {
                throw SyntaxError.unterminatedLiteral(start, kind: kind)
            }
            if c == quote {
                step()
                break
            }
            units += 1
            step()
            guard c == UInt8(ascii: "\\") else { continue }
            guard let e = byte(), e != UInt8(ascii: "\n") else {
                throw SyntaxError.unterminatedLiteral(start, kind: kind)
            }
            if "'\"?\\abfnrtv".utf8.contains(e) {
                step()
            } else if e >= UInt8(ascii: "0"), e <= UInt8(ascii: "7") {
                var digits = 0
                while digits < 3, let d = byte(), d >= UInt8(ascii: "0"), d <= UInt8(ascii: "7") {
                    step()
                    digits += 1
                }
            } else if e == UInt8(ascii: "x") {
                step()
                var digits = 0
                while let d = byte(), Lexer.isHexDigit(d) {
                    step()
                    digits += 1
                }
                if digits == 0 {
                    let text = String(decoding: bytes[begin..<position], as: UTF8.self)
                    throw SyntaxError.invalidLiteral(start, spelling: text, reason: "\\x escape without hexadecimal digits")
                }
            } else {
                let text = String(decoding: bytes[begin..<position], as: UTF8.self)
                let shown = String(decoding: [e], as: UTF8.self)
                throw SyntaxError.invalidLiteral(start, spelling: text, reason: "unknown escape sequence '\\\(shown)'")
            }
        }
        let spelling = String(decoding: bytes[begin..<position], as: UTF8.self)
        if isCharacter, units != 1 {
            let reason = units == 0 ? "empty character constant" : "multi-character constant"
            throw SyntaxError.invalidLiteral(start, spelling: spelling, reason: reason)
        }
        return spelling
    }
}
