import CCmark

/// How Markdown is turned into HTML: cmark's options.
public struct MarkdownOptions: Sendable, Hashable {
    /// Straight quotes to curly ones, `--` to en dashes, `---` to em dashes, `...` to an ellipsis.
    public var smart = false
    /// Pass raw HTML and `javascript:` links through. Off by default: they are dropped.
    public var unsafe = false
    /// `data-sourcepos` attributes on block elements.
    public var sourcePositions = false
    /// Soft line breaks as `<br />`.
    public var hardBreaks = false
    /// Soft line breaks as spaces.
    public var noBreaks = false
    /// Replace invalid UTF-8 with U+FFFD.
    public var validateUTF8 = false
    /// GitHub's pipe tables, exactly as `cmark-gfm --extension table` renders them. Always on for a site; off for
    /// `parley render` without `--table`, which is then the `cmark` command.
    public var tables = false
    /// Whether a table column's alignment is written as `style="text-align: …"` (valid HTML, as a site writes it)
    /// rather than cmark-gfm's obsolete `align` attribute (as `parley render --table` writes it, to match cmark-gfm).
    public var tableAlignmentAsStyle = false
    /// Ids the page around a body uses itself (the templates' `id="…"`), which headings must not take.
    public var reservedIDs: Set<String> = Self.defaultReservedIDs

    public init(smart: Bool = false, unsafe: Bool = false) {
        self.smart = smart
        self.unsafe = unsafe
    }

    /// The options a site renders its entries with; `ids` are those its templates write themselves.
    init(site: SiteConfig, reserving ids: Set<String> = []) {
        self.init(smart: site.smartPunctuation, unsafe: site.unsafeHTML)
        tables = true
        tableAlignmentAsStyle = true
        reservedIDs.formUnion(ids)
    }

    var cmarkFlags: Int32 {
        var flags = CMARK_OPT_DEFAULT
        if smart { flags |= CMARK_OPT_SMART }
        if unsafe { flags |= CMARK_OPT_UNSAFE }
        if sourcePositions { flags |= CMARK_OPT_SOURCEPOS }
        if hardBreaks { flags |= CMARK_OPT_HARDBREAKS }
        if noBreaks { flags |= CMARK_OPT_NOBREAKS }
        if validateUTF8 { flags |= CMARK_OPT_VALIDATE_UTF8 }
        return flags
    }
}

extension MarkdownOptions {
    /// Ids Parley's page templates use for their own parts, kept free of heading anchors.
    public static let defaultReservedIDs: Set<String> = [
        "top", "main", "content", "contents", "references", "related", "linked-from",
    ]
}
