import HTTPTypes
import Hummingbird
import ServiceLifecycle

/// The `/_parley/events` stream: the hub's current status on connect, every later build, and a ping to keep proxies and browsers patient.
struct EventStream {
    static let path = "/_parley/events"

    let hub: PreviewHub
    let pingInterval: Duration

    func response(isHead: Bool) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        headers[PreviewResponder.contentTypeOptions] = "nosniff"
        if isHead {
            return Response(status: .ok, headers: headers)
        }
        let hub = self.hub
        let pingInterval = self.pingInterval
        return Response(
            status: .ok, headers: headers,
            body: ResponseBody { writer in
                // Reconnect quickly when the server restarts; the first bytes also send the head at once.
                try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
                let (messages, sink) = AsyncStream.makeStream(of: String.self, bufferingPolicy: .bufferingNewest(64))
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await status in await hub.subscribe() {
                            sink.yield(BuildEvent(status, session: hub.session).message)
                        }
                    }
                    group.addTask {
                        while (try? await Task.sleep(for: pingInterval)) != nil {
                            sink.yield(": ping\n\n")
                        }
                    }
                    // Without cancelOnGracefulShutdown an open page would keep Ctrl-C waiting for as long as it stays open.
                    // A write that fails (the page went away) throws out of the group, which cancels both feeders.
                    for await message in messages.cancelOnGracefulShutdown() {
                        try await writer.write(ByteBuffer(string: message))
                    }
                    group.cancelAll()
                }
                try await writer.finish(nil)
            })
    }
}
