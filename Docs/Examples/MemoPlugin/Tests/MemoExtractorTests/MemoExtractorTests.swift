import Foundation
import MemoExtractor
import SluiceDefaultPlugins
import SluicePluginAPI
import SluiceTesting
import Testing

@Test func memoTitleDateAndBody() throws {
    let memo = Data("MEMO\nPump station check\nDate: 2024-04-02\nAll four pumps ran.\n-- \nDuty officer".utf8)
    let record = try ExtractorHarness(MemoExtractor()).record(memo, name: "a.memo")
    #expect(
        RecordExpectation(title: "Pump station check", published: "2024-04-02", textContains: ["All four pumps ran."])
            .mismatches(record) == [])
    #expect(!record.text.contains("Duty officer"))
}

@Test func theSignatureIsKeptWhenTheOptionSaysSo() throws {
    let memo = Data("MEMO\nHoist test\nBoth hoists ran.\n-- \nDuty officer".utf8)
    let harness = try ExtractorHarness(
        [MemoExtractor()], pluginOptions: ["memo": PluginOptions(["keep_signature": .boolean(true)])])
    #expect(try harness.record(memo, name: "h.memo").text.hasSuffix("Duty officer"))
}

@Test func aMemoWithoutABodyIsSkipped() throws {
    let outcomes = try ExtractorHarness(MemoExtractor()).outcomes(Data("MEMO\nOnly a title".utf8), name: "b.memo")
    guard case .skipped(let skip) = outcomes.first else {
        Issue.record("expected a skip, got \(outcomes)")
        return
    }
    #expect(skip.reason == "memo:no-body")
}

@Test func aMemoSavedOnWindowsReachesThePlugin() throws {
    // CR LF line ends and a byte-order mark: the sniff and the lines take both.
    let memo = Data(
        [0xEF, 0xBB, 0xBF] + Array("MEMO\r\nGate log\r\nDate: 2024-04-05\r\nThe east gate was greased.\r\n".utf8))
    let record = try ExtractorHarness([MemoExtractor()]).record(memo, name: "log.txt")
    #expect(record.extractor == "memo" && record.title == "Gate log" && record.published == "2024-04-05")
    #expect(record.text == "The east gate was greased.")
}

@Test func aMemoWithoutItsFirstLineStillReachesThePluginByItsName() throws {
    // No MEMO line, CR LF line ends: the sniff is unsure, and a plugin whose
    // `accepts` names the extension wins over the generic text plugin.
    let memo = Data("Valve log\r\nDate: 2024-04-06\r\nValve 3 was replaced.\r\n".utf8)
    let harness = try ExtractorHarness([MemoExtractor()] + Sluice.defaultPlugins)
    let record = try harness.record(memo, name: "valve.memo")
    #expect(record.extractor == "memo" && record.title == "Valve log" && record.text == "Valve 3 was replaced.")
    // `routing` says why (as `sluice inspect --explain` does): the name matched, the sniff did not refuse.
    #expect(harness.routing(memo, name: "valve.memo").rule == .name)
}
