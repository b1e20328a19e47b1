import Foundation
import SluicePluginAPI
import Testing

@testable import SluiceRuntime

/// Conforms to neither leaf nor container: a registry must refuse it.
private struct Neither: Extractor {
    let id = "neither"
    let version = "1"
    let accepts = InputPattern()
    func sniff(_ head: Data) -> SniffVerdict { .unsure }
}

@Suite struct RoutingTests {
    func doc(_ name: String, _ text: String) -> SourceDocument {
        SourceDocument(path: name, bytes: Data(text.utf8))
    }

    @Test func contentSniffWinsOverTheName() throws {
        let registry = try ExtractorRegistry([StubLeaf(), LineBundle()])
        let bundleNamedStub = doc("x.stub", "BUNDLE\n")
        #expect(registry.extractor(for: bundleNamedStub)?.extractor.id == "bundle")
        #expect(registry.extractor(for: bundleNamedStub)?.rule == .content)
    }

    @Test func nameDecidesWhenNoSniffClaims() throws {
        let registry = try ExtractorRegistry([StubLeaf(), LineBundle()])
        let d = doc("a/b.bundle", "nothing")
        #expect(registry.extractor(for: d)?.extractor.id == "bundle")
        #expect(registry.extractor(for: d)?.rule == .name)
        #expect(registry.extractor(for: SourceDocument(path: "c.png", bytes: Data([1, 2]))) == nil)
    }

    @Test func aNamedPluginWhoseSniffIsUnsureWinsOverAGenericOneAskedEarlier() throws {
        let registry = try ExtractorRegistry([AnyText(), MailLike()])
        let routing = registry.route(doc("m.mail", "To: someone\nSubject: hi\n\nbody"))
        #expect(routing.chosen.map { registry.extractors[$0].id } == "mail")
        #expect(routing.rule == .name)
        #expect(routing.passedOver.isEmpty)
        // Without the name the generic plugin takes the same bytes.
        #expect(registry.extractor(for: doc("m", "To: someone\n"))?.extractor.id == "anytext")
        #expect(registry.extractor(for: doc("m", "To: someone\n"))?.rule == .genericContent)
    }

    @Test func genericPluginsAreAskedAfterSpecificOnesWhateverTheOrder() throws {
        let registry = try ExtractorRegistry([AnyText(), MailLike()])
        #expect(registry.extractor(for: doc("x.txt", "From: a\n"))?.extractor.id == "mail")
        #expect(registry.extractor(for: doc("x.txt", "From: a\n"))?.rule == .content)
    }

    @Test func anExplicitRefusalHandsTheFileToTheGenericPluginAndIsReported() throws {
        let registry = try ExtractorRegistry([MailLike(), AnyText()])
        let routing = registry.route(doc("r.mail", "%PDF-1.4 not mail"))
        #expect(routing.chosen.map { registry.extractors[$0].id } == "anytext")
        #expect(routing.rule == .genericContent)
        #expect(routing.passedOver == ["mail"])
        #expect(
            Routing.passedOverTally(doc("r.mail", ""), taker: "anytext", refusing: routing.passedOver)
                == "routing:*.mail:anytext:mail")
    }

    @Test func aRefusingNamedPluginStillExplainsAFileNoOneElseTakes() throws {
        let registry = try ExtractorRegistry([MailLike(), AnyText()])
        let routing = registry.route(doc("e.mail", ""))
        #expect(routing.chosen.map { registry.extractors[$0].id } == "mail")
        #expect(routing.rule == .name)
        let refused = try ExtractorRegistry([MailLike()]).route(doc("p.mail", "%PDF-1.7"))
        #expect(refused.rule == .nameDespiteRefusal)
    }

    @Test func explainAsksEveryPluginAndSaysWhy() throws {
        let registry = try ExtractorRegistry([MailLike(), StubLeaf(), AnyText()])
        let quick = registry.route(doc("x.stub", "From: a"))
        #expect(quick.answers.map(\.sniff) == [.claims, nil, nil])
        let full = registry.route(doc("x.stub", "From: a"), explain: true)
        #expect(full.answers.map(\.sniff) == [.claims, .unsure, .claims])
        #expect(full.answers.map(\.nameMatches) == [false, true, false])
        let json = try JSONSerialization.jsonObject(with: Data(full.jsonObject().utf8)) as? [String: Any]
        #expect(json?["extractor"] as? String == "mail")
        #expect(json?["rule"] as? String == "content")
        #expect((json?["asked"] as? [[String: Any]])?.map { $0["plugin"] as? String } == ["mail", "stub", "anytext"])
    }

    @Test func duplicateIDsAndPluginsThatAreNeitherLeafNorContainerAreRefused() {
        #expect(throws: RegistryError.duplicateID("stub")) { try ExtractorRegistry([StubLeaf(), StubLeaf()]) }
        #expect(throws: RegistryError.neitherLeafNorContainer("neither")) { try ExtractorRegistry([Neither()]) }
    }
}
