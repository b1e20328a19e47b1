import Foundation
import SluicePluginAPI
import Testing

@Suite struct InputPatternTests {
    @Test func extensionsGlobsAndMediaTypes() {
        let pattern = InputPattern(extensions: ["HTML"], mediaTypes: ["text/html"], globs: ["attachments/*.doc"])
        #expect(pattern.matches(SourceDocument(path: "a/page.html", bytes: Data())))
        #expect(!pattern.matches(SourceDocument(path: "a/page.htm", bytes: Data())))
        #expect(pattern.matches(SourceDocument(path: "x", bytes: Data(), hints: SourceHints(mediaType: "TEXT/HTML"))))
        // A glob with a slash is matched against the whole path, members included.
        #expect(pattern.matches(SourceDocument(path: "attachments/a.doc", bytes: Data())))
        #expect(!pattern.matches(SourceDocument(path: "other/a.doc", bytes: Data())))
        #expect(pattern.matches(SourceDocument(path: "attachments", members: ["b.doc"], bytes: Data())))
    }

    @Test func memberNamesGiveTheExtension() {
        let doc = SourceDocument(path: "bundle.zip", members: ["dir/Report.PDF"], bytes: Data())
        #expect(doc.fileName == "Report.PDF")
        #expect(doc.fileExtension == "pdf")
        #expect(SourceDocument(path: ".hidden", bytes: Data()).fileExtension == "")
    }
}

@Suite struct ConfigTableTests {
    let table = ConfigTable(
        values: [
            "name": .string("pdf"), "timeout": .integer(5), "ratio": .number(0.5), "flag": .boolean(true),
            "command": .array([.string("pdftotext"), .string("-")]), "bad": .array([.integer(1)]),
        ],
        name: "[[external]] #1", file: "conf/sluice.toml", lines: ["": 3, "name": 4, "bad": 9])

    @Test func typedReadersReturnValuesAndNilForMissingKeys() throws {
        #expect(try table.string("name") == "pdf")
        #expect(try table.seconds("timeout") == 5)
        #expect(try table.seconds("ratio") == 0.5)
        #expect(try table.bool("flag") == true)
        #expect(try table.strings("command") == ["pdftotext", "-"])
        #expect(try table.string("absent") == nil)
    }

    @Test func wrongTypesNameTheFileLineAndTable() {
        #expect(
            throws: ConfigurationError(
                file: "conf/sluice.toml", line: 9, message: "'bad' in [[external]] #1 must be a list of strings")
        ) {
            try table.strings("bad")
        }
        // A key without a known line falls back to the table's header.
        #expect(
            throws: ConfigurationError(
                file: "conf/sluice.toml", line: 3, message: "'name' in [[external]] #1 must be true or false"
            ).self
        ) {
            try ConfigTable(
                values: ["name": .string("x")], name: "[[external]] #1", file: "conf/sluice.toml", lines: ["": 3]
            ).bool("name")
        }
    }

    @Test func unknownKeysAreRefusedWithTheKnownOnes() {
        do {
            try table.onlyKeys(["name", "timeout", "ratio", "flag", "command"])
            Issue.record("an unknown key was accepted")
        } catch {
            #expect(error.line == 9)
            #expect(error.description.contains("unknown key 'bad'"))
        }
    }

    @Test func directoryIsTheConfigFilesFolder() {
        #expect(ConfigTable(values: [:], name: "t", file: "/etc/sluice/../crawl/sluice.toml").directory == "/etc/crawl")
    }
}

@Suite struct ValueTests {
    @Test func metaValuesRoundTripThroughJSON() throws {
        let values: [String: MetaValue] = [
            "s": .string("来源"), "i": .integer(-3), "b": .boolean(false), "l": .strings(["a", "b"]),
            "o": .objects([["url": "a.pdf", "text": "附件"]]),
        ]
        let data = try JSONEncoder().encode(values)
        #expect(try JSONDecoder().decode([String: MetaValue].self, from: data) == values)
    }

    @Test func limitsTravelAsJSON() throws {
        let limits = ExtractionLimits(maxDocumentBytes: 1, maxDepth: 2, maxMembers: 3, maxExpandedBytes: 4)
        #expect(try JSONDecoder().decode(ExtractionLimits.self, from: JSONEncoder().encode(limits)) == limits)
    }

    @Test func attachmentsAreKnownByExtension() {
        #expect(AttachmentFiles.isAttachment("site/files/通知.PDF"))
        #expect(!AttachmentFiles.isAttachment("site/files.pdf/index.html"))
        #expect(!AttachmentFiles.isAttachment("site/page"))
    }
}

@Suite struct ExpansionMeterTests {
    @Test func memberSizeRatioAndTheInputsBudget() {
        let limits = ExtractionLimits(maxDocumentBytes: 3 << 20, maxCompressionRatio: 10)
        var meter = ExpansionMeter(limits: limits, budget: nil)
        #expect(throws: Never.self) { try meter.add(1 << 20, compressed: 1) }  // under the 1 MiB floor: no ratio yet
        #expect(meter.expanded == 1 << 20)
        do {
            try meter.add(1, compressed: 1)
            Issue.record("past the floor at a ratio of a million: not refused")
        } catch {
            #expect(error == .member(error.error) && error.error.limit == "maxCompressionRatio")
        }
        var big = ExpansionMeter(limits: limits, budget: nil)
        #expect(throws: ExpansionMeter.Exceeded.self) { try big.add((3 << 20) + 1, compressed: nil) }

        // Two members of one input share its budget: the second passes it.
        let budget = ExpansionBudget(bytes: 100)
        var first = ExpansionMeter(limits: limits, budget: budget)
        var second = ExpansionMeter(limits: limits, budget: budget)
        #expect(throws: Never.self) { try first.add(60, compressed: 60) }
        do {
            try second.add(60, compressed: 60)
            Issue.record("the shared budget was passed")
        } catch {
            #expect(error.error.limit == "maxExpandedBytes")
            if case .member = error { Issue.record("a spent budget must cost the input, not the member") }
        }
    }

    @Test func hugeValuesDoNotTrap() {
        var meter = ExpansionMeter(
            limits: ExtractionLimits(maxDocumentBytes: .max, maxCompressionRatio: .max), budget: nil)
        #expect(throws: Never.self) { try meter.add(Int.max / 2, compressed: Int.max / 2) }
    }
}
