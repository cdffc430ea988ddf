package io.rudp.nio;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * Blocking writes over a {@link RudpConnection}. {@code write} returns once every byte is queued;
 * {@code flush} waits until the bytes reach the engine; {@code close} half-closes (sends FIN after
 * the data) and leaves the input open, so request/response code can read the reply.
 */
final class RudpOutputStream extends OutputStream
{
    private final RudpConnection connection;

    RudpOutputStream(final RudpConnection connection)
    {
        this.connection = connection;
    }

    @Override
    public void write(final int b) throws IOException
    {
        write(new byte[] {(byte)b}, 0, 1);
    }

    @Override
    public void write(final byte[] b, final int off, final int len) throws IOException
    {
        Objects.checkFromIndexSize(off, len, b.length);
        if (connection.closedByApplication())
        {
            throw new java.net.SocketException("Socket closed: " + connection);
        }
        final ByteBuffer src = ByteBuffer.wrap(b, off, len);
        while (src.hasRemaining())
        {
            if (connection.write(src) == 0)
            {
                connection.awaitWritable();
            }
        }
    }

    @Override
    public void flush() throws IOException
    {
        connection.awaitStagedDrained();
    }

    @Override
    public void close()
    {
        connection.shutdownOutput();
    }
}
