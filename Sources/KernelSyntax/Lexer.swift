/// Splits C source text into tokens, dropping whitespace and comments.
public enum CLexer {
    /// Tokenizes `source`; the result always ends with an `.endOfFile` token.
    public static func tokenize(_ source: String, fileName: String = "kernel.c") throws -> [Token] {
        var lexer = Lexer(source: source, fileName: fileName)
        return try lexer.run()
    }
}

/// The byte-level scanner behind `CLexer`.
struct Lexer {
    let bytes: [UInt8]
    let file: String
    var position = 0
    var line = 1
    var column = 1
    /// True while only whitespace (or comments) has been seen on the current line.
    var atLineStart = true
    var tokens: [Token] = []

    init(source: String, fileName: String) {
        self.bytes = Array(source.utf8)
        self.file = fileName
    }

    var location: SourceLocation { SourceLocation(file: file, line: line, column: column) }

    func byte(at offset: Int = 0) -> UInt8? {
        let i = position + offset
        return i < bytes.count ? bytes[i] : nil
    }

    /// Consumes one byte, keeping line and column up to date.
    mutating func step() {
        let b = bytes[position]
        position += 1
        if b == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    mutating func run() throws -> [Token] {
        while let b = byte() {
            if b == UInt8(ascii: "\n") {
                step()
                atLineStart = true
                continue
            }
            if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0B || b == 0x0C {
                step()
                continue
            }
            if b == UInt8(ascii: "/"), byte(at: 1) == UInt8(ascii: "/") {
                while let c = byte(), c != UInt8(ascii: "\n") { step() }
                continue
            }
            if b == UInt8(ascii: "/"), byte(at: 1) == UInt8(ascii: "*") {
                try skipBlockComment()
                continue
            }
            let start = location
            if b == UInt8(ascii: "#"), atLineStart {
                throw SyntaxError.preprocessorDirective(start, directive: directiveName())
            }
            atLineStart = false
            let kind: TokenKind
            if Lexer.isIdentifierStart(b) {
                kind = scanIdentifier()
            } else if Lexer.isDigit(b) || (b == UInt8(ascii: ".") && byte(at: 1).map(Lexer.isDigit) == true) {
                kind = try scanNumber(start: start)
            } else if b == UInt8(ascii: "'") {
                kind = .characterLiteral(try scanQuoted(quote: b, start: start))
            } else if b == UInt8(ascii: "\"") {
                kind = .stringLiteral(try scanQuoted(quote: b, start: start))
            } else if let p = matchPunctuator() {
                for _ in 0..<p.rawValue.utf8.count { step() }
                kind = .punctuator(p)
            } else {
                throw SyntaxError.invalidCharacter(start, invalidCharacterText())
            }
            tokens.append(Token(kind: kind, location: start))
        }
        tokens.append(Token(kind: .endOfFile, location: location))
        return tokens
    }

    mutating func skipBlockComment() throws {
        let start = location
        step()
        step()
        while true {
            guard let c = byte() else { throw SyntaxError.unterminatedComment(start) }
            if c == UInt8(ascii: "*"), byte(at: 1) == UInt8(ascii: "/") {
                step()
                step()
                return
            }
            step()
        }
    }

    /// `#include`-style text for the diagnostic of a preprocessor line.
    func directiveName() -> String {
        var i = position + 1
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 { i += 1 }
        var name: [UInt8] = [UInt8(ascii: "#")]
        while i < bytes.count, Lexer.isIdentifierContinue(bytes[i]) {
            name.append(bytes[i])
            i += 1
        }
        return String(decoding: name, as: UTF8.self)
    }

    /// The full (possibly multi-byte) character at the current position, for messages.
    func invalidCharacterText() -> String {
        var end = position + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: bytes[position..<end], as: UTF8.self)
    }

    mutating func scanIdentifier() -> TokenKind {
        let start = position
        while let c = byte(), Lexer.isIdentifierContinue(c) { step() }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if let keyword = Keyword(rawValue: text) { return .keyword(keyword) }
        return .identifier(text)
    }

    /// Longest punctuator spelled at the current position (maximal munch).
    func matchPunctuator() -> Punctuator? {
        for length in stride(from: 3, through: 1, by: -1) where position + length <= bytes.count {
            let text = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
            if let p = Punctuator(rawValue: text) { return p }
        }
        return nil
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isHexDigit(_ b: UInt8) -> Bool {
        isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }
    static func isIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
    }
    static func isIdentifierContinue(_ b: UInt8) -> Bool { isIdentifierStart(b) || isDigit(b) }
}
