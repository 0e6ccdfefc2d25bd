import __PACKAGE__.Message;

/** Calls the application's handler for a message from a client: its answer to a request, null otherwise. */
@FunctionalInterface
public interface ServerDispatch {
    Message dispatch(ServerSession session, Message message) throws Exception;
}
