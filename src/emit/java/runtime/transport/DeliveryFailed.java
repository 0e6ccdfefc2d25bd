/** A reliable datagram was never acknowledged, after every retransmission. */
public class DeliveryFailed extends TransportException {
    private static final long serialVersionUID = 1L;

    public DeliveryFailed(String message) {
        super(message);
    }

    public DeliveryFailed(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public String code() {
        return "delivery_failed";
    }
}
