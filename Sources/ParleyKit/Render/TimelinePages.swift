import Foundation

/// The timeline (`timeline/`, and `timeline/<section>/` per section) and its data for TimelineJS3
/// (`timeline.json`).
enum TimelinePages {
    static func pages(_ site: ResolvedSite, context: PageContext) -> [PlannedPage] {
        guard site.entries.contains(where: { $0.date != nil }) else { return [] }
        let sections = site.sections.filter { section in section.entries.contains { $0.date != nil } }
        // Sorted once, by whichever of the timeline's pages is made first.
        let sortedDated = Lazy { site.chronology.sorted(site.entries.filter { $0.date != nil }) }
        var pages: [PlannedPage] = []
        for view in [nil] + sections.map(Optional.some) {
            let url = Routes.timeline + (view.map { $0.url } ?? "")
            pages.append(
                .page(Routes.file(ofPage: url), "timeline", context.templates) {
                    let common = context.common(
                        url: url,
                        title: view.map { context.words("title-timeline-of", $0.config.title) }
                            ?? context.words("title-timeline"), kind: "timeline")
                    let dated = sortedDated.value
                    let entries = view.map { section in dated.filter { $0.section == section.config.name } } ?? dated
                    let views =
                        [ViewValues(title: context.words("timeline-all"), url: Routes.timeline, active: view == nil)]
                        + sections.map {
                            ViewValues(
                                title: $0.config.title, url: Routes.timeline + $0.url,
                                active: $0.config.name == view?.config.name)
                        }
                    let timeline = TimelineValues(
                        count: entries.count, years: years(entries, context: context), views: views,
                        section: view.flatMap { context.section(named: $0.config.name) })
                    return TimelinePage(common: common, timeline: timeline)
                })
        }
        pages.append(.data(Routes.timelineData) { json(sortedDated.value, site: site) })
        return pages
    }

    /// Entries grouped by year, then month (nil for dates known only to the year), each with its place on
    /// the year's axis.
    static func years(_ entries: [Entry], context: PageContext) -> [YearValues] {
        var years: [(year: Int?, months: [(month: Int?, items: [TimelineItem])])] = []
        for entry in entries {
            guard let date = entry.date else { continue }
            let item = TimelineItem(summary: context.summary(entry), axis: axis(date))
            if years.last.map({ $0.year == date.year }) != true { years.append((date.year, [])) }
            let month = date.month
            if years[years.count - 1].months.last.map({ $0.month == month }) != true {
                years[years.count - 1].months.append((month, []))
            }
            let last = years[years.count - 1].months.count - 1
            years[years.count - 1].months[last].items.append(item)
        }
        return years.map { year in
            let id = year.year.map { "y\($0)" } ?? "y-open"
            return YearValues(
                year: year.year,
                months: year.months.map { month in
                    MonthValues(
                        month: month.month, id: id + (month.month.map { "-m\($0)" } ?? "-year"), items: month.items,
                        words: context.words)
                })
        }
    }

    /// Where a date lies within its start's year, as CSS percentages, and how sure it is: a span for an
    /// interval or a month, a point for a day; dashed when approximate or uncertain.
    static func axis(_ date: EDTFDate) -> AxisValues {
        guard let year = date.year else { return AxisValues(left: "0%", width: "100%", open: true) }
        let first = EntryDate.dayNumber(year: year, month: 1, day: 1)
        let length = Double(EntryDate.isLeap(year) ? 366 : 365)
        let start = max(date.earliest, first)
        let end = min(date.latest, first + Int(length) - 1)
        let left = Double(start - first) / length * 100
        let width = max(Double(end - start + 1) / length * 100, 0.6)
        func percent(_ value: Double) -> String { String(format: "%.2f%%", min(max(value, 0), 100)) }
        return AxisValues(
            left: percent(left), width: percent(min(width, 100 - left)),
            point: date.earliest == date.latest,
            vague: date.isApproximate || date.isUncertain,
            open: date.earliest == Int.min || date.latest == Int.max,
            continues: date.latest > end,
            imprecise: date.isImprecise)
    }

    /// TimelineJS3's JSON: `events` with `start_date`/`end_date` (year, month, day), `display_date`,
    /// `text` (`headline`, `text`), `group` and `unique_id`; links absolute when the site has a base URL.
    static func json(_ entries: [Entry], site: ResolvedSite) -> String {
        let base = site.config.editionBaseURL ?? ""
        var events: [String] = []
        for entry in entries {
            guard let date = entry.date, let start = date.datetimes.first else { continue }
            var fields = ["\"start_date\": " + dateObject(start)]
            if date.isInterval, date.datetimes.count == 2 {
                fields.append("\"end_date\": " + dateObject(date.datetimes[1]))
            }
            fields.append("\"display_date\": " + BibliographyExporter.jsonString(date.text(site.words)))
            let link = "<a href=\"\(base + site.url(of: entry))\">\(entry.title.htmlEscaped)</a>"
            fields.append(
                "\"text\": {\"headline\": \(BibliographyExporter.jsonString(link)), \"text\": \(BibliographyExporter.jsonString((entry.summary ?? "").htmlEscaped))}"
            )
            if let section = site.config.section(named: entry.section) {
                fields.append("\"group\": " + BibliographyExporter.jsonString(section.singular))
            }
            fields.append("\"unique_id\": " + BibliographyExporter.jsonString(entry.slug))
            events.append("    {\n      " + fields.joined(separator: ",\n      ") + "\n    }")
        }
        let title =
            "{\"text\": {\"headline\": \(BibliographyExporter.jsonString(site.config.title)), \"text\": \(BibliographyExporter.jsonString(site.config.description ?? ""))}}"
        return "{\n  \"title\": \(title),\n  \"events\": [\n" + events.joined(separator: ",\n") + "\n  ]\n}\n"
    }

    /// `{"year": 2022, "month": 5, "day": 9}` from an HTML date, month or year string.
    private static func dateObject(_ datetime: String) -> String {
        let parts = datetime.split(separator: "-").compactMap { Int($0) }
        let names = ["year", "month", "day"]
        return "{" + zip(names, parts).map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}"
    }
}
