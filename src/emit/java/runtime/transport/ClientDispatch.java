import __PACKAGE__.Message;

/** Calls the application's handler for a message the server sent on its own: the answer to a request, else null. */
@FunctionalInterface
public interface ClientDispatch {
    Message dispatch(Message message) throws Exception;
}
