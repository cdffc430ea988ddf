package io.rudp.nio;

import io.rudp.core.connection.CloseReason;

import java.io.IOException;

/** A connection ended abnormally, or could not be made; {@link #reason()} says how. */
public final class RudpException extends IOException
{
    private static final long serialVersionUID = 1L;

    private final CloseReason reason;

    public RudpException(final CloseReason reason, final String detail)
    {
        super(reason.description() + (detail == null || detail.isEmpty() ? "" : ": " + detail));
        this.reason = reason;
    }

    public CloseReason reason()
    {
        return reason;
    }
}
