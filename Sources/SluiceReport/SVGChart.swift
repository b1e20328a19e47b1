/// The report's charts, drawn as inline SVG from aggregates (the page holds
/// no script and loads nothing). There is no server-side Swift charting
/// library in the package mirror, so this is a small writer of our own: bars,
/// stacked bars and axes, with titles and labels in words.
enum SVGChart {
    /// Okabe–Ito: eight colours told apart with every common colour-vision deficiency.
    static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999"]

    struct Series {
        var name: String
        var values: [Int]
    }

    /// Vertical stacked bars: one bar per category (`labels`), one colour per
    /// series, with a y axis in counts and a legend.
    static func stackedBars(
        title: String, yLabel: String, labels: [String], series: [Series], width: Int = 1100, height: Int = 320
    ) -> String {
        let totals = labels.indices.map { i in series.reduce(0) { $0 + $1.values[i] } }
        let maxY = niceCeiling(totals.max() ?? 0)
        let plot = Plot(width: width, height: height)
        var svg = open(width, height + 24 * ((series.count + 3) / 4), title)
        svg += plot.axes(maxY: maxY, yLabel: yLabel)
        let (left, top, plotW, plotH) = (plot.left, plot.top, plot.width, plot.height)
        let step = Double(plotW) / Double(max(labels.count, 1))
        let barW = max(step * 0.8, 1)
        let labelEvery = max(1, Int((Double(labels.count) * 60 / Double(plotW)).rounded(.up)))
        for (i, label) in labels.enumerated() {
            let x = Double(left) + step * Double(i) + (step - barW) / 2
            var y = Double(top + plotH)
            for (k, s) in series.enumerated() where s.values[i] > 0 {
                let h = Double(s.values[i]) / Double(maxY) * Double(plotH)
                y -= h
                svg += rect(
                    x, y, barW, h, palette[k % palette.count], "\(label), \(s.name): \(ReportFormat.count(s.values[i]))"
                )
            }
            if i % labelEvery == 0 {
                svg += text(
                    x + barW / 2, Double(top + plotH + 16), ReportFormat.escape(label), anchor: "middle", size: 11)
            }
        }
        svg += legend(series.map(\.name), y: height + 4, width: width)
        return svg + "</svg>\n"
    }

    /// Vertical bars of one series (a histogram).
    static func bars(
        title: String, yLabel: String, xLabel: String, labels: [String], values: [Int], width: Int = 1100,
        height: Int = 300
    )
        -> String
    {
        let maxY = niceCeiling(values.max() ?? 0)
        let plot = Plot(width: width, height: height)
        var svg = open(width, height, title)
        svg += plot.axes(maxY: maxY, yLabel: yLabel)
        let (left, top, plotW, plotH) = (plot.left, plot.top, plot.width, plot.height)
        let step = Double(plotW) / Double(max(labels.count, 1))
        for (i, v) in values.enumerated() {
            let h = Double(v) / Double(maxY) * Double(plotH)
            let x = Double(left) + step * Double(i) + step * 0.1
            svg += rect(x, Double(top + plotH) - h, step * 0.8, h, palette[0], "\(labels[i]): \(ReportFormat.count(v))")
            svg += text(
                x + step * 0.4, Double(top + plotH + 16), ReportFormat.escape(labels[i]), anchor: "middle", size: 11)
        }
        svg += text(
            Double(left + plotW / 2), Double(height - 12), ReportFormat.escape(xLabel), anchor: "middle", size: 12)
        return svg + "</svg>\n"
    }

    /// Horizontal bars with their counts and shares: one row per item.
    static func horizontalBars(title: String, items: [(String, Int)], total: Int, width: Int = 540) -> String {
        let rowH = 24
        let left = 150
        let top = 30
        let height = top + rowH * items.count + 10
        let maxV = max(items.map(\.1).max() ?? 1, 1)
        let plotW = width - left - 150
        var svg = open(width, height, title)
        for (i, (name, v)) in items.enumerated() {
            let y = top + rowH * i
            let w = Double(v) / Double(maxV) * Double(plotW)
            svg += text(Double(left - 8), Double(y + 16), ReportFormat.escape(name), anchor: "end", size: 12)
            svg += rect(
                Double(left), Double(y + 4), max(w, 1), Double(rowH - 8), palette[i % palette.count],
                "\(name): \(ReportFormat.count(v))")
            svg += text(
                Double(left) + max(w, 1) + 6, Double(y + 16),
                "\(ReportFormat.count(v)) (\(ReportFormat.percent(v, of: total)))", anchor: "start", size: 12)
        }
        return svg + "</svg>\n"
    }

    /// The smallest 1, 2 or 5 × 10ⁿ at or above `n` (at least 1): round axis ends.
    static func niceCeiling(_ n: Int) -> Int {
        var unit = 1
        while true {
            for m in [1, 2, 5] where m * unit >= n { return max(m * unit, 1) }
            unit *= 10
        }
    }

    /// The plotting area of a chart with axes: margins for the y labels, the title and the x labels.
    struct Plot {
        let left = 70, top = 30
        let width: Int, height: Int

        init(width: Int, height: Int) {
            self.width = width - left - 20
            self.height = height - top - 60
        }

        /// The axes, the grid and the y labels, in counts up to `maxY`.
        func axes(maxY: Int, yLabel: String) -> String {
            let (plotW, plotH) = (width, height)
            var svg =
                "<line x1=\"\(left)\" y1=\"\(top + plotH)\" x2=\"\(left + plotW)\" y2=\"\(top + plotH)\" stroke=\"#444\"/>"
            svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(top + plotH)\" stroke=\"#444\"/>"
            let steps = divisions(maxY)
            for k in 0...steps {
                let v = maxY * k / steps
                let y = Double(top + plotH) - Double(plotH) * Double(k) / Double(steps)
                svg += "<line x1=\"\(left)\" y1=\"\(y)\" x2=\"\(left + plotW)\" y2=\"\(y)\" stroke=\"#ddd\"/>"
                svg += text(Double(left - 6), y + 4, ReportFormat.count(v), anchor: "end", size: 11)
            }
            svg +=
                "<text x=\"16\" y=\"\(top + plotH / 2)\" font-size=\"12\" text-anchor=\"middle\" transform=\"rotate(-90 16 \(top + plotH / 2))\">\(ReportFormat.escape(yLabel))</text>"
            return svg
        }
    }

    /// Grid lines that fall on whole, round numbers: 5 for 1 and 5 × 10ⁿ, 4 for 2 × 10ⁿ.
    static func divisions(_ maxY: Int) -> Int {
        var lead = maxY
        while lead >= 10 { lead /= 10 }
        if maxY < 5 { return maxY }
        return lead == 2 ? 4 : 5
    }

    private static func open(_ width: Int, _ height: Int, _ title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
            + "<title>\(ReportFormat.escape(title))</title>"
            + text(0, 16, ReportFormat.escape(title), anchor: "start", size: 14, weight: "bold")
    }

    private static func legend(_ names: [String], y: Int, width: Int) -> String {
        var svg = ""
        let column = width / 4
        for (i, name) in names.enumerated() {
            let x = 70 + (i % 4) * column
            let row = y + (i / 4) * 22
            svg += rect(Double(x), Double(row), 14, 14, palette[i % palette.count], name)
            svg += text(Double(x + 20), Double(row + 12), ReportFormat.escape(name), anchor: "start", size: 12)
        }
        return svg
    }

    private static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: String, _ tip: String)
        -> String
    {
        "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(w))\" height=\"\(f(h))\" fill=\"\(fill)\"><title>\(ReportFormat.escape(tip))</title></rect>"
    }

    private static func text(
        _ x: Double, _ y: Double, _ escaped: String, anchor: String, size: Int, weight: String = "normal"
    ) -> String {
        "<text x=\"\(f(x))\" y=\"\(f(y))\" font-size=\"\(size)\" font-weight=\"\(weight)\" text-anchor=\"\(anchor)\">\(escaped)</text>"
    }

    private static func f(_ v: Double) -> String { String(format: "%.1f", v) }
}
