package io.rudp.examples;

import io.rudp.core.config.RudpConfig;
import io.rudp.nio.LoopConfig;
import io.rudp.nio.RudpConnection;
import io.rudp.nio.RudpLoop;
import io.rudp.nio.RudpSocket;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** The README's first program, compiled and run by the tests so that it stays true. */
public final class QuickStart
{
    private QuickStart()
    {
    }

    /**
     * A server and a client on one loop: the client sends a line and half-closes, the server reads
     * to the end and answers.
     *
     * @param args ignored
     * @throws Exception if anything fails
     */
    public static void main(final String[] args) throws Exception
    {
        try (RudpLoop loop = RudpLoop.start(LoopConfig.defaults()))
        {
            // Server: one UDP socket on every interface, listening on rudp port 9000.
            RudpSocket server = loop.bind(new InetSocketAddress(9000), RudpConfig.defaults());
            CompletableFuture<RudpConnection> accepted = server.listen(9000).accept();

            // Client: bind the wildcard (the kernel picks the source address) and connect.
            RudpSocket client = loop.bind(new InetSocketAddress(0), RudpConfig.defaults());
            RudpConnection c = client.connect(new InetSocketAddress("127.0.0.1", 9000)).get();
            c.noDelay(true); // small request/response messages: Nagle off, as with TCP_NODELAY
            try (OutputStream out = c.outputStream())
            {
                out.write("hello, rudp\n".getBytes(StandardCharsets.UTF_8));
            } // close() half-closes: the server reads to the end

            RudpConnection s = accepted.get();
            byte[] request = s.inputStream().readAllBytes();
            try (OutputStream out = s.outputStream())
            {
                out.write(("got " + request.length + " bytes\n").getBytes(StandardCharsets.UTF_8));
            }
            System.out.print(new String(c.inputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
