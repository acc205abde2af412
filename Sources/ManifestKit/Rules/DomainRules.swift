/// `validDomains`: host names only, no wildcard over a top-level or shared domain, no tunnels.
enum DomainRules {
    private static let secondLevelSuffixes: Set<String> = [
        "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "net.au", "org.au", "co.nz", "co.jp", "co.in", "com.br", "com.cn", "com.mx", "co.za",
        "com.sg", "com.tr",
    ]
    private static let sharedHosts = [
        "amazonaws.com", "appspot.com", "azurewebsites.net", "cloudapp.net", "dialogflow.com", "glitch.me", "heroku.com", "herokuapp.com",
        "onmicrosoft.com", "recast.ai", "sharepoint.com", "azurestaticapps.net", "azureedge.net", "blob.core.windows.net", "github.io", "netlify.app",
        "vercel.app", "web.app", "firebaseapp.com",
    ]
    private static let tunnels = [
        "ngrok.io", "ngrok-free.app", "ngrok.app", "ngrok-free.dev", "openport.io", "portmap.io", "fwd.wf", "devtunnels.ms", "loca.lt",
        "localtunnel.me", "trycloudflare.com", "serveo.net",
    ]
    private static let allowed: Set<String> = ["token.botframework.com", "{teamsitedomain}"]

    static func check(_ context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        for entry in context.elements(JSONPointer.root.appending("validDomains")) {
            // Compared in lower case, quoted as written.
            guard let written = context.string(entry.pointer), case let domain = written.lowercased(), !allowed.contains(domain) else { continue }
            if domain.contains("://") || domain.contains("/") {
                findings.append(Rules.validDomainIsURL.finding("\"\(written)\" is a URL, not a host name", at: entry.pointer))
                continue
            }
            let host = domain.split(separator: ":").first.map(String.init) ?? domain
            if host.hasPrefix("*") {
                let rest = host.drop(while: { $0 == "*" || $0 == "." })
                let labels = rest.split(separator: ".")
                if labels.count <= 1 || secondLevelSuffixes.contains(String(rest)) {
                    findings.append(
                        Rules.validDomainTopLevelWildcard.finding(
                            "\"\(written)\" covers every domain under \"\(rest.isEmpty ? "*" : String(rest))\"", at: entry.pointer))
                    continue
                }
                if let shared = sharedHosts.first(where: { String(rest) == $0 }) {
                    findings.append(
                        Rules.validDomainSharedWildcard.finding(
                            "\"\(written)\" covers every site hosted on \(shared), not only yours", at: entry.pointer))
                    continue
                }
            }
            if let tunnel = tunnels.first(where: { host == $0 || host.hasSuffix("." + $0) }) {
                findings.append(Rules.validDomainTunnel.finding("\"\(written)\" is a tunnelling service (\(tunnel))", at: entry.pointer))
            }
        }
        return findings
    }
}
