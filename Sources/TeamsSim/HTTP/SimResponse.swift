import Foundation
import HTTPTypes
import Hummingbird

/// Response shapes the simulator answers with: JSON, Graph's error body, the Connector's error body.
enum SimResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return raw(data, status: status, headers: headers)
    }

    static func raw(_ data: Data, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func empty(_ status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        Response(status: status, headers: headers)
    }

    /// `Retry-After` in seconds: whole seconds at real speed, decimals when the simulator runs faster.
    static func retryAfter(_ duration: Duration, speed: Double) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        if speed == 1 { return String(Int(seconds.rounded(.up)).clamped(1)) }
        return String(format: "%.3f", max(seconds, 0.001))
    }
}

extension Int {
    func clamped(_ minimum: Int) -> Int { Swift.max(self, minimum) }
}

extension HTTPField.Name {
    static let retryAfter = HTTPField.Name("Retry-After")!
    static let requestId = HTTPField.Name("request-id")!
    static let clientRequestId = HTTPField.Name("client-request-id")!
    static let correlatingOperationId = HTTPField.Name("X-Correlating-OperationId")!
}
