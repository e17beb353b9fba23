/// One embedded donor file.
struct DonorFile: Sendable {
    let name: String
    let text: String

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.text = String(decoding: bytes, as: UTF8.self)
    }
}

/// The donors of the library parsed from their header comments, with the text of each.
///
/// A donor's text runs from its `/* donor:` comment to the next one (or the end of the file).
/// A malformed header is a programming error in the library and stops the process.
struct DonorCatalog: Sendable {
    private(set) var donors: [Donor] = []
    private(set) var byName: [String: Donor] = [:]
    /// The generic text (header comment and function) of each donor, by name.
    private(set) var texts: [String: String] = [:]

    static let marker = "/* donor: "

    init(files: [DonorFile]) {
        for file in files {
            for chunk in DonorCatalog.chunks(of: file.text) {
                let donor = DonorCatalog.parseHeader(chunk, file: file.name)
                precondition(byName[donor.name] == nil, "\(file.name): donor \(donor.name) is defined twice")
                donors.append(donor)
                byName[donor.name] = donor
                texts[donor.name] = chunk
            }
        }
        for donor in donors {
            for need in donor.needs {
                precondition(byName[need] != nil, "donor \(donor.name) needs \(need), which is not in the library")
                precondition(!byName[need]!.integersOnly || donor.integersOnly,
                             "donor \(donor.name) is for all types but needs \(need), which is for integers only")
            }
        }
        for donor in donors { _ = dependencyOrder(of: donor.name) }
    }

    /// The texts starting at each line that begins with the donor marker, trailing blank lines dropped.
    static func chunks(of text: String) -> [String] {
        var starts: [String.Index] = []
        var lineStart = text.startIndex
        while lineStart < text.endIndex {
            if text[lineStart...].hasPrefix(marker) { starts.append(lineStart) }
            guard let newline = text[lineStart...].firstIndex(of: "\n") else { break }
            lineStart = text.index(after: newline)
        }
        return starts.indices.map { i in
            let end = i + 1 < starts.count ? starts[i + 1] : text.endIndex
            var chunk = String(text[starts[i]..<end])
            while chunk.last?.isWhitespace == true { chunk.removeLast() }
            return chunk + "\n"
        }
    }

    /// The donor described by the header comment that opens `chunk`.
    static func parseHeader(_ chunk: String, file: String) -> Donor {
        guard let close = chunk.range(of: "*/") else { preconditionFailure("\(file): unterminated donor header") }
        var fields: [String: String] = [:]
        for (index, rawLine) in chunk[..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var line = Substring(rawLine)
            line = line.drop { $0 == " " }
            line = line.dropFirst(index == 0 ? 2 : 1)  // "/*" or "*"
            let field = line.trimmingSpaces()
            if field.isEmpty { break }  // a blank comment line ends the fields; prose follows
            guard let colon = field.firstIndex(of: ":") else { preconditionFailure("\(file): header line without a field: \(rawLine)") }
            let key = String(field[..<colon]), value = field[field.index(after: colon)...].trimmingSpaces()
            precondition(["donor", "job", "types", "needs", "contract"].contains(key), "\(file): unknown header field \(key)")
            precondition(fields[key] == nil, "\(file): header field \(key) given twice")
            precondition(!value.isEmpty, "\(file): header field \(key) is empty")
            fields[key] = String(value)
        }
        guard let name = fields["donor"], let job = fields["job"], let types = fields["types"],
              let contract = fields["contract"] else {
            preconditionFailure("\(file): donor header lacks one of donor, job, types, contract: \(fields)")
        }
        precondition(types == "all" || types == "integers", "\(file): donor \(name) has types '\(types)' (all or integers)")
        let needs = fields["needs"].map { $0.split(separator: ",").map { String($0.trimmingSpaces()) } } ?? []
        precondition(!needs.contains(""), "\(file): donor \(name) has an empty name in needs")
        let code = chunk[close.upperBound...]
        precondition(code.contains("static ") && code.contains(" evs_\(name)_T("),
                     "\(file): donor \(name) is not followed by its function static ... evs_\(name)_T(")
        let called = calledDonors(in: String(code)).subtracting([name])
        precondition(called == Set(needs), "\(file): donor \(name) calls \(called.sorted()) but needs \(needs)")
        return Donor(name: name, job: job, contract: contract, needs: needs, integersOnly: types == "integers")
    }

    /// The names of the donors that `code` calls (identifiers `evs_<name>_T` followed by `(`).
    static func calledDonors(in code: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(code)
        while let start = rest.range(of: "evs_") {
            let word = rest[start.upperBound...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            let after = rest[word.endIndex...].drop { $0 == " " }
            if word.hasSuffix("_T"), after.first == "(" { names.insert(String(word.dropLast(2))) }
            rest = rest[word.endIndex...]
        }
        return names
    }

    /// `name` after everything it needs, transitively, each once, dependencies first.
    func dependencyOrder(of name: String) -> [String] {
        var order: [String] = []
        var visiting: Set<String> = []
        func visit(_ name: String) {
            if order.contains(name) { return }
            precondition(!visiting.contains(name), "donor \(name) needs itself through its needs")
            visiting.insert(name)
            for need in byName[name]!.needs { visit(need) }
            visiting.remove(name)
            order.append(name)
        }
        visit(name)
        return order
    }

    /// `text` with the identifier `T` replaced by the type's C spelling and identifiers ending
    /// in `_T` given the type's short name instead (`evs_sort_T` becomes `evs_sort_i64`).
    static func instantiate(_ text: String, for type: DonorType) -> String {
        var result = ""
        var word = ""
        var inNumber = false
        func flush() {
            if inNumber || word.isEmpty {
                result += word
            } else if word == "T" {
                result += type.cSpelling
            } else if word.hasSuffix("_T") {
                result += word.dropLast() + type.rawValue
            } else {
                result += word
            }
            word = ""
            inNumber = false
        }
        for character in text {
            if character.isASCII && (character.isLetter || character.isNumber || character == "_") {
                if word.isEmpty { inNumber = character.isNumber }
                word.append(character)
            } else {
                flush()
                result.append(character)
            }
        }
        flush()
        return result
    }
}

extension Substring {
    /// The substring without leading and trailing spaces.
    fileprivate func trimmingSpaces() -> Substring {
        guard let first = firstIndex(where: { $0 != " " }), let last = lastIndex(where: { $0 != " " }) else { return "" }
        return self[first...last]
    }
}
