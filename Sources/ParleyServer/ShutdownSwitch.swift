import ServiceLifecycle

/// Starts a running server's graceful shutdown from code, the way SIGINT does from the terminal; for tests.
actor ShutdownSwitch {
    private var group: ServiceGroup?
    private var isTriggered = false

    func attach(_ group: ServiceGroup) async {
        self.group = group
        if isTriggered {
            await group.triggerGracefulShutdown()
        }
    }

    func trigger() async {
        isTriggered = true
        await group?.triggerGracefulShutdown()
    }
}
