import Foundation
import HeraldCore
import HeraldTesting
import Testing

/// Bot Connector error bodies in the swagger's `ErrorResponse` shape decode through Herald's type.
@Suite("Connector error fixtures")
struct ConnectorFixtureTests {
    @Test("an ErrorResponse carries Teams' code and message")
    func notFound() throws {
        let body = try MicrosoftFixtures.decode(ConnectorErrorResponse.self, "connector/error-404-ConversationNotFound.json")
        #expect(body.error.code == "ConversationNotFound")
        #expect(body.error.innerHttpError == nil)
    }

    @Test("an ErrorResponse may pass on the inner call's status and body")
    func innerHttpError() throws {
        let body = try MicrosoftFixtures.decode(ConnectorErrorResponse.self, "connector/error-403-ForbiddenOperationException.json")
        #expect(body.error.code == "ForbiddenOperationException")
        #expect(body.error.innerHttpError?.statusCode == 403)
        #expect(body.error.innerHttpError?.body?["errorCode"]?.stringValue == "ForbiddenOperationException")
    }
}
