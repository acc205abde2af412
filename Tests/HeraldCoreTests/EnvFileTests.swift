import HeraldCore
import Testing

@Suite("EnvFile")
struct EnvFileTests {
    @Test("reads Teams Toolkit env files: comments, export, quotes, inline comments")
    func readsToolkitFormat() throws {
        let file = try EnvFile(
            parsing: """
                # This file includes environment variables
                TEAMSFX_ENV=dev
                export BOT_ID=6f1c2b4e-8d3a-4c5e-9f70-1a2b3c4d5e6f
                BOT_DOMAIN="bot.contoso.com"
                SECRET_X='a b # c'
                APP_NAME_SUFFIX= local # trailing comment
                MULTI="line\\nbreak"

                EMPTY=
                """)
        #expect(file["TEAMSFX_ENV"] == "dev")
        #expect(file["BOT_ID"] == "6f1c2b4e-8d3a-4c5e-9f70-1a2b3c4d5e6f")
        #expect(file["BOT_DOMAIN"] == "bot.contoso.com")
        #expect(file["SECRET_X"] == "a b # c")
        #expect(file["APP_NAME_SUFFIX"] == "local")
        #expect(file["MULTI"] == "line\nbreak")
        #expect(file["EMPTY"] == "")
        #expect(file["MISSING"] == nil)
    }

    @Test("a line without '=' is an error naming the line")
    func rejectsGarbage() {
        #expect(throws: EnvFile.SyntaxError(line: 2, reason: "no '=' in \"not a variable\"")) {
            try EnvFile(parsing: "A=1\nnot a variable\n")
        }
    }

    @Test("an unclosed quote is an error")
    func rejectsUnclosedQuote() {
        #expect(throws: EnvFile.SyntaxError.self) { try EnvFile(parsing: "A=\"open\n") }
    }

    @Test("CRLF line endings and a key set twice keep the last value")
    func crlfAndRepeats() throws {
        let file = try EnvFile(parsing: "A=1\r\nA=2\r\n")
        #expect(file["A"] == "2")
    }
}
