import __PACKAGE__.Message;

/**
 * A UDP peer's session (wire format 10.2, the table of what a UDP server does): UDP has no
 * connection to close, so where a stream server closes (10.4) this one drops the frame and the
 * session goes on. A message only the server sends is dropped before the role machine, and a
 * refused message that has no error answer (a oneway in the wrong state, one over the rate
 * limit) never ends the session. The session ends when its machine reaches a terminal state or
 * after the idle timeout.
 */
final class DatagramSession extends FramedServerSession {
    DatagramSession(Hub hub, String peer, DatagramLink link, ServerDispatch dispatch, ServerOptions options, Runnable onClose) {
        super(hub, peer, link, dispatch, options, session -> onClose.run());
    }

    @Override
    public void onMessage(Message message, long seq) {
        if (!Messages.info(message).sender().equals("initiator")) {
            trace("<-", message);
            Debug.log(this + ": dropped " + message.messageName() + ", which only the server sends");
            return;
        }
        super.onMessage(message, seq);
    }

    @Override
    void apply(Verdict verdict, long seq) {
        if (verdict.refused && verdict.close && !machine().terminal()) {
            Debug.log(this + ": dropped a refused message: " + verdict.reason);
            verdict.close = false;
        }
        super.apply(verdict, seq);
    }
}
