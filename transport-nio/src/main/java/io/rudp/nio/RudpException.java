package io.rudp.nio;

import io.rudp.core.connection.CloseReason;

import java.io.IOException;

/** A connection ended abnormally, or could not be made; {@link #reason()} says how. */
public final class RudpException extends IOException
{
    private static final long serialVersionUID = 1L;

    /** Why the connection ended. */
    private final CloseReason reason;

    /**
     * An exception for a connection that ended for {@code reason}.
     *
     * @param reason why the connection ended
     * @param detail what it was (peer, port), or null
     */
    public RudpException(final CloseReason reason, final String detail)
    {
        super(reason.description() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.reason = reason;
    }

    /** {@return why the connection ended} */
    public CloseReason reason()
    {
        return reason;
    }
}
