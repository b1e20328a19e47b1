import Foundation
import Testing

@testable import SluiceText

@Suite struct TextDecoderTests {
    static func gb18030(_ s: String) throws -> Data {
        // Round-trip through the decoder's own converter would prove nothing;
        // these bytes are GB18030 as published tables give them.
        Data(
            s.unicodeScalars.flatMap { scalar -> [UInt8] in
                switch scalar {
                case "中": [0xD6, 0xD0]
                case "文": [0xCE, 0xC4]
                case "。": [0xA1, 0xA3]
                case "龘": [0xFD, 0x93]
                case "𠀀": [0x95, 0x32, 0x82, 0x36]
                default: [UInt8(scalar.value)]
                }
            })
    }

    @Test func labelsMapAsBrowsersMapThem() {
        for label in ["gb2312", "GBK", "x-gbk", "gb_2312-80", "chinese", "iso-ir-58", "csgb2312", " GB18030 "] {
            #expect(Charset(label: label) == .gb18030, "\(label)")
        }
        for label in ["iso-8859-1", "ascii", "latin1", "us-ascii"] { #expect(Charset(label: label) == .windows1252) }
        #expect(Charset(label: "big5") == .big5)
        #expect(Charset(label: "shift_jis") == .shiftJIS)
        #expect(Charset(label: "no-such-charset") == nil)
    }

    @Test func gb18030DecodesFourByteAndGBKOnlyCharacters() throws {
        let bytes = try Self.gb18030("中文龘𠀀。")
        #expect(try TextDecoder.decode(bytes, as: .gb18030) == "中文龘𠀀。")
    }

    @Test func strictDecodingFailsInsteadOfProducingMojibake() throws {
        #expect(throws: TextDecoder.Failure.self) { try TextDecoder.decode(try Self.gb18030("中文"), as: .utf8) }
        #expect(throws: TextDecoder.Failure.self) {
            try TextDecoder.decode(Data([0xD6, 0xD0, 0xFF, 0x20]), as: .gb18030)
        }
    }

    @Test func detectionOrder() throws {
        #expect(TextDecoder.detect(Data([0xEF, 0xBB, 0xBF, 0x41])).charset == .utf8)
        #expect(
            TextDecoder.detect(Data([0xFF, 0xFE, 0x2D, 0x4E]))
                == DecodedText(text: "中", charset: .utf16LE, source: "bom"))
        #expect(TextDecoder.detect(Data([0xFE, 0xFF, 0x4E, 0x2D])).text == "中")
        #expect(TextDecoder.detect(Data("中文".utf8)).charset == .utf8)
        let gb = TextDecoder.detect(try Self.gb18030("中文。"))
        #expect(gb.charset == .gb18030 && gb.text == "中文。")
        let latin = TextDecoder.detect(Data([0x63, 0x61, 0x66, 0xE9, 0x20, 0x80]))
        #expect(latin.charset == .windows1252 && latin.text == "café €")
    }

    @Test func latin1TextIsNotMistakenForChinese() {
        // "Ãœber für" in windows-1252 happens to be valid GB18030 byte pairs.
        let bytes = Data([0xC3, 0x9C, 0x62, 0x65, 0x72, 0x20, 0x66, 0xFC, 0x72])
        #expect(TextDecoder.detect(bytes).charset == .windows1252)
    }
}
