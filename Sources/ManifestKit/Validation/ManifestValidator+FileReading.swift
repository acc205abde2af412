import Foundation

extension ManifestValidator {
    /// The bytes of a manifest or localization file ready to parse, or the finding that says why it is not parsed:
    /// it is a folder, larger than ``AppPackage/maximumJSONFileBytes`` (checked before reading), or empty.
    /// - Parameters:
    ///   - read: what reading the file found.
    ///   - file: the file's package path, for findings about its contents.
    ///   - missing: the finding when there is no file at all.
    ///   - folderFinding: the finding to report when the path names a folder; it is given the message.
    func jsonFileBytes(
        _ read: PackageFile, file: String, missing: @autoclosure () -> Finding, folder folderFinding: (String) -> Finding
    ) -> Checked<Data> {
        switch read {
        case .missing:
            return .finding(missing())
        case .folder:
            return .finding(folderFinding("\(file) is a folder, not a file"))
        case .tooLarge(let bytes):
            let limit = AppPackage.maximumJSONFileBytes
            return .finding(
                Rules.fileTooLarge.finding(
                    "\(file) is \(Self.byteCount(bytes)); Herald does not parse JSON files over \(Self.byteCount(limit))", file: file))
        case .contents(let data):
            let body = data.starts(with: [0xEF, 0xBB, 0xBF]) ? data.dropFirst(3) : data[...]
            if body.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
                let what = data.isEmpty ? "is empty (0 bytes)" : "holds no JSON, only \(data.count) bytes of white space"
                return .finding(
                    Rules.fileNotValidJSON.finding(
                        "\(file) \(what)", file: file,
                        hint: "the file has no content: write the JSON object into it, or restore it from your template or repository"))
            }
            return .value(data)
        }
    }

    /// `1,048,577 bytes (1.0 MiB)`: exact, with a readable size beside it from 1 MiB on.
    static func byteCount(_ bytes: Int) -> String {
        var digits = String(bytes)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        let exact = digits + grouped + " bytes"
        guard bytes >= 1 << 20 else { return exact }
        let tenths = (bytes * 10 + (1 << 19)) >> 20
        return "\(exact) (\(tenths / 10).\(tenths % 10) MiB)"
    }
}
