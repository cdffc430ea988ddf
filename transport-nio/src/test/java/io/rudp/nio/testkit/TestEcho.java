package io.rudp.nio.testkit;

import io.rudp.nio.RudpConnection;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The tests' echo server: every byte back, on the loop thread, without blocking; half-closes after
 * the peer's FIN. ({@code io.rudp.examples.EchoListener} is the documented one; the library itself
 * ships no demo classes.)
 */
public final class TestEcho implements RudpConnection.Listener
{
    private final ByteBuffer pending = ByteBuffer.allocate(64 * 1024).flip();

    /** For {@code socket.listen(port, TestEcho::attach)}. */
    public static void attach(final RudpConnection connection)
    {
        connection.listener(new TestEcho());
    }

    @Override
    public void onReadable(final RudpConnection connection)
    {
        echo(connection);
    }

    @Override
    public void onWritable(final RudpConnection connection)
    {
        echo(connection);
    }

    private void echo(final RudpConnection connection)
    {
        try
        {
            int n = 1;
            while (n > 0)
            {
                if (pending.hasRemaining() && connection.write(pending) == 0)
                {
                    return; // onWritable resumes with what is left
                }
                if (!pending.hasRemaining())
                {
                    n = connection.read(pending.clear());
                    pending.flip();
                }
            }
            if (n < 0)
            {
                connection.shutdownOutput();
            }
        }
        catch (final IOException | IllegalStateException e)
        {
            connection.abort();
        }
    }
}
