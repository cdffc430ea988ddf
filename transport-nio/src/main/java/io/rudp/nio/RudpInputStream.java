package io.rudp.nio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/** Blocking reads over a {@link RudpConnection}, like a {@code Socket}'s input stream. */
final class RudpInputStream extends InputStream
{
    private final RudpConnection connection;
    private final byte[] one = new byte[1];

    RudpInputStream(final RudpConnection connection)
    {
        this.connection = connection;
    }

    @Override
    public int read() throws IOException
    {
        final int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(final byte[] b, final int off, final int len) throws IOException
    {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0)
        {
            return 0;
        }
        if (connection.closedByApplication())
        {
            throw new java.net.SocketException("Socket closed: " + connection);
        }
        final ByteBuffer dst = ByteBuffer.wrap(b, off, len);
        while (true)
        {
            final int n = connection.read(dst);
            if (n != 0)
            {
                return n;
            }
            connection.awaitReadable();
        }
    }

    @Override
    public int available()
    {
        return connection.available();
    }

    /** Closes the whole connection, as {@code Socket.getInputStream().close()} does. */
    @Override
    public void close()
    {
        connection.close();
    }
}
