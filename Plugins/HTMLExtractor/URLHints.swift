import SluiceText

/// What a page's URL, or its path in a crawl, tells about it.
enum URLHints {
    /// A date the URL carries: `t20201120_123.html`, `/2020-11/20/`, `/202011/20/`, `/20201120/`.
    static func date(in url: String) -> String? {
        nonisolated(unsafe) let patterns = [
            /[\/_t](?<y>(?:19|20)\d{2})(?<m>[01]\d)(?<d>[0-3]\d)[_\/.]/,
            /\/(?<y>(?:19|20)\d{2})-(?<m>[01]?\d)\/(?<d>[0-3]?\d)\//,
            /\/(?<y>(?:19|20)\d{2})(?<m>[01]\d)\/(?<d>[0-3]\d)\//,
            /\/(?<y>(?:19|20)\d{2})\/(?<m>[01]?\d)\/(?<d>[0-3]?\d)\//,
        ]
        for p in patterns {
            if let m = url.firstMatch(of: p), let date = DateNormalizer.firstDate(in: "\(m.y)-\(m.m)-\(m.d)") {
                return date
            }
        }
        return nil
    }

    /// The URL of a file saved in the layout of `wget --mirror` or HTTrack,
    /// whose first path component is the host (`www.example.gov.cn/a/b.html`).
    /// The scheme is not recorded by those tools; `http` is assumed.
    static func urlFromCrawlPath(_ path: String) -> String? {
        guard let first = path.split(separator: "/").first, path.contains("/") else { return nil }
        let labels = first.split(separator: ".")
        guard labels.count >= 2, let tld = labels.last, (2...6).contains(tld.count), tld.allSatisfy({ $0.isLetter }),
            first.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == ":" })
        else { return nil }
        return "http://" + path
    }
}
