import ParleyTemplates

/// A timeline page: every dated entry, or one section's.
final class TimelinePage: PageRoot {
    static let kind = "timeline"
    let common: CommonValues
    let timeline: TimelineValues

    init(common: CommonValues, timeline: TimelineValues) {
        self.common = common
        self.timeline = timeline
    }

    static let templateType = TemplateType(
        "timeline page", of: TimelinePage.self,
        commonFields([
            .object("timeline", "the timeline") { $0.timeline }
        ]))
}

/// `timeline`: the entries by year and month, and the other views.
final class TimelineValues: TemplateObject {
    let count: Int
    let years: [YearValues]
    let views: [ViewValues]
    let section: SectionValues?

    init(count: Int, years: [YearValues], views: [ViewValues], section: SectionValues?) {
        self.count = count
        self.years = years
        self.views = views
        self.section = section
    }

    static let templateType = TemplateType(
        "timeline", of: TimelineValues.self,
        [
            .number("count", "how many entries it shows") { $0.count },
            .list("years", "its years, earliest first") { $0.years },
            .list("views", "the whole timeline and each section's, the current one `active`") { $0.views },
            .object("section", "the section this view shows, if it is one section's") { $0.section },
            .text("json", "the data for TimelineJS") { _ in Routes.timelineData },
        ])
}

/// One year of the timeline (no year: dates with an open start).
final class YearValues: TemplateObject {
    let year: Int?
    let months: [MonthValues]

    init(year: Int?, months: [MonthValues]) {
        self.year = year
        self.months = months
    }

    var id: String { year.map { "y\($0)" } ?? "y-open" }

    static let templateType = TemplateType(
        "year", of: YearValues.self,
        [
            .text("year", "the year") { $0.year.map(String.init) },
            .text("id", "its anchor") { $0.id },
            .list("months", "its months; a date known only to the year has none") { $0.months },
        ])
}

/// One month of a year on the timeline (no month: dates known only to the year).
final class MonthValues: TemplateObject {
    let month: Int?
    let id: String
    let items: [TimelineItem]
    let name: String?

    init(month: Int?, id: String, items: [TimelineItem], words: LocalWords = .english) {
        self.month = month
        self.id = id
        self.items = items
        name = month.map { words.standaloneMonths[$0 - 1] }.map { $0.prefix(1).uppercased() + $0.dropFirst() }
    }

    static let templateType = TemplateType(
        "month", of: MonthValues.self,
        [
            .text("name", "the month's name in the page's language, as a heading writes it (`March`, `Березень`)") {
                $0.name
            },
            .text("id", "its anchor") { $0.id },
            .list("items", "its entries, in order") { $0.items },
        ])
}

/// An entry on the timeline: its summary and its place on the year's axis.
final class TimelineItem: TemplateObject {
    let summary: EntrySummary
    let axis: AxisValues

    init(summary: EntrySummary, axis: AxisValues) {
        self.summary = summary
        self.axis = axis
    }

    static let templateType = TemplateType(
        "timeline item", of: TimelineItem.self,
        EntrySummary.fields { $0.summary } + [
            .object("axis", "where its date lies in its year") { $0.axis }
        ])
}

/// Where a date lies within its year, as CSS percentages, and how sure it is.
final class AxisValues: TemplateObject {
    let left: String
    let width: String
    let point: Bool
    let vague: Bool
    let open: Bool
    let continues: Bool
    let imprecise: Bool

    init(
        left: String, width: String, point: Bool = false, vague: Bool = false, open: Bool = false,
        continues: Bool = false,
        imprecise: Bool = false
    ) {
        self.left = left
        self.width = width
        self.point = point
        self.vague = vague
        self.open = open
        self.continues = continues
        self.imprecise = imprecise
    }

    static let templateType = TemplateType(
        "axis", of: AxisValues.self,
        [
            .text("left", "where it starts, as a percentage of the year") { $0.left },
            .text("width", "how long it lasts, likewise") { $0.width },
            .flag("point", "whether it is a single day") { $0.point },
            .flag("vague", "whether it is approximate or uncertain") { $0.vague },
            .flag("open", "whether an end is open") { $0.open },
            .flag("continues", "whether it runs on into the next year") { $0.continues },
            .flag("imprecise", "whether it is one day of a month or year that is not known, rather than a span of time")
            { $0.imprecise },
        ])
}

/// One of the timeline's views.
final class ViewValues: TemplateObject {
    let title: String
    let url: String
    let active: Bool

    init(title: String, url: String, active: Bool) {
        self.title = title
        self.url = url
        self.active = active
    }

    static let templateType = TemplateType(
        "view", of: ViewValues.self,
        [
            .text("title", "All, or the section's title") { $0.title },
            .text("url", "its page") { $0.url },
            .flag("active", "whether it is this page") { $0.active },
        ])
}
