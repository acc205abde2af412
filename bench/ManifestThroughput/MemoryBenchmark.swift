import Foundation
import ManifestKit

/// `herald-bench --memory N`: generates a manifest-shaped JSON document of about N MB, parses it once with positions
/// (as `herald validate` does) and prints the process's peak resident memory (VmHWM) against the input size.
///
/// The peak cannot be reset, so each measurement needs a fresh process; the generated input is built in a buffer of
/// its final size, so that building it never costs more than the input itself.
enum MemoryBenchmark {
    static func run(megabytes: Int) {
        let target = megabytes << 20
        let input = generate(bytes: target)
        let before = peakResidentBytes()
        let clock = ContinuousClock()
        let start = clock.now
        let document: JSONDocument
        do {
            document = try JSONDocument(data: input)
        } catch {
            FileHandle.standardError.write(Data("herald-bench: the generated document does not parse: \(error)\n".utf8))
            exit(2)
        }
        let elapsed = clock.now - start
        let peak = peakResidentBytes()
        let located = document.position(of: JSONPointer("/staticTabs/\(count(document) - 1)/context/1")!)
        let mb = { (bytes: Int) in String(format: "%.1f", Double(bytes) / Double(1 << 20)) }
        print(
            "parser memory: peak RSS \(mb(peak)) MB for \(mb(input.count)) MB of input = "
                + String(format: "%.1f", Double(peak) / Double(input.count)) + " bytes per input byte"
                + " (\(mb(before)) MB before parsing, parsed in \(elapsed), last tab's context at \(located.map(\.description) ?? "?"))")
    }

    private static func count(_ document: JSONDocument) -> Int {
        document.root["staticTabs"]?.arrayValue?.count ?? 0
    }

    /// A manifest whose `staticTabs` array holds tabs of nested objects, arrays, strings, numbers and literals
    /// until the text reaches `bytes`.
    static func generate(bytes: Int) -> Data {
        var data = Data(capacity: bytes + 4_096)
        data.append(
            contentsOf: Array(
                """
                {
                  "$schema": "https://developer.microsoft.com/json-schemas/teams/v1.30/MicrosoftTeams.schema.json",
                  "manifestVersion": "1.30",
                  "version": "1.0.0",
                  "id": "2f8a3c1e-5b7d-4e9f-a1c3-6d8e0f2b4a61",
                  "name": {"short": "Generated", "full": "A generated manifest for the parser memory benchmark"},
                  "staticTabs": [
                """.utf8))
        var index = 0
        while data.count < bytes - 1_024 {
            if index > 0 { data.append(contentsOf: Array(",\n".utf8)) }
            data.append(contentsOf: Array(tab(index).utf8))
            index += 1
        }
        data.append(contentsOf: Array("\n  ]\n}\n".utf8))
        return data
    }

    private static func tab(_ index: Int) -> String {
        """
            {
              "entityId": "tab-\(index)",
              "name": "Tab number \(index) with a longer name",
              "contentUrl": "https://greeter.contoso.com/tabs/\(index)?theme={theme}&locale={locale}",
              "websiteUrl": "https://greeter.contoso.com/tabs/\(index)",
              "scopes": ["personal", "team", "groupChat"],
              "context": ["personalTab", "channelTab", "meetingChatTab", "meetingDetailsTab"],
              "supportedPlatform": ["desktop", "mobile"],
              "layout": {"columns": \(index % 7), "ratio": \(Double(index % 100) / 8), "visible": \(index % 2 == 0), "owner": null,
                "sections": [{"title": "Überblick \(index)", "items": [1, 2, 3, {"k": "v\\u00e9"}]}, {"title": "Details", "items": []}]},
              "grid": [[0, 1, 2, 3], [4, 5, 6, 7], ["a", "b", "c", "d"], [true, false, null, -1.5e3]],
              "tags": {"a": "x", "b": "y", "c": {"d": [{"e": \(index % 13)}]}}
            }
        """
    }

    /// The process's peak resident set size so far, from `VmHWM` in /proc/self/status (0 where there is none).
    static func peakResidentBytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let digits = line.dropFirst("VmHWM:".count).filter(\.isNumber)
            return (Int(digits) ?? 0) * 1_024
        }
        return 0
    }
}
