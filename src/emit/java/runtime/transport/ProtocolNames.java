import __PACKAGE__.ProtocolInfo;

/** Names of the transports' threads: {@code <protocol>-<role>-<peer>}. */
final class ProtocolNames {
    private ProtocolNames() {
    }

    static String thread(String role, String peer) {
        return ProtocolInfo.PROTOCOL_NAME + "-" + role + "-" + peer;
    }
}
