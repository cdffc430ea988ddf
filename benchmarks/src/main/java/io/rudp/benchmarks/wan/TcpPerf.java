package io.rudp.benchmarks.wan;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;

/**
 * Kernel TCP's side of the WAN bench ({@code benchmarks/wan/run.sh}), doing the same work per byte
 * as rudp's perf tools (SHA-256 of the stream at both ends):
 * {@code TcpPerf server HOST PORT} accepts one connection, reads to end of stream and prints
 * {@code RESULT bytes=N seconds=S sha256=H}, timed from accept to end of stream;
 * {@code TcpPerf client HOST PORT SECONDS} sends for that long and closes.
 * The congestion controller is the route's ({@code ip route ... congctl}), as the bench sets it; the
 * socket buffers are the kernel's autotuned ones (setting a size would turn autotuning off).
 */
public final class TcpPerf
{
    private static final int CHUNK = 64 * 1024;

    private TcpPerf()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        if (args.length < 3 || !(args[0].equals("server") || args[0].equals("client" )))
        {
            System.err.println("usage: TcpPerf server HOST PORT | TcpPerf client HOST PORT SECONDS");
            System.exit(2);
        }
        final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
        if (args[0].equals("server"))
        {
            server(address);
        }
        else
        {
            client(address, Long.parseLong(args[3]));
        }
    }

    private static void server(final InetSocketAddress address) throws Exception
    {
        try (ServerSocket listener = new ServerSocket())
        {
            listener.bind(address);
            System.out.println("READY");
            System.out.flush();
            try (Socket socket = listener.accept(); InputStream in = socket.getInputStream())
            {
                final long startNs = System.nanoTime();
                final MessageDigest sha = MessageDigest.getInstance("SHA-256");
                final byte[] buffer = new byte[CHUNK];
                long bytes = 0;
                int n;
                while ((n = in.read(buffer)) >= 0)
                {
                    sha.update(buffer, 0, n);
                    bytes += n;
                }
                final double seconds = (System.nanoTime() - startNs) / 1e9;
                System.out.printf("RESULT bytes=%d seconds=%.3f sha256=%s%n", bytes, seconds, hex(sha.digest()));
            }
        }
    }

    private static void client(final InetSocketAddress address, final long seconds) throws Exception
    {
        final MessageDigest sha = MessageDigest.getInstance("SHA-256");
        final byte[] buffer = new byte[CHUNK];
        long state = 7;
        long total = 0;
        try (Socket socket = new Socket())
        {
            socket.connect(address, 10_000);
            final long stopNs = System.nanoTime() + seconds * 1_000_000_000L;
            try (OutputStream out = socket.getOutputStream())
            {
                while (System.nanoTime() - stopNs < 0)
                {
                    final int n = CHUNK;
                    for (int i = 0; i < n; i += 8)
                    {
                        state = state * 6364136223846793005L + 1442695040888963407L;
                        for (int k = 0; k < 8 && i + k < n; k++)
                        {
                            buffer[i + k] = (byte)(state >>> (8 * k));
                        }
                    }
                    sha.update(buffer, 0, n);
                    out.write(buffer, 0, n);
                    total += n;
                }
            }
        }
        System.out.printf("SENT bytes=%d sha256=%s%n", total, hex(sha.digest()));
    }

    private static String hex(final byte[] bytes)
    {
        final StringBuilder sb = new StringBuilder();
        for (final byte b : bytes)
        {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
