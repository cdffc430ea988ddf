package io.rudp.examples;

import io.rudp.nio.RudpConnection;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Echoes every byte back, without blocking, on the loop thread: reads what has arrived, writes what
 * fits, and resumes when the connection is writable again; half-closes after the peer's FIN. A
 * complete example of the asynchronous API, and the echo server of {@code rudp echo-server}:
 * {@code socket.listen(port, EchoListener::attach)}.
 */
public final class EchoListener implements RudpConnection.Listener
{
    private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024).flip();

    /**
     * Makes {@code connection} echo.
     *
     * @param connection a connection just accepted
     */
    public static void attach(final RudpConnection connection)
    {
        connection.listener(new EchoListener());
    }

    @Override
    public void onReadable(final RudpConnection connection)
    {
        pump(connection);
    }

    @Override
    public void onWritable(final RudpConnection connection)
    {
        pump(connection);
    }

    private void pump(final RudpConnection connection)
    {
        try
        {
            while (true)
            {
                while (pending.hasRemaining())
                {
                    if (connection.write(pending) == 0)
                    {
                        return; // full: onWritable resumes with what is left
                    }
                }
                final int n = connection.read(pending.clear());
                pending.flip();
                if (n < 0)
                {
                    connection.shutdownOutput();
                    return;
                }
                if (n == 0)
                {
                    return;
                }
            }
        }
        catch (final IOException | IllegalStateException e)
        {
            connection.abort();
        }
    }
}
