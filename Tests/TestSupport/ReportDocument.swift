import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// An element of a parsed report, copied out of the XML tree (whose nodes do not outlive their document).
public struct ReportElement {
    /// The local name (`svg`, `circle`, `tr`...).
    public var name: String
    public var attributes: [String: String]
    /// The text of the element and its descendants.
    public var text: String
    /// Child elements, in document order.
    public var children: [ReportElement]

    init(_ element: XMLElement) {
        name = element.localName ?? element.name ?? ""
        var attributes: [String: String] = [:]
        for a in element.attributes ?? [] { attributes[a.localName ?? a.name ?? ""] = a.stringValue ?? "" }
        self.attributes = attributes
        text = element.stringValue ?? ""
        children = (element.children ?? []).compactMap { $0 as? XMLElement }.map(ReportElement.init)
    }

    /// The value of attribute `name`, or nil.
    public subscript(attribute name: String) -> String? { attributes[name] }

    /// The value of attribute `name` as a number, or nil.
    public func number(_ name: String) -> Double? { attributes[name].flatMap(Double.init) }

    /// Every descendant element named `name`, in document order.
    public func descendants(_ name: String) -> [ReportElement] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }
}

/// A page of `evolver report` parsed as XML (the page is well-formed XHTML), with lookups of the
/// elements and `data-*` attributes its plots and tables carry.
public struct ReportDocument {
    private let document: XMLDocument

    /// Parses `html`. - Throws: when the page is not well-formed.
    public init(_ html: String) throws {
        document = try XMLDocument(xmlString: html, options: [])
    }

    /// The element with `id`, or nil.
    public func element(id: String) throws -> ReportElement? {
        try query("//*[@id='\(id)']").first
    }

    /// Every element named `name` (in any namespace) inside the element with `id`, in document order.
    public func elements(_ name: String, in id: String) throws -> [ReportElement] {
        try query("//*[@id='\(id)']//*[local-name()='\(name)']")
    }

    /// Every element named `name` anywhere, in document order.
    public func elements(_ name: String) throws -> [ReportElement] {
        try query("//*[local-name()='\(name)']")
    }

    private func query(_ xpath: String) throws -> [ReportElement] {
        try withExtendedLifetime(document) { try document.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }.map(ReportElement.init) }
    }
}
