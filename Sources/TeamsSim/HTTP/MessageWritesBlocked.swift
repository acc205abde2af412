/// The odd shape Teams uses when a bot is blocked or uninstalled: `{"errorCode": 209, "message": "{…MessageWritesBlocked…}"}`.
struct MessageWritesBlocked: Encodable {
    let errorCode = 209
    let message = #"{"errorCode":209,"message":"Message writes are blocked for this conversation","subCode":"MessageWritesBlocked"}"#
}
