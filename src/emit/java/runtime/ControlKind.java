/** The control frames (docs/wire-format.md section 2), with their flag bit. */
public enum ControlKind {
    ACK(0x02),
    PING(0x08),
    PONG(0x10);

    private final int flag;

    ControlKind(int flag) {
        this.flag = flag;
    }

    /** The flag bit that makes a frame this control frame. */
    public int flag() {
        return flag;
    }
}
